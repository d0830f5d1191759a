import { createHmac } from 'node:crypto';
import { OrderStatus, OrderType } from '@hub/order-model';
import type { IntegrationSettings, RawWebhook } from '../core/aggregator-adapter';
import { AdapterCapabilityUnsupported, MalformedPayloadError } from '../core/adapter.errors';
import { aggregatorAdapterConformance, type SignFn } from '../core/conformance';
import { DeclarativeAdapter } from './declarative.adapter';
import type { DeclarativeMapping } from './declarative-mapping';
import { DECLARATIVE_PRESETS } from './declarative.presets';
import zomatoOrder from './__fixtures__/zomato-order.crafted.json';
import zomatoCancelled from './__fixtures__/zomato-status-cancelled.crafted.json';
import swiggyOrder from './__fixtures__/swiggy-order.crafted.json';
import customMappingJson from './__fixtures__/custom-mapping.crafted.json';
import customBatch from './__fixtures__/custom-batch.crafted.json';
import customStatus from './__fixtures__/custom-status.crafted.json';

const customMapping = customMappingJson as unknown as DeclarativeMapping;

// UrbanPiper-style middleware: `Authorization: apikey <user>:<key>`, the key being the integration's secret.
const apiKey: SignFn = (_body, integration) => ({ authorization: `apikey ${integration.secret}` });

// The custom configuration's scheme, written from the configuration, not from the adapter.
const customSign: SignFn = (body, integration) => ({
  'x-dotpe-signature': `sha256=${createHmac('sha256', integration.secret).update(body).digest('base64')}`,
});

const zomato: IntegrationSettings = {
  venueId: 'blr-koramangala',
  storeRef: 'zmt-blr-koramangala',
  secret: 'hub-koramangala:3f9c2a7d1e',
};

aggregatorAdapterConformance({
  createAdapter: () => new DeclarativeAdapter('zomato', DECLARATIVE_PRESETS.zomato),
  integration: zomato,
  sign: apiKey,
  signatureHeader: 'authorization',
  signsBody: false,
  fixtures: [
    {
      name: 'order relay (crafted, UrbanPiper structure)',
      body: JSON.stringify(zomatoOrder),
      // 2 × (180 + 15) + 65 = 455; + 22.75 tax − 50 discount + 20 packing = 447.75
      expect: { kind: 'orders', externalIds: ['ZMT-5573019'], totals: [44775] },
    },
    {
      name: 'order status change: cancelled (crafted)',
      body: JSON.stringify(zomatoCancelled),
      expect: { kind: 'status', externalIds: ['ZMT-5573019'], statuses: [OrderStatus.CANCELLED] },
    },
    {
      name: 'order relay with the store in an X-Store-Id header (crafted)',
      body: JSON.stringify({ ...zomatoOrder, order: { ...zomatoOrder.order, store: undefined } }),
      headers: { 'x-store-id': 'zmt-blr-koramangala' },
      expect: { kind: 'orders', externalIds: ['ZMT-5573019'], totals: [44775] },
    },
  ],
  malformed: [
    {
      name: 'an order without items',
      body: '{"order":{"details":{"ext_platforms":[{"id":"Z1"}],"order_total":1}}}',
    },
  ],
});

aggregatorAdapterConformance({
  createAdapter: () => new DeclarativeAdapter('swiggy', DECLARATIVE_PRESETS.swiggy),
  integration: {
    venueId: 'blr-indiranagar',
    storeRef: 'swg-blr-indiranagar',
    secret: 'hub-indiranagar:b81e',
  },
  sign: apiKey,
  signatureHeader: 'authorization',
  signsBody: false,
  fixtures: [
    {
      name: 'pickup order relay (crafted, UrbanPiper structure)',
      body: JSON.stringify(swiggyOrder),
      // 249 + 0 + 20 + 29 = 298; + 14.90 tax
      expect: { kind: 'orders', externalIds: ['148831207755'], totals: [31290] },
    },
  ],
});

const custom: IntegrationSettings = {
  venueId: 'blr-hsr',
  storeRef: 'dp-hsr-01',
  secret: 'whsec_5b0e4c1f9a',
  mapping: customMapping as unknown as Record<string, unknown>,
};

