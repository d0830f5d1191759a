import { createHmac } from 'node:crypto';
import { OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import type { IntegrationSettings, RawWebhook } from '../core/aggregator-adapter';
import { MalformedPayloadError } from '../core/adapter.errors';
import { aggregatorAdapterConformance, type SignFn } from '../core/conformance';
import { ShopifyAdapter } from './shopify.adapter';
import sdkOrder from './__fixtures__/order.sdk.json';
import cancelled from './__fixtures__/orders-cancelled.crafted.json';

// Written from shopify.dev "Verify webhooks": base64(HMAC-SHA256(client secret, raw body)).
const sign: SignFn = (body, integration) => ({
  'x-shopify-hmac-sha256': createHmac('sha256', integration.secret).update(body).digest('base64'),
});

const integration: IntegrationSettings = {
  venueId: 'blr-koramangala',
  storeRef: 'spice-route.myshopify.com',
  secret: 'shpss_test_client_secret',
};

const headersFor = (topic: string, webhookId: string): Record<string, string> => ({
  'x-shopify-topic': topic,
  'x-shopify-shop-domain': 'spice-route.myshopify.com',
  'x-shopify-webhook-id': webhookId,
  'x-shopify-api-version': '2025-07',
  'content-type': 'application/json',
});

// The webhook body is the order resource itself; the SDK fixture wraps it in {"order": ...} as the REST API does.
const orderBody = JSON.stringify(sdkOrder.order);

aggregatorAdapterConformance({
  createAdapter: () => new ShopifyAdapter(),
  integration,
  sign,
  signatureHeader: 'x-shopify-hmac-sha256',
  fixtures: [
    {
      name: 'orders/create (Shopify API SDK fixture order.json)',
      body: orderBody,
      headers: headersFor('orders/create', 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043'),
      expect: { kind: 'orders', externalIds: ['450789469'], totals: [40994] },
    },
    {
      name: 'orders/cancelled (crafted)',
      body: JSON.stringify(cancelled),
      headers: headersFor('orders/cancelled', '1f0c5e5b-6a3a-4a43-9a1e-7f2f0f3f6c11'),
      expect: { kind: 'status', externalIds: ['450789469'], statuses: [OrderStatus.CANCELLED] },
    },
    {
      name: 'a topic we do not use (products/update)',
      body: '{"id":632910392}',
      headers: headersFor('products/update', '9d1e7c55-0d59-4f7e-9a55-1f3f1f7b2a10'),
      expect: { kind: 'ignored' },
    },
  ],
});

describe('ShopifyAdapter', () => {
  const adapter = new ShopifyAdapter();
  const webhook = (body: string, headers: Record<string, string>): RawWebhook => ({
    platform: 'shopify',
    headers,
    rawBody: Buffer.from(body),
    url: 'https://hub.example.com/v1/webhooks/shopify',
    receivedAt: new Date('2024-05-01T10:00:00Z'),
  });
  const signed = (body: string, headers: Record<string, string>): RawWebhook =>
    webhook(body, { ...headers, ...sign(Buffer.from(body), integration, new Date(), '') });

  it('accepts the newer un-prefixed header names', async () => {
    const body = orderBody;
    const delivery = webhook(body, {
      'shopify-topic': 'orders/create',
      'shopify-shop-domain': 'Spice-Route.myshopify.com',
      'shopify-webhook-id': 'd1f2',
      'shopify-hmac-sha256': createHmac('sha256', integration.secret).update(body).digest('base64'),
    });
    expect(adapter.storeRefOf(delivery)).toBe('spice-route.myshopify.com');
    expect(adapter.verifySignature(delivery, integration)).toBe(true);
    const outcome = await adapter.parseWebhook(delivery, integration);
    expect(outcome).toMatchObject({ kind: 'orders', dedupeKey: 'd1f2' });
  });

  it('verifies the bytes as sent: the same JSON re-serialised does not verify', () => {
    const delivery = signed(orderBody, headersFor('orders/create', 'w1'));
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(orderBody), null, 2));
    expect(adapter.verifySignature({ ...delivery, rawBody: reserialised }, integration)).toBe(false);
  });

  it('maps the published order, keeping its totals as Shopify states them', async () => {
    const outcome = await adapter.parseWebhook(
      signed(orderBody, headersFor('orders/create', 'w2')),
      integration,
    );
    if (outcome.kind !== 'orders') throw new Error(`expected orders, got ${outcome.kind}`);
    const [order] = outcome.orders;
    expect(order).toMatchObject({
      externalId: '450789469',
      displayNumber: '#1001',
      orderType: OrderType.DELIVERY,
      placedAt: '2008-01-10T16:00:00.000Z',
      customer: { name: 'Bob Norman', phone: '555-625-1199' },
      notes: 'Test note · custom engraving: Happy Birthday · colour: green',
      payment: { status: PaymentStatus.AUTHORIZED, method: 'authorize_net', payments: [] },
      // three lines of 199.00 but total_line_items_price 398.00: the sample's own oddity, kept as sent
      totals: {
        subtotal: 39800,
        tax: 1194,
        discount: 0,
        deliveryFee: 0,
        tip: 0,
        total: 40994,
        currency: 'USD',
      },
    });
    expect(
      order.items.map((item) => [item.lineId, item.externalCode, item.quantity, item.unitPrice]),
    ).toEqual([
      ['466157049', 'IPOD2008GREEN', 1, 19900],
      ['518995019', 'IPOD2008RED', 1, 19900],
      ['703073504', 'IPOD2008BLACK', 1, 19900],
    ]);
    expect(order.items[0].notes).toBe('Custom Engraving: Happy Birthday');
    // PII only in `customer`: the e-mail and addresses are not carried anywhere
    expect(JSON.stringify(order)).not.toContain('hostmail.com');
    expect(JSON.stringify(order)).not.toContain('Chestnut');
  });

  it('names the field that is wrong', async () => {
    const broken = {
      ...sdkOrder.order,
      line_items: [{ ...sdkOrder.order.line_items[0], price: { amount: 1 } }],
    };
    const body = JSON.stringify(broken);
    await expect(
      adapter.parseWebhook(signed(body, headersFor('orders/create', 'w3')), integration),
    ).rejects.toThrow('body.line_items[0].price: expected a number, got an object');
    const noLines = JSON.stringify({ ...sdkOrder.order, line_items: undefined });
    const error = await adapter
      .parseWebhook(signed(noLines, headersFor('orders/create', 'w4')), integration)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MalformedPayloadError);
    expect((error as MalformedPayloadError).problems.join()).toContain('body.line_items');
  });

  it('maps canonical statuses to what Shopify can express, and refuses the rest', () => {
    expect(adapter.mapStatus(OrderStatus.DISPATCHED)).toBe('fulfilled');
    expect(adapter.mapStatus(OrderStatus.CANCELLED)).toBe('cancelled');
    expect(adapter.mapStatus(OrderStatus.RECEIVED)).toBeUndefined();
    expect(() => adapter.mapStatus(OrderStatus.IN_PREPARATION)).toThrow(
      'shopify cannot express the status "in_preparation"',
    );
  });
});
