import { OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import type { IntegrationSettings, RawWebhook, WebhookOutcome } from '../core/aggregator-adapter';
import { AdapterCapabilityUnsupported } from '../core/adapter.errors';
import { aggregatorAdapterConformance, type SignFn } from '../core/conformance';
import { GloriaFoodAdapter } from './gloriafood.adapter';
import v2Push from './__fixtures__/orders.json';
import usTaxPush from './__fixtures__/US_tax_model_order.json';

// GlobalFood/integration_docs accepted_orders/README.md: the master key is sent as-is in "Authorization".
const sign: SignFn = (_body, integration) => ({ authorization: integration.secret });

const integration: IntegrationSettings = {
  venueId: 'blr-koramangala',
  storeRef: '8yCPCvb3dDo1k',
  secret: 'e6fIguVkyG5xtT3BYGMI4rfm9iVt24YJ',
};

aggregatorAdapterConformance({
  createAdapter: () => new GloriaFoodAdapter(),
  integration,
  sign,
  signatureHeader: 'authorization',
  signsBody: false,
  fixtures: [
    {
      name: 'accepted orders push (integration_docs accepted_orders/payload/orders.json)',
      body: JSON.stringify(v2Push),
      headers: { 'content-type': 'application/json' },
      expect: { kind: 'orders', externalIds: ['776113'], totals: [6241] },
    },
    {
      name: 'accepted orders push, US tax model (integration_docs accepted_orders/payload/json/US_tax_model_order.json)',
      body: JSON.stringify(usTaxPush),
      headers: { 'content-type': 'application/json' },
      integration: { storeRef: 'bvvZ3913t1cJRf8HA5OxvO2FjiSmExSly', venueId: 'blr-indiranagar' },
      expect: { kind: 'orders', externalIds: ['6816'], totals: [7566] },
    },
  ],
  malformed: [
    { name: 'an order without its id', body: '{"count":1,"orders":[{"restaurant_key":"8yCPCvb3dDo1k"}]}' },
    { name: 'orders that is not an array', body: '{"count":1,"orders":{"id":1}}' },
  ],
});

describe('GloriaFoodAdapter', () => {
  const adapter = new GloriaFoodAdapter();
  const webhook = (body: unknown, headers: Record<string, string> = {}): RawWebhook => ({
    platform: 'gloriafood',
    headers: { authorization: integration.secret, ...headers },
    rawBody: Buffer.from(JSON.stringify(body)),
    url: 'https://hub.example.com/v1/webhooks/gloriafood',
    receivedAt: new Date('2024-05-01T10:00:00Z'),
  });

  const ordersOf = (outcome: WebhookOutcome) => {
    if (outcome.kind !== 'batch') throw new Error(`expected a batch, got ${outcome.kind}`);
    return outcome.entries.flatMap((entry) => ('order' in entry ? [entry.order] : []));
  };

  it('converts float prices to minor units and splits the special item types', async () => {
    const outcome = await adapter.parseWebhook(webhook(v2Push), integration);
    const [order] = ordersOf(outcome);
    expect(order).toMatchObject({
      externalId: '776113',
      orderType: OrderType.DELIVERY,
      placedAt: '2016-02-03T16:19:32.000Z',
      customer: { name: 'Donald Draper', phone: '+15551234567' },
      payment: { status: PaymentStatus.PAID, method: 'online' },
      // items 8.20 + 11.70 + 8.70 + 18.00 + 12.00; promotions 8.20 + 2.52; GloriaFood's own total
      totals: {
        subtotal: 5860,
        tax: 413,
        discount: 1072,
        deliveryFee: 500,
        tip: 567,
        total: 6241,
        currency: 'USD',
      },
    });
    expect(order.scheduledFor).toBeUndefined();
    expect(order.items.map((item) => item.name)).toEqual([
      'Pizza Margherita',
      'Pizza Prosciutto',
      'Pizza Prosciutto',
      'Spaghetti Bolognese',
      'Spaghetti Frutti di Mare',
    ]);
    expect(order.items[0]).toEqual({
      lineId: '1678322',
      externalCode: '58424',
      name: 'Pizza Margherita',
      quantity: 1,
      unitPrice: 700,
      modifiers: [
        { externalCode: '37086', name: 'Size: Small', quantity: 1, unitPrice: 0 },
        { externalCode: '51187', name: 'Crust: Crispy', quantity: 1, unitPrice: 0 },
        {
          externalCode: '51189',
          name: 'Extra Toppings (Small): Extra mozzarella',
          quantity: 1,
          unitPrice: 120,
        },
      ],
    });
    expect(outcome.kind === 'batch' && outcome.entries.map((entry) => entry.dedupeKey)).toEqual([
      '776113:accepted',
    ]);
    expect(JSON.stringify(order)).not.toContain('globalfoodsoft.com');
  });

  it('counts the cash discount and keeps instructions', async () => {
    const outcome = await adapter.parseWebhook(webhook(usTaxPush), {
      ...integration,
      storeRef: 'bvvZ3913t1cJRf8HA5OxvO2FjiSmExSly',
    });
    const [order] = ordersOf(outcome);
    expect(order.notes).toBe('Please call when you arrive at the gate');
    expect(order.items[0]).toMatchObject({ quantity: 4, unitPrice: 700, notes: 'No pepper please' });
    // 40.80 + 12 + 12 + 5; promotions 5 + 5 + 12; cash discount 5
    expect(order.totals).toMatchObject({
      subtotal: 6980,
      discount: 2700,
      deliveryFee: 1000,
      tip: 688,
      total: 7566,
    });
  });

  it('takes only its own restaurant from a push that spans restaurants, and names every store', async () => {
    const mixed = { count: 2, orders: [v2Push.orders[0], usTaxPush.orders[0]] };
    expect(adapter.storeRefsOf(webhook(mixed))).toEqual([
      '8yCPCvb3dDo1k',
      'bvvZ3913t1cJRf8HA5OxvO2FjiSmExSly',
    ]);
    const outcome = await adapter.parseWebhook(webhook(mixed), integration);
    expect(outcome).toMatchObject({ kind: 'batch', otherStoreRefs: ['bvvZ3913t1cJRf8HA5OxvO2FjiSmExSly'] });
    expect(ordersOf(outcome).map((order) => order.externalId)).toEqual(['776113']);
    const other = await adapter.parseWebhook(webhook(mixed), {
      ...integration,
      storeRef: 'bvvZ3913t1cJRf8HA5OxvO2FjiSmExSly',
    });
    expect(ordersOf(other).map((order) => order.externalId)).toEqual(['6816']);
  });

  it('reads cancelled orders as status entries beside accepted ones, each under its own key', async () => {
    const restaurant = { ...integration, storeRef: 'bvvZ3913t1cJRf8HA5OxvO2FjiSmExSly' };
    const cancelled = usTaxPush.orders[0];
    const push = {
      count: 2,
      orders: [
        { ...cancelled, status: 'canceled' },
        { ...cancelled, id: 6817 },
      ],
    };
    const outcome = await adapter.parseWebhook(webhook(push), restaurant);
    expect(outcome).toMatchObject({
      kind: 'batch',
      entries: [
        {
          dedupeKey: '6816:canceled',
          update: { externalId: '6816', platformStatus: 'canceled', status: OrderStatus.CANCELLED },
        },
        { dedupeKey: '6817:accepted', order: { externalId: '6817' } },
      ],
    });
  });

  it('compares the static key exactly', () => {
    expect(
      adapter.verifySignature(
        webhook(v2Push, { authorization: `Bearer ${integration.secret}` }),
        integration,
      ),
    ).toBe(false);
    expect(
      adapter.verifySignature(
        webhook(v2Push, { authorization: integration.secret.slice(0, -1) }),
        integration,
      ),
    ).toBe(false);
  });

  it('takes no status callbacks', () => {
    expect(() => adapter.mapStatus(OrderStatus.READY)).toThrow(AdapterCapabilityUnsupported);
  });
});