// no preset: the integration's own mapping; the store comes from the webhook URL's `store` parameter
aggregatorAdapterConformance({
  createAdapter: () => new DeclarativeAdapter('dotpe'),
  integration: custom,
  url: 'https://hub.example.com/v1/webhooks/dotpe?store=dp-hsr-01',
  sign: customSign,
  signatureHeader: 'x-dotpe-signature',
  fixtures: [
    {
      name: 'a batch of two orders, money in paise (crafted custom configuration)',
      body: JSON.stringify(customBatch),
      expect: { kind: 'orders', externalIds: ['DP-88213', 'DP-88214'], totals: [29500, 8800] },
    },
    {
      name: 'rider picked up (crafted custom configuration)',
      body: JSON.stringify(customStatus),
      expect: { kind: 'status', externalIds: ['DP-88213'], statuses: [OrderStatus.DISPATCHED] },
    },
  ],
});

describe('DeclarativeAdapter', () => {
  const webhook = (
    body: unknown,
    headers: Record<string, string> = {},
    url = 'https://hub.example.com/v1/webhooks/zomato',
  ): RawWebhook => ({
    platform: 'zomato',
    headers,
    rawBody: Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body)),
    url,
    receivedAt: new Date('2025-11-22T08:01:00Z'),
  });

  describe('the Zomato preset', () => {
    const adapter = new DeclarativeAdapter('zomato', DECLARATIVE_PRESETS.zomato);

    it('maps items, modifiers, customer and totals from major units', async () => {
      const outcome = await adapter.parseWebhook(webhook(zomatoOrder), zomato);
      if (outcome.kind !== 'orders') throw new Error(`expected orders, got ${outcome.kind}`);
      expect(outcome.dedupeKey).toBe('ZMT-5573019');
      expect(outcome.orders[0]).toMatchObject({
        channel: 'zomato',
        externalId: 'ZMT-5573019',
        displayNumber: '3214587',
        orderType: OrderType.DELIVERY,
        placedAt: '2025-11-22T08:00:00.000Z',
        customer: { name: 'Aarav Sharma', phone: '+919800000001' },
        notes: "Don't ring the bell",
        items: [
          {
            lineId: '1:PBM-01',
            externalCode: 'PBM-01',
            name: 'Paneer Butter Masala',
            quantity: 2,
            unitPrice: 18000,
            notes: 'less spicy',
            modifiers: [{ externalCode: 'OPT-BUTTER', name: 'Extra butter', quantity: 1, unitPrice: 1500 }],
          },
          { lineId: '2:NAAN-02', name: 'Butter Naan', quantity: 1, unitPrice: 6500, modifiers: [] },
        ],
        totals: {
          subtotal: 45500,
          tax: 2275,
          discount: 5000,
          deliveryFee: 2000,
          tip: 0,
          total: 44775,
          currency: 'INR',
        },
      });
    });

    it('reads a status change with its reason and time', async () => {
      const outcome = await adapter.parseWebhook(webhook(zomatoCancelled), zomato);
      expect(outcome).toEqual({
        kind: 'status',
        dedupeKey: 'status:ZMT-5573019:Cancelled',
        updates: [
          {
            externalId: 'ZMT-5573019',
            platformStatus: 'Cancelled',
            status: OrderStatus.CANCELLED,
            occurredAt: '2025-11-22T08:10:00.000Z',
            reason: 'Customer cancelled: ordered by mistake',
          },
        ],
      });
    });

    it('passes on a status it has no meaning for, without a canonical status', async () => {
      const outcome = await adapter.parseWebhook(
        webhook({ ...zomatoCancelled, new_state: 'Food Ready' }),
        zomato,
      );
      expect(outcome.kind === 'status' && outcome.updates[0]).toMatchObject({
        platformStatus: 'Food Ready',
        status: undefined,
      });
    });

    it('round-trips its status names', () => {
      expect(adapter.mapStatus(OrderStatus.DISPATCHED)).toBe('Dispatched');
      expect(adapter.toCanonicalStatus('completed')).toBe(OrderStatus.COMPLETED);
      expect(adapter.mapStatus(OrderStatus.RECEIVED)).toBeUndefined();
      expect(() => adapter.mapStatus(OrderStatus.READY)).toThrow('zomato cannot express the status "ready"');
    });

    it("refuses a delivery naming another store than the integration's", async () => {
      await expect(
        adapter.parseWebhook(webhook(zomatoOrder), { ...zomato, storeRef: 'zmt-blr-hsr' }),
      ).rejects.toThrow(
        'order.store.merchant_ref_id: names store "zmt-blr-koramangala", not this integration\'s',
      );
    });

    it('names the field path of a wrong value', async () => {
      const body = { ...zomatoOrder, order: { ...zomatoOrder.order, items: [{ title: 'X', price: 'ten' }] } };
      await expect(adapter.parseWebhook(webhook(body), zomato)).rejects.toThrow(
        'body.order.items[0].price: expected a number, got the string "ten"',
      );
    });

    it("uses the integration's own mapping over the preset", async () => {
      const own = { ...custom, storeRef: 'dp-hsr-01' };
      const outcome = await adapter.parseWebhook(webhook(customBatch), own);
      expect(outcome.kind === 'orders' && outcome.orders.map((order) => order.channel)).toEqual([
        'zomato',
        'zomato',
      ]);
    });
  });

  describe('authentication', () => {
    const body = Buffer.from(JSON.stringify(customBatch));
    const withAuth = (auth: DeclarativeMapping['auth']): IntegrationSettings => ({
      ...custom,
      mapping: { ...customMapping, auth } as unknown as Record<string, unknown>,
    });
    const adapter = new DeclarativeAdapter('dotpe');
    const hmac = (encoding: 'hex' | 'base64', secret = custom.secret) =>
      createHmac('sha256', secret).update(body).digest(encoding);

    it('hmac-sha256 hex: lowercase or uppercase hex of the raw body, nothing else', () => {
      const integration = withAuth({ scheme: 'hmac-sha256', header: 'x-signature', encoding: 'hex' });
      expect(adapter.verifySignature(webhook(body, { 'x-signature': hmac('hex') }), integration)).toBe(true);
      expect(
        adapter.verifySignature(webhook(body, { 'x-signature': hmac('hex').toUpperCase() }), integration),
      ).toBe(true);
      expect(adapter.verifySignature(webhook(body, { 'x-signature': hmac('base64') }), integration)).toBe(
        false,
      );
      expect(
        adapter.verifySignature(webhook(body, { 'x-signature': hmac('hex', 'other') }), integration),
      ).toBe(false);
      expect(adapter.verifySignature(webhook(body, {}), integration)).toBe(false);
    });

    it('hmac-sha256 base64 with a prefix: the prefix is required', () => {
      const integration = withAuth({
        scheme: 'hmac-sha256',
        header: 'x-sig',
        encoding: 'base64',
        prefix: 'sha256=',
      });
      expect(
        adapter.verifySignature(webhook(body, { 'x-sig': `sha256=${hmac('base64')}` }), integration),
      ).toBe(true);
      expect(adapter.verifySignature(webhook(body, { 'x-sig': hmac('base64') }), integration)).toBe(false);
      const tampered = Buffer.from(body.toString().replace('29500', '19500'));
      expect(
        adapter.verifySignature(webhook(tampered, { 'x-sig': `sha256=${hmac('base64')}` }), integration),
      ).toBe(false);
    });

    it('static key: the whole header, compared with the secret', () => {
      const integration = withAuth({ scheme: 'static-key', header: 'authorization', prefix: 'apikey ' });
      expect(
        adapter.verifySignature(webhook(body, { authorization: `apikey ${custom.secret}` }), integration),
      ).toBe(true);
      expect(adapter.verifySignature(webhook(body, { authorization: custom.secret }), integration)).toBe(
        false,
      );
      expect(
        adapter.verifySignature(webhook(body, { authorization: `apikey ${custom.secret}x` }), integration),
      ).toBe(false);
      const plain = withAuth({ scheme: 'static-key', header: 'x-api-key' });
      expect(adapter.verifySignature(webhook(body, { 'x-api-key': custom.secret }), plain)).toBe(true);
    });

    it('basic: Authorization: Basic base64(secret)', () => {
      const integration = { ...withAuth({ scheme: 'basic' }), secret: 'dotpe:pa55' };
      const token = Buffer.from('dotpe:pa55').toString('base64');
      expect(adapter.verifySignature(webhook(body, { authorization: `Basic ${token}` }), integration)).toBe(
        true,
      );
      expect(adapter.verifySignature(webhook(body, { authorization: `basic ${token}` }), integration)).toBe(
        true,
      );
      expect(adapter.verifySignature(webhook(body, { authorization: `Bearer ${token}` }), integration)).toBe(
        false,
      );
    });

    it('refuses everything when there is no mapping, or an invalid one', async () => {
      const none = { ...custom, mapping: undefined };
      expect(
        adapter.verifySignature(webhook(body, { 'x-dotpe-signature': `sha256=${hmac('base64')}` }), none),
      ).toBe(false);
      await expect(adapter.parseWebhook(webhook(body), none)).rejects.toThrow(
        'integration: no mapping is configured and dotpe has no preset',
      );
      const invalid = {
        ...custom,
        mapping: { ...customMapping, money: 'cents' } as unknown as Record<string, unknown>,
      };
      await expect(adapter.parseWebhook(webhook(body), invalid)).rejects.toBeInstanceOf(
        MalformedPayloadError,
      );
    });
  });

  describe('money', () => {
    const adapter = new DeclarativeAdapter('dotpe');
    const order = {
      outlet: { code: 'dp-hsr-01' },
      data: {
        orders: [
          {
            order_no: 'M1',
            mode: 'DELIVERY',
            lines: [{ label: 'Thali', rate_paise: '149.5' }],
            amounts: { payable: 149.5 },
          },
        ],
      },
    };
    const parse = (money: 'major' | 'minor', currency?: string) =>
      adapter.parseWebhook(webhook(order), {
        ...custom,
        mapping: { ...customMapping, money, currency } as unknown as Record<string, unknown>,
      });

    it('major: floats and decimal strings become minor units of the currency', async () => {
      const inr = await parse('major', 'INR');
      expect(inr.kind === 'orders' && inr.orders[0].totals).toMatchObject({
        total: 14950,
        subtotal: 14950,
        currency: 'INR',
      });
      expect(inr.kind === 'orders' && inr.orders[0].items[0].unitPrice).toBe(14950);
      const kwd = await parse('major', 'KWD');
      expect(kwd.kind === 'orders' && kwd.orders[0].totals.total).toBe(149500);
    });

    it('minor: integers are kept; a fraction is refused naming the path', async () => {
      await expect(parse('minor', 'INR')).rejects.toThrow(
        'body.data.orders[0].lines[0].rate_paise: expected an integer amount of minor units, got 149.5',
      );
      const outcome = await adapter.parseWebhook(webhook(customBatch), custom);
      expect(outcome.kind === 'orders' && outcome.orders[0].totals).toEqual({
        subtotal: 30000,
        tax: 1500,
        discount: 3000,
        deliveryFee: 0,
        tip: 1000,
        total: 29500,
        currency: 'INR',
      });
    });
  });

  it('maps the custom batch: names, order types, times, modifiers with quantities', async () => {
    const adapter = new DeclarativeAdapter('dotpe');
    const outcome = await adapter.parseWebhook(webhook(customBatch), custom);
    if (outcome.kind !== 'orders') throw new Error(`expected orders, got ${outcome.kind}`);
    expect(outcome.dedupeKey).toBe('dlv_01HZX3K5Q9');
    const [first, second] = outcome.orders;
    expect(first).toMatchObject({
      displayNumber: 'A17',
      orderType: OrderType.PICKUP,
      placedAt: '2025-11-22T03:45:00.000Z',
      customer: { name: 'Meera Iyer', phone: '9800000002' },
      items: [
        {
          quantity: 2,
          unitPrice: 9000,
          modifiers: [{ externalCode: 'GHEE', name: 'Ghee roast', quantity: 1, unitPrice: 2000 }],
        },
        { name: 'Filter Coffee', quantity: 2, unitPrice: 4000, notes: 'strong' },
      ],
    });
    expect(second).toMatchObject({
      orderType: OrderType.DELIVERY,
      placedAt: '2025-11-22T03:40:00.000Z',
      customer: { name: 'Kabir' },
      totals: { deliveryFee: 2500, total: 8800 },
    });
  });

  it('finds the store from the preset locations, else the URL `store` parameter', () => {
    const zomatoAdapter = new DeclarativeAdapter('zomato', DECLARATIVE_PRESETS.zomato);
    expect(zomatoAdapter.storeRefOf(webhook(zomatoOrder, { 'x-store-id': 'from-header' }))).toBe(
      'from-header',
    );
    expect(zomatoAdapter.storeRefOf(webhook(Buffer.from('not json')))).toBeUndefined();
    const bare = new DeclarativeAdapter('chowly');
    expect(bare.storeRefOf(webhook({}, {}, 'https://hub.example.com/v1/webhooks/chowly?store=ch%2D42'))).toBe(
      'ch-42',
    );
    expect(bare.storeRefOf(webhook({}))).toBeUndefined();
  });
});

