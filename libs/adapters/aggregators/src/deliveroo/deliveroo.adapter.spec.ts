import { createHmac } from 'node:crypto';
import { OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import type { IntegrationSettings, RawWebhook } from '../core/aggregator-adapter';
import { aggregatorAdapterConformance, type SignFn } from '../core/conformance';
import { DeliverooAdapter } from './deliveroo.adapter';
import orderNew from './__fixtures__/order-new.crafted.json';
import statusUpdate from './__fixtures__/order-status-update.crafted.json';

const GUID = '173153b95651b2a5';

// api-docs.deliveroo.com "Securing Webhooks": hex HMAC-SHA256(secret, "<sequence guid> <body>").
const sign: SignFn = (body, integration) => ({
  'x-deliveroo-sequence-guid': GUID,
  'x-deliveroo-hmac-sha256': createHmac('sha256', integration.secret)
    .update(`${GUID} ${body.toString('utf8')}`)
    .digest('hex'),
});

const integration: IntegrationSettings = {
  venueId: 'blr-koramangala',
  storeRef: '348502bd-708f-4977-a02c-600c5419e2b7',
  secret: 'deliveroo-webhook-secret',
};

aggregatorAdapterConformance({
  createAdapter: () => new DeliverooAdapter(),
  integration,
  sign,
  signatureHeader: 'x-deliveroo-hmac-sha256',
  fixtures: [
    {
      name: 'order.new (crafted; top level from the docs "Fulfillment Types" example)',
      body: JSON.stringify(orderNew),
      headers: { 'x-deliveroo-payload-type': 'event/order.new', 'x-deliveroo-webhook-version': '1' },
      expect: { kind: 'orders', externalIds: ['gb:32498deb-d730-4dfb-b034-38f2d24f5bfd'], totals: [1770] },
    },
    {
      name: 'order.status_update, canceled (crafted)',
      body: JSON.stringify(statusUpdate),
      expect: {
        kind: 'status',
        externalIds: ['gb:32498deb-d730-4dfb-b034-38f2d24f5bfd'],
        statuses: [OrderStatus.CANCELLED],
      },
    },
  ],
  malformed: [{ name: 'an event without body', body: '{"event":"order.new"}' }],
});

describe('DeliverooAdapter', () => {
  const adapter = new DeliverooAdapter();
  const webhook = (body: string, headers: Record<string, string>): RawWebhook => ({
    platform: 'deliveroo',
    headers,
    rawBody: Buffer.from(body),
    url: 'https://hub.example.com/v1/webhooks/deliveroo',
    receivedAt: new Date(),
  });

  it('accepts the legacy " \\n " separator of the POS new_order webhooks', () => {
    const body = JSON.stringify(orderNew);
    const legacy = createHmac('sha256', integration.secret).update(`${GUID} \n ${body}`).digest('hex');
    const delivery = webhook(body, { 'x-deliveroo-sequence-guid': GUID, 'x-deliveroo-hmac-sha256': legacy });
    expect(adapter.verifySignature(delivery, integration)).toBe(true);
    expect(
      adapter.verifySignature(
        { ...delivery, headers: { ...delivery.headers, 'x-deliveroo-sequence-guid': 'other' } },
        integration,
      ),
    ).toBe(false);
  });

  it('maps the order with its masked phone and access code', async () => {
    const body = JSON.stringify(orderNew);
    const outcome = await adapter.parseWebhook(
      webhook(body, sign(Buffer.from(body), integration, new Date(), '')),
      integration,
    );
    if (outcome.kind !== 'orders') throw new Error(`expected orders, got ${outcome.kind}`);
    expect(outcome.dedupeKey).toBe(GUID);
    expect(outcome.orders[0]).toMatchObject({
      displayNumber: '1753',
      orderType: OrderType.DELIVERY,
      placedAt: '2022-03-07T16:12:13.000Z',
      customer: { name: 'Alex', phone: '+44 20 3699 9977 code 123 456 789' },
      notes: 'No pickles please. · NO CUTLERY',
      payment: { status: PaymentStatus.PAID },
      totals: { subtotal: 2400, discount: 630, total: 1770, currency: 'GBP' },
    });
  });

  it('maps canonical statuses onto Deliveroo order and prep stages', () => {
    expect(adapter.mapStatus(OrderStatus.ACCEPTED)).toBe('accepted');
    expect(adapter.mapStatus(OrderStatus.READY)).toBe('ready_for_collection');
    expect(() => adapter.mapStatus(OrderStatus.REFUNDED)).toThrow(
      'deliveroo cannot express the status "refunded"',
    );
  });
});
