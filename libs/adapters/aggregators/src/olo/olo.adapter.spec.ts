import { createHmac } from 'node:crypto';
import { OrderStatus, OrderType } from '@hub/order-model';
import type { IntegrationSettings, RawWebhook } from '../core/aggregator-adapter';
import { AdapterCapabilityUnsupported } from '../core/adapter.errors';
import { aggregatorAdapterConformance, type SignFn } from '../core/conformance';
import { OLO_MAX_AGE_MS, OloAdapter, oloTicksToMillis } from './olo.adapter';
import orderPlaced from './__fixtures__/order-placed.crafted.json';
import orderCancelled from './__fixtures__/order-cancelled.crafted.json';

/** Date → .NET ticks, written independently of the adapter: 100 ns units since 0001-01-01. */
function ticksOf(date: Date): string {
  return (BigInt(date.getTime()) * 10_000n + 621_355_968_000_000_000n).toString();
}

// ololabs/dev-support-code-samples WebhookSignatureValidation: base64 HMAC-SHA256 of url\nbody\nmessageId\ntimestamp.
const sign: SignFn = (body, integration, at) => {
  const messageId = 'f8dac5dd-d3b2-476c-b969-a668c699637c';
  const timestamp = ticksOf(at);
  const toSign = `${integration.notificationUrl ?? ''}\n${body.toString('utf8')}\n${messageId}\n${timestamp}`;
  return {
    'x-olo-message-id': messageId,
    'x-olo-timestamp': timestamp,
    'x-olo-signature': createHmac('sha256', Buffer.from(integration.secret, 'utf8'))
      .update(toSign, 'utf8')
      .digest('base64'),
  };
};

const integration: IntegrationSettings = {
  venueId: 'blr-koramangala',
  storeRef: '12345',
  secret: 'a'.repeat(64),
  notificationUrl: 'https://hub.example.com/v1/webhooks/olo',
};

aggregatorAdapterConformance({
  createAdapter: () => new OloAdapter(),
  integration,
  sign,
  signatureHeader: 'x-olo-signature',
  staleAfterMs: OLO_MAX_AGE_MS,
  fixtures: [
    {
      name: 'order placed (crafted)',
      body: JSON.stringify(orderPlaced),
      expect: { kind: 'orders', externalIds: ['1234567890'], totals: [2385] },
    },
    {
      name: 'order cancelled (crafted)',
      body: JSON.stringify(orderCancelled),
      expect: { kind: 'status', externalIds: ['1234567890'], statuses: [OrderStatus.CANCELLED] },
    },
  ],
});

describe('OloAdapter', () => {
  const adapter = new OloAdapter();

  it("verifies Olo's own sample inputs, and refuses them once they are stale", async () => {
    // the inputs of ololabs/dev-support-code-samples WebhookSignatureValidation/Node.js (note the odd "w" in the GUID)
    const sample = {
      payload: '{"message":"Olo webhook test!"}',
      messageId: 'f8dac5dd-d3b2-w76c-b969-a668c699637c',
      timestamp: '635616089149791951',
      webhookUrl: 'https://www.olo.com/webhook/',
      secret: 'ThisIsADemonstrationSecret',
    };
    const signature = createHmac('sha256', sample.secret)
      .update(`${sample.webhookUrl}\n${sample.payload}\n${sample.messageId}\n${sample.timestamp}`)
      .digest('base64');
    const sentAt = new Date(oloTicksToMillis(sample.timestamp) ?? 0);
    expect(sentAt.toISOString()).toBe('2015-03-10T18:28:34.979Z');
    const delivery: RawWebhook = {
      platform: 'olo',
      headers: {
        'x-olo-message-id': sample.messageId,
        'x-olo-timestamp': sample.timestamp,
        'x-olo-signature': signature,
      },
      rawBody: Buffer.from(sample.payload),
      url: sample.webhookUrl,
      receivedAt: new Date(sentAt.getTime() + 2_000),
    };
    const sampleIntegration = { ...integration, secret: sample.secret, notificationUrl: sample.webhookUrl };
    expect(adapter.verifySignature(delivery, sampleIntegration)).toBe(true);
    expect(adapter.verifySignature({ ...delivery, receivedAt: new Date() }, sampleIntegration)).toBe(false);
    await expect(adapter.parseWebhook(delivery, sampleIntegration)).resolves.toEqual({
      kind: 'ignored',
      reason: 'not an order event (test message)',
    });
  });

  it('refuses a timestamp from the future beyond the window, and one that is not ticks', () => {
    const body = JSON.stringify(orderPlaced);
    const future = new Date(Date.now() + OLO_MAX_AGE_MS + 60_000);
    const delivery: RawWebhook = {
      platform: 'olo',
      headers: sign(Buffer.from(body), integration, future, integration.notificationUrl ?? ''),
      rawBody: Buffer.from(body),
      url: integration.notificationUrl ?? '',
      receivedAt: new Date(),
    };
    expect(adapter.verifySignature(delivery, integration)).toBe(false);
    expect(
      adapter.verifySignature(
        { ...delivery, headers: { ...delivery.headers, 'x-olo-timestamp': '2024-05-01' } },
        integration,
      ),
    ).toBe(false);
  });

  it('maps the crafted order', async () => {
    const body = JSON.stringify(orderPlaced);
    const delivery: RawWebhook = {
      platform: 'olo',
      headers: sign(Buffer.from(body), integration, new Date(), ''),
      rawBody: Buffer.from(body),
      url: integration.notificationUrl ?? '',
      receivedAt: new Date(),
    };
    const outcome = await adapter.parseWebhook(delivery, integration);
    expect(outcome).toMatchObject({
      kind: 'orders',
      dedupeKey: 'f8dac5dd-d3b2-476c-b969-a668c699637c',
      orders: [{ orderType: OrderType.PICKUP, totals: { subtotal: 1925, tax: 160, tip: 300, total: 2385 } }],
    });
  });

  it('takes no status callbacks (the Rails API is not public)', () => {
    expect(() => adapter.mapStatus(OrderStatus.ACCEPTED)).toThrow(AdapterCapabilityUnsupported);
  });
});