describe('DeclarativeAdapter status callbacks', () => {
  const adapter = new DeclarativeAdapter('zomato', DECLARATIVE_PRESETS.zomato);
  const input = (status: OrderStatus) => ({
    order: { id: 'o-1', externalId: 'ZMT-5573019', displayNumber: '3214587', orderType: 'delivery' },
    status,
    reason: 'rider arrived',
    idempotencyKey: 'idem-1',
  });

  it("puts the status to the middleware through the preset's template, with the static key", () => {
    const plan = adapter.statusCallback(input(OrderStatus.DISPATCHED), {
      ...zomato,
      apiBaseUrl: 'https://middleware.example.com/hooks/',
    });
    expect(plan?.request).toMatchObject({
      method: 'PUT',
      url: 'https://middleware.example.com/hooks/external/api/v1/orders/3214587/status/',
      auth: { kind: 'header', name: 'authorization', value: `apikey ${zomato.secret}` },
    });
    expect(JSON.parse(plan?.request.body ?? '{}')).toEqual({
      new_status: 'Dispatched',
      message: 'rider arrived',
    });
    expect(() => adapter.statusCallback(input(OrderStatus.IN_PREPARATION), zomato)).toThrow(
      'zomato cannot express the status "in_preparation"',
    );
  });

  it('falls back to one generic call to the callback URL when the mapping has no status template', () => {
    const { callbacks: _callbacks, ...withoutTemplates } = DECLARATIVE_PRESETS.zomato;
    const generic = new DeclarativeAdapter('zomato', withoutTemplates);
    const plan = generic.statusCallback(input(OrderStatus.DISPATCHED), {
      ...zomato,
      apiBaseUrl: 'https://middleware.example.com/hooks/',
    });
    expect(plan?.request).toMatchObject({
      method: 'POST',
      url: 'https://middleware.example.com/hooks/orders/ZMT-5573019/status',
    });
    expect(JSON.parse(plan?.request.body ?? '{}')).toEqual({
      orderId: 'ZMT-5573019',
      displayNumber: '3214587',
      status: 'dispatched',
      platformStatus: 'Dispatched',
      reason: 'rider arrived',
    });
  });

  it('sends nothing for received, and cannot call back without a URL or mark items unavailable', () => {
    expect(adapter.statusCallback(input(OrderStatus.RECEIVED), zomato)).toBeUndefined();
    expect(() => adapter.statusCallback(input(OrderStatus.ACCEPTED), zomato)).toThrow(
      AdapterCapabilityUnsupported,
    );
    expect(() =>
      adapter.availabilityCallback(
        { kind: 'item', platformCode: 'x', code: 'x', available: false, idempotencyKey: 'i' },
        zomato,
      ),
    ).toThrow(AdapterCapabilityUnsupported);
  });
});
