import { createHmac } from 'node:crypto';
import { OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import {
  startLocalApi,
  type LocalAnswer,
  type LocalApi,
  type RecordedRequest,
} from '../../test/local-api-server';
import type { IntegrationSettings, PlatformApi, RawWebhook } from '../core/aggregator-adapter';
import { PlatformApiError } from '../core/adapter.errors';
import { aggregatorAdapterConformance, type SignFn } from '../core/conformance';
import { createPlatformApi } from '../core/platform-api';
import { UberEatsAdapter } from './ubereats.adapter';
import notification from './__fixtures__/orders-notification.json';
import cancel from './__fixtures__/orders-cancel.crafted.json';
import orderDetails from './__fixtures__/get-order-details.json';

// developer.uber.com "Webhook Security": lowercase hex HMAC-SHA256 of the body, client secret as key.
const sign: SignFn = (body, integration) => ({
  'x-uber-signature': createHmac('sha256', integration.secret).update(body).digest('hex'),
});

const integration: IntegrationSettings = {
  venueId: 'blr-indiranagar',
  storeRef: '89dd9741-66b5-4bb4-b216-a813f3b21b4f',
  secret: 'uber-client-secret',
  credentials: { clientId: 'uber-client-id' },
};

const ORDER_PATH = `/v2/eats/order/${notification.meta.resource_id}`;
let server: LocalApi;
let api: PlatformApi;
let tokensIssued = 0;
let orderAnswer: LocalAnswer = { body: orderDetails };
/** answers that come before orderAnswer, one per order request (a token revoked mid-way ...) */
const nextOrderAnswers: LocalAnswer[] = [];

function answer(request: RecordedRequest): LocalAnswer {
  if (request.method === 'POST' && request.path === '/oauth/v2/token') {
    tokensIssued += 1;
    return {
      body: {
        access_token: `uber-token-${tokensIssued}`,
        token_type: 'Bearer',
        expires_in: 2_592_000,
        scope: 'eats.order',
      },
    };
  }
  if (request.method === 'GET' && request.path === ORDER_PATH) return nextOrderAnswers.shift() ?? orderAnswer;
  return { status: 404, body: { code: 'not_found' } };
}

beforeAll(async () => {
  server = await startLocalApi(answer);
  integration.apiBaseUrl = server.baseUrl;
  api = createPlatformApi(fetch, { timeoutMs: 2_000 });
});

afterAll(() => server.close());

aggregatorAdapterConformance({
  createAdapter: () => new UberEatsAdapter(),
  integration,
  sign,
  signatureHeader: 'x-uber-signature',
  api: () => api,
  fixtures: [
    {
      name: 'orders.notification, order fetched from resource_href (developer.uber.com samples)',
      body: JSON.stringify(notification),
      headers: { 'x-environment': 'production', 'content-type': 'application/json' },
      expect: { kind: 'orders', externalIds: ['153dd7f1-339d-4619-940c-418943c14636'], totals: [1399] },
    },
    {
      name: 'orders.cancel (crafted)',
      body: JSON.stringify(cancel),
      expect: {
        kind: 'status',
        externalIds: ['153dd7f1-339d-4619-940c-418943c14636'],
        statuses: [OrderStatus.CANCELLED],
      },
    },
    {
      name: 'an event type we do not use (store.provisioned, crafted)',
      body: JSON.stringify({ ...notification, event_type: 'store.provisioned', resource_href: undefined }),
      expect: { kind: 'ignored' },
    },
  ],
  malformed: [{ name: 'an event without event_id', body: '{"event_type":"orders.notification","meta":{}}' }],
});

describe('UberEatsAdapter', () => {
  const webhook = (body: unknown): RawWebhook => {
    const rawBody = Buffer.from(JSON.stringify(body));
    return {
      platform: 'ubereats',
      headers: sign(rawBody, integration, new Date(), ''),
      rawBody,
      url: 'https://hub.example.com/v1/webhooks/ubereats',
      receivedAt: new Date(),
    };
  };

  beforeEach(() => {
    server.requests.length = 0;
    nextOrderAnswers.length = 0;
    orderAnswer = { body: orderDetails };
  });

  it('gets a client-credentials token, then the order with it', async () => {
    const adapter = new UberEatsAdapter();
    await adapter.fetchOrders(webhook(notification), integration, api);
    const [tokenRequest, orderRequest] = server.requests;
    expect(tokenRequest.method).toBe('POST');
    expect(tokenRequest.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(tokenRequest.body))).toEqual({
      client_id: 'uber-client-id',
      client_secret: 'uber-client-secret',
      grant_type: 'client_credentials',
      scope: 'eats.order',
    });
    expect(orderRequest).toMatchObject({ method: 'GET', path: ORDER_PATH });
    expect(orderRequest.headers.authorization).toMatch(/^Bearer uber-token-\d+$/);
  });

  it('caches the token until shortly before it expires', async () => {
    let now = Date.parse('2024-05-01T10:00:00Z');
    const adapter = new UberEatsAdapter({ now: () => now });
    await adapter.fetchOrders(webhook(notification), integration, api);
    await adapter.fetchOrders(webhook(notification), integration, api);
    expect(server.requests.filter((request) => request.path === '/oauth/v2/token')).toHaveLength(1);
    now += 2_592_000_000 - 30_000; // within the last minute of its 30 days
    await adapter.fetchOrders(webhook(notification), integration, api);
    expect(server.requests.filter((request) => request.path === '/oauth/v2/token')).toHaveLength(2);
  });

  it('shares one token request between concurrent deliveries', async () => {
    const adapter = new UberEatsAdapter();
    await Promise.all([1, 2, 3].map(() => adapter.fetchOrders(webhook(notification), integration, api)));
    expect(server.requests.filter((request) => request.path === '/oauth/v2/token')).toHaveLength(1);
  });

  it('refreshes a token the API refuses once, within the same fetch', async () => {
    const adapter = new UberEatsAdapter();
    await adapter.fetchOrders(webhook(notification), integration, api);
    nextOrderAnswers.push({ status: 401, body: { code: 'unauthorized' } });
    const orders = await adapter.fetchOrders(webhook(notification), integration, api);
    expect(orders.map((order) => order.externalId)).toEqual([notification.meta.resource_id]);
    const paths = server.requests.map((request) => request.path);
    expect(paths).toEqual(['/oauth/v2/token', ORDER_PATH, ORDER_PATH, '/oauth/v2/token', ORDER_PATH]);
  });

  it('gives up after one refresh when the API keeps refusing, and forgets the token', async () => {
    const adapter = new UberEatsAdapter();
    orderAnswer = { status: 401, body: { code: 'unauthorized' } };
    const failure = await adapter
      .fetchOrders(webhook(notification), integration, api)
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PlatformApiError);
    expect((failure as PlatformApiError).retryable).toBe(false);
    orderAnswer = { body: orderDetails };
    await adapter.fetchOrders(webhook(notification), integration, api);
    expect(server.requests.filter((request) => request.path === '/oauth/v2/token')).toHaveLength(3);
  });

  it('never calls a host named in resource_href other than Uber API', async () => {
    const adapter = new UberEatsAdapter();
    const forged = {
      ...notification,
      resource_href: 'https://attacker.example/steal/153dd7f1-339d-4619-940c-418943c14636',
    };
    await adapter.fetchOrders(webhook(forged), integration, api);
    expect(server.requests.map((request) => request.path)).toEqual(['/oauth/v2/token', ORDER_PATH]);
  });

  it('parses the notification as a fetch, and maps the fetched order, modifiers apart from the item price', async () => {
    const adapter = new UberEatsAdapter();
    const outcome = await adapter.parseWebhook(webhook(notification), integration);
    expect(outcome).toEqual({
      kind: 'fetch',
      dedupeKey: 'c4d2261e-2779-4eb6-beb0-cb41235c751e',
      externalId: '153dd7f1-339d-4619-940c-418943c14636',
    });
    expect(server.requests).toHaveLength(0);
    const [order] = await adapter.fetchOrders(webhook(notification), integration, api);
    expect(order).toMatchObject({
      externalId: '153dd7f1-339d-4619-940c-418943c14636',
      displayNumber: 'BC953',
      orderType: OrderType.DELIVERY,
      placedAt: '2019-05-14T20:16:54.000Z',
      customer: { name: 'Larry', phone: '+1 555-555-5555 code 555 55 555' },
      payment: { status: PaymentStatus.PENDING, method: 'cash' },
      totals: { subtotal: 650, tax: 52, discount: 0, deliveryFee: 697, tip: 0, total: 1399, currency: 'USD' },
    });
    expect(order.items).toEqual([
      {
        lineId: 'Muffin-Instance',
        externalCode: 'Muffin',
        name: 'Fresh-baked muffin',
        quantity: 1,
        unitPrice: 300,
        modifiers: [
          { externalCode: 'Chocolate-deluxe', name: 'Chocolate deluxe', quantity: 1, unitPrice: 50 },
        ],
      },
      {
        lineId: 'CoffeeInstance',
        externalCode: 'Coffee',
        name: 'Coffee',
        quantity: 1,
        unitPrice: 300,
        modifiers: [{ externalCode: 'Milk', name: 'Milk', quantity: 1, unitPrice: 0 }],
        notes: 'make it iced please · no Sugar',
      },
      {
        lineId: 'Strawberry-Donut-Instance',
        externalCode: 'Strawberry_Donut',
        name: 'Strawberry Donut',
        quantity: 1,
        unitPrice: 250,
        modifiers: [],
      },
    ]);
  });

  it('reads the store from meta.user_id', () => {
    expect(new UberEatsAdapter().storeRefOf(webhook(notification))).toBe(
      '89dd9741-66b5-4bb4-b216-a813f3b21b4f',
    );
  });

  it('accepts an upper-case hex signature but not a base64 one', () => {
    const adapter = new UberEatsAdapter();
    const delivery = webhook(notification);
    const upper = {
      ...delivery,
      headers: { 'x-uber-signature': delivery.headers['x-uber-signature']?.toUpperCase() },
    };
    expect(adapter.verifySignature(upper, integration)).toBe(true);
    const base64 = createHmac('sha256', integration.secret).update(delivery.rawBody).digest('base64');
    expect(
      adapter.verifySignature({ ...delivery, headers: { 'x-uber-signature': base64 } }, integration),
    ).toBe(false);
  });

  it('maps canonical statuses onto the order endpoints', () => {
    const adapter = new UberEatsAdapter();
    expect(adapter.mapStatus(OrderStatus.ACCEPTED)).toBe('accept_pos_order');
    expect(adapter.mapStatus(OrderStatus.REJECTED)).toBe('deny_pos_order');
    expect(adapter.toCanonicalStatus('FINISHED')).toBe(OrderStatus.COMPLETED);
    expect(() => adapter.mapStatus(OrderStatus.IN_PREPARATION)).toThrow(
      'ubereats cannot express the status "in_preparation"',
    );
  });
});
