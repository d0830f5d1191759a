import { OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import type { IntegrationSettings, RawWebhook } from '../core/aggregator-adapter';
import { aggregatorAdapterConformance, type SignFn } from '../core/conformance';
import { DoorDashAdapter } from './doordash.adapter';
import sample from './__fixtures__/sample-self-delivery-order.json';
import cancelled from './__fixtures__/order-cancelled.crafted.json';

// developer.doordash.com "Create a Webhook Subscription": the endpoint is protected by the auth token set in the portal.
const sign: SignFn = (_body, integration) => ({ authorization: `Bearer ${integration.secret}` });

const integration: IntegrationSettings = {
  venueId: 'blr-koramangala',
  storeRef: '601135',
  secret: 'dd-webhook-auth-token',
  currency: 'USD',
};

aggregatorAdapterConformance({
  createAdapter: () => new DoorDashAdapter(),
  integration,
  sign,
  signatureHeader: 'authorization',
  signsBody: false,
  fixtures: [
    {
      name: 'new order (developer.doordash.com "Sample Self-Delivery Order")',
      body: JSON.stringify(sample),
      // subtotal 1564 + tax 94 + delivery fee 299 + taxes on fees 18 + tip 100
      expect: { kind: 'orders', externalIds: ['0nb24d02-e25f-4acb-aeb0-e387b1335791'], totals: [2075] },
    },
    {
      name: 'order cancelled (crafted)',
      body: JSON.stringify(cancelled),
      expect: {
        kind: 'status',
        externalIds: ['0nb24d02-e25f-4acb-aeb0-e387b1335791'],
        statuses: [OrderStatus.CANCELLED],
      },
    },
  ],
  malformed: [
    { name: 'an order without categories', body: '{"id":"x","store":{"merchant_supplied_id":"601135"}}' },
  ],
});

describe('DoorDashAdapter', () => {
  const adapter = new DoorDashAdapter();
  const webhook = (body: unknown, authorization?: string): RawWebhook => ({
    platform: 'doordash',
    headers: authorization === undefined ? {} : { authorization },
    rawBody: Buffer.from(JSON.stringify(body)),
    url: 'https://hub.example.com/v1/webhooks/doordash',
    receivedAt: new Date('2021-04-15T11:40:00Z'),
  });

  it('maps the published sample, tolerating its option group filed as an item', async () => {
    const outcome = await adapter.parseWebhook(webhook(sample), integration);
    if (outcome.kind !== 'orders') throw new Error(`expected orders, got ${outcome.kind}`);
    const [order] = outcome.orders;
    expect(order).toMatchObject({
      displayNumber: '897176',
      orderType: OrderType.DELIVERY,
      placedAt: '2021-04-15T11:40:00.000Z',
      customer: { name: 'Kelley B', phone: '1231234567' },
      payment: { status: PaymentStatus.PAID, method: 'doordash' },
      totals: { subtotal: 1564, tax: 94, deliveryFee: 317, tip: 100, total: 2075, currency: 'USD' },
    });
    expect(order.items).toEqual([
      {
        lineId: '1:780709',
        externalCode: '780709',
        name: 'Plain Bagel',
        quantity: 1,
        unitPrice: 149,
        modifiers: [{ externalCode: '780471', name: 'Sliced & Toasted', quantity: 1, unitPrice: 0 }],
      },
      {
        lineId: '2:Eggs',
        externalCode: 'Eggs',
        name: 'Eggs',
        quantity: 1,
        unitPrice: 0,
        modifiers: [
          { externalCode: 'K:90136', name: 'Folded Egg White (30 Cal.)', quantity: 1, unitPrice: 109 },
        ],
      },
    ]);
    // the delivery address and the e-mail stay out of the canonical order
    expect(JSON.stringify(order)).not.toContain('May Ave');
  });

  it('takes Basic auth when the integration says so', () => {
    const basic = { ...integration, secret: 'doordash:s3cret', credentials: { authScheme: 'basic' } };
    const header = `Basic ${Buffer.from('doordash:s3cret').toString('base64')}`;
    expect(adapter.verifySignature(webhook(sample, header), basic)).toBe(true);
    expect(adapter.verifySignature(webhook(sample, 'Bearer doordash:s3cret'), basic)).toBe(false);
    expect(adapter.verifySignature(webhook(sample, `Bearer ${integration.secret}`), integration)).toBe(true);
  });

  it('reads the store from a wrapped delivery too', () => {
    expect(adapter.storeRefOf(webhook({ event: { type: 'OrderCreate' }, order: sample }))).toBe('601135');
  });

  it('confirms orders with success or fail', () => {
    expect(adapter.mapStatus(OrderStatus.ACCEPTED)).toBe('success');
    expect(adapter.mapStatus(OrderStatus.REJECTED)).toBe('fail');
    expect(() => adapter.mapStatus(OrderStatus.READY)).toThrow('doordash cannot express the status "ready"');
  });
});
