import { createHmac } from 'node:crypto';
import { OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import type { IntegrationSettings, RawWebhook } from '../core/aggregator-adapter';
import { aggregatorAdapterConformance, type SignFn } from '../core/conformance';
import { WooCommerceAdapter } from './woocommerce.adapter';
import { decodeEntities } from './woocommerce.mapper';
import order727 from './__fixtures__/order-727.json';
import order723 from './__fixtures__/order-723.json';

/**
 * The bytes WordPress sends: `wp_json_encode` is PHP's json_encode without flags, which escapes
 * "/" as "\/" and every non-ASCII character as \uXXXX.
 */
function phpJsonEncode(value: unknown): Buffer {
  const json = JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return Buffer.from(json, 'utf8');
}

// From the WooCommerce REST API docs, "Webhooks": X-WC-Webhook-Signature is a base64 HMAC-SHA256 of the payload.
const sign: SignFn = (body, integration) => ({
  'x-wc-webhook-signature': createHmac('sha256', integration.secret).update(body).digest('base64'),
});

const integration: IntegrationSettings = {
  venueId: 'blr-indiranagar',
  storeRef: 'https://example.com',
  secret: 'wc-webhook-secret',
};

const headersFor = (topic: string, deliveryId: string): Record<string, string> => ({
  'x-wc-webhook-source': 'https://example.com/',
  'x-wc-webhook-topic': topic,
  'x-wc-webhook-resource': topic.split('.')[0],
  'x-wc-webhook-event': topic.split('.')[1],
  'x-wc-webhook-id': '3',
  'x-wc-webhook-delivery-id': deliveryId,
  'content-type': 'application/json',
});

aggregatorAdapterConformance({
  createAdapter: () => new WooCommerceAdapter(),
  integration,
  sign,
  signatureHeader: 'x-wc-webhook-signature',
  fixtures: [
    {
      name: 'order.created, order 727 (REST API v3 docs, "Retrieve an order")',
      body: phpJsonEncode(order727),
      headers: headersFor('order.created', '36e520ebabc2fa725092ff4a47acedf2'),
      expect: { kind: 'orders', externalIds: ['727'], totals: [2935] },
    },
    {
      name: 'order.created, order 723 with non-ASCII names (REST API v3 docs, "List all orders")',
      body: phpJsonEncode(order723),
      headers: headersFor('order.created', '4df0a951a314adc554e0f2016102e020'),
      expect: { kind: 'orders', externalIds: ['723'], totals: [3900] },
    },
    {
      name: 'order.updated, order 723 completed',
      body: phpJsonEncode(order723),
      headers: headersFor('order.updated', '5e2a1f0c9b7d4e3f8a6b1c2d3e4f5a6b'),
      expect: { kind: 'status', externalIds: ['723'], statuses: [OrderStatus.COMPLETED] },
    },
    {
      name: 'a topic we do not use (product.updated)',
      body: phpJsonEncode({ id: 93, name: 'Woo Single #1' }),
      headers: headersFor('product.updated', '6f3b2a1d0c9e8f7a6b5c4d3e2f1a0b9c'),
      expect: { kind: 'ignored' },
    },
  ],
});

describe('WooCommerceAdapter', () => {
  const adapter = new WooCommerceAdapter();
  const webhook = (rawBody: Buffer, headers: Record<string, string>): RawWebhook => ({
    platform: 'woocommerce',
    headers,
    rawBody,
    url: 'https://hub.example.com/v1/webhooks/woocommerce',
    receivedAt: new Date('2024-05-01T10:00:00Z'),
  });

  it('verifies the escaped bytes as sent; the same order re-serialised without escapes fails', () => {
    const wire = phpJsonEncode(order727);
    expect(wire.toString()).toContain('https:\\/\\/example.com\\/wp-json\\/wc\\/v3\\/orders\\/727');
    const signed = webhook(wire, {
      ...headersFor('order.created', 'd1'),
      ...sign(wire, integration, new Date(), ''),
    });
    expect(adapter.verifySignature(signed, integration)).toBe(true);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(wire.toString())));
    expect(adapter.verifySignature({ ...signed, rawBody: reserialised }, integration)).toBe(false);
  });

  it('answers the unsigned form-encoded creation ping with ignored, and nothing else unsigned', async () => {
    const ping = webhook(Buffer.from('webhook_id=3'), {
      'content-type': 'application/x-www-form-urlencoded',
      'x-wc-webhook-source': 'https://example.com/',
    });
    expect(adapter.verifySignature(ping, integration)).toBe(true);
    await expect(adapter.parseWebhook(ping, integration)).resolves.toEqual({
      kind: 'ignored',
      reason: 'webhook creation ping',
    });
    const unsignedOrder = webhook(phpJsonEncode(order727), headersFor('order.created', 'd2'));
    expect(adapter.verifySignature(unsignedOrder, integration)).toBe(false);
    const pingWithBadSignature = { ...ping, headers: { ...ping.headers, 'x-wc-webhook-signature': 'AAAA' } };
    expect(adapter.verifySignature(pingWithBadSignature, integration)).toBe(false);
  });

  it('normalises the store reference from X-WC-Webhook-Source', () => {
    expect(
      adapter.storeRefOf(webhook(Buffer.from('{}'), { 'x-wc-webhook-source': 'HTTPS://Example.COM/' })),
    ).toBe('https://example.com');
    expect(adapter.storeRefOf(webhook(Buffer.from('{}'), {}))).toBeUndefined();
  });

  it('maps order 727 as documented', async () => {
    const wire = phpJsonEncode(order727);
    const outcome = await adapter.parseWebhook(webhook(wire, headersFor('order.created', 'd3')), integration);
    if (outcome.kind !== 'orders') throw new Error(`expected orders, got ${outcome.kind}`);
    expect(outcome.dedupeKey).toBe('d3');
    const [order] = outcome.orders;
    expect(order).toMatchObject({
      externalId: '727',
      displayNumber: '727',
      orderType: OrderType.DELIVERY,
      placedAt: '2017-03-22T19:28:02.000Z',
      customer: { name: 'John Doe', phone: '(555) 555-5555' },
      payment: { status: PaymentStatus.PAID, method: 'Direct Bank Transfer' },
      totals: {
        subtotal: 1800,
        tax: 135,
        discount: 0,
        deliveryFee: 1000,
        tip: 0,
        total: 2935,
        currency: 'USD',
      },
    });
    expect(order.items).toEqual([
      {
        lineId: '315',
        externalCode: '93',
        name: 'Woo Single #1',
        quantity: 2,
        unitPrice: 300,
        modifiers: [],
      },
      {
        lineId: '316',
        externalCode: 'Bar3',
        name: 'Ship Your Idea – Color: Black, Size: M Test',
        quantity: 1,
        unitPrice: 1200,
        modifiers: [],
        notes: 'pa_color: black · size: M Test',
      },
    ]);
    expect(JSON.stringify(order)).not.toContain('john.doe@example.com');
  });

  it('reads \\u-escaped names back to text', async () => {
    const outcome = await adapter.parseWebhook(
      webhook(phpJsonEncode(order723), headersFor('order.created', 'd4')),
      integration,
    );
    expect(outcome.kind === 'orders' && outcome.orders[0].customer.name).toBe('João Silva');
    expect(outcome.kind === 'orders' && outcome.orders[0].payment?.status).toBe(PaymentStatus.PENDING);
  });

  it('decodes the HTML entities WooCommerce puts in names', () => {
    expect(decodeEntities('Fish &amp; Chips &#8211; large &times; 2 &bogus;')).toBe(
      'Fish & Chips – large × 2 &bogus;',
    );
  });

  it('names the field that is wrong', async () => {
    const broken = phpJsonEncode({
      ...order727,
      line_items: [{ id: 1, quantity: 'two', name: 'x', subtotal: '1.00' }],
    });
    await expect(
      adapter.parseWebhook(webhook(broken, headersFor('order.created', 'd5')), integration),
    ).rejects.toThrow('body.line_items[0].quantity: expected a number, got the string "two"');
    const noCurrency = phpJsonEncode({ ...order727, currency: undefined });
    await expect(
      adapter.parseWebhook(webhook(noCurrency, headersFor('order.created', 'd6')), integration),
    ).rejects.toThrow('body.currency');
  });

  it('maps statuses onto WooCommerce order statuses', () => {
    expect(adapter.mapStatus(OrderStatus.ACCEPTED)).toBe('processing');
    expect(adapter.mapStatus(OrderStatus.REJECTED)).toBe('cancelled');
    expect(() => adapter.mapStatus(OrderStatus.READY)).toThrow(
      'woocommerce cannot express the status "ready"',
    );
  });
});
