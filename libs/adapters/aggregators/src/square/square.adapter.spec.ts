import { createHmac } from 'node:crypto';
import { OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import { startLocalApi, type LocalApi } from '../../test/local-api-server';
import type { IntegrationSettings, PlatformApi, RawWebhook } from '../core/aggregator-adapter';
import { PlatformApiError } from '../core/adapter.errors';
import { aggregatorAdapterConformance, type SignFn } from '../core/conformance';
import { createPlatformApi } from '../core/platform-api';
import { SquareAdapter } from './square.adapter';
import orderCreated from './__fixtures__/order-created.json';
import fulfillmentUpdated from './__fixtures__/order-fulfillment-updated.json';
import retrieveOrder from './__fixtures__/retrieve-order-response.json';
import vector from './__fixtures__/signature-vector.sdk.json';

// developer.squareup.com "Validate notifications": base64(HMAC-SHA256(signature key, notification URL + body)).
const sign: SignFn = (body, integration) => ({
  'x-square-hmacsha256-signature': createHmac('sha256', integration.secret)
    .update(`${integration.notificationUrl ?? ''}`)
    .update(body)
    .digest('base64'),
});

const integration: IntegrationSettings = {
  venueId: 'blr-koramangala',
  storeRef: 'FPYCBCHYMXFK1',
  secret: 'square-signature-key',
  notificationUrl: 'https://hub.example.com/v1/webhooks/square?venue=blr-koramangala',
  credentials: { accessToken: 'EAAAl-test-access-token' },
};

let server: LocalApi;
let api: PlatformApi;
let answerStatus = 200;

beforeAll(async () => {
  server = await startLocalApi((request) =>
    request.path === `/v2/orders/${orderCreated.data.id}` && answerStatus === 200
      ? { body: retrieveOrder }
      : {
          status: answerStatus === 200 ? 404 : answerStatus,
          body: { errors: [{ category: 'API_ERROR', code: 'NOT_FOUND' }] },
        },
  );
  integration.apiBaseUrl = server.baseUrl;
  api = createPlatformApi(fetch, { timeoutMs: 2_000 });
});

afterAll(() => server.close());

aggregatorAdapterConformance({
  createAdapter: () => new SquareAdapter(),
  integration,
  sign,
  signatureHeader: 'x-square-hmacsha256-signature',
  api: () => api,
  fixtures: [
    {
      name: 'order.created, fetched with RetrieveOrder (Square webhook reference + SDK RetrieveOrderResponse)',
      body: JSON.stringify(orderCreated),
      headers: { 'content-type': 'application/json', 'square-environment': 'Production' },
      expect: { kind: 'orders', externalIds: ['eA3vssLHKJrv9H0IdJCM3gNqfdcZY'], totals: [550] },
    },
    {
      name: 'order.fulfillment.updated (Square webhook reference)',
      body: JSON.stringify(fulfillmentUpdated),
      expect: {
        kind: 'status',
        externalIds: ['eA3vssLHKJrv9H0IdJCM3gNqfdcZY'],
        statuses: [OrderStatus.ACCEPTED],
      },
    },
    {
      name: 'webhooks.test_notification (Square Node SDK signature test body)',
      body: vector.requestBody,
      integration: { storeRef: 'MLEFBHHSJGVHD' },
      expect: { kind: 'ignored' },
    },
  ],
  malformed: [
    {
      name: 'an event without event_id',
      body: '{"merchant_id":"M","type":"order.created","created_at":"2020-01-01T00:00:00Z","data":{"type":"order","id":"x"}}',
    },
  ],
});

describe('SquareAdapter', () => {
  const adapter = new SquareAdapter();
  const webhook = (body: string, headers: Record<string, string> = {}): RawWebhook => ({
    platform: 'square',
    headers,
    rawBody: Buffer.from(body),
    url: integration.notificationUrl ?? '',
    receivedAt: new Date(),
  });

  beforeEach(() => {
    answerStatus = 200;
    server.requests.length = 0;
  });

  it("agrees with the Square Node SDK's own signature test vector", () => {
    const vectorIntegration = {
      ...integration,
      secret: vector.signatureKey,
      notificationUrl: vector.notificationUrl,
    };
    const delivery = webhook(vector.requestBody, { 'x-square-hmacsha256-signature': vector.signatureHeader });
    expect(adapter.verifySignature(delivery, vectorIntegration)).toBe(true);
    // the URL is part of what is signed: one character off and nothing verifies
    expect(
      adapter.verifySignature(delivery, {
        ...vectorIntegration,
        notificationUrl: `${vector.notificationUrl}/`,
      }),
    ).toBe(false);
    const pretty = JSON.stringify(JSON.parse(vector.requestBody), null, 2);
    expect(adapter.verifySignature({ ...delivery, rawBody: Buffer.from(pretty) }, vectorIntegration)).toBe(
      false,
    );
  });

  it('refuses everything when the integration has no notification URL', () => {
    const body = JSON.stringify(orderCreated);
    const delivery = webhook(body, sign(Buffer.from(body), integration, new Date(), ''));
    expect(adapter.verifySignature(delivery, { ...integration, notificationUrl: undefined })).toBe(false);
  });

  it('parses order.created as a fetch, then fetches it with RetrieveOrder, bearer token and Square-Version, and maps it', async () => {
    const outcome = await adapter.parseWebhook(webhook(JSON.stringify(orderCreated)), integration);
    expect(outcome).toEqual({
      kind: 'fetch',
      dedupeKey: '116038d3-2948-439f-8679-fc86dbf80f69',
      externalId: 'eA3vssLHKJrv9H0IdJCM3gNqfdcZY',
    });
    expect(server.requests).toHaveLength(0);
    const orders = await adapter.fetchOrders(webhook(JSON.stringify(orderCreated)), integration, api);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      path: '/v2/orders/eA3vssLHKJrv9H0IdJCM3gNqfdcZY',
      headers: { authorization: 'Bearer EAAAl-test-access-token', 'square-version': '2025-01-23' },
    });
    const [order] = orders;
    expect(order).toMatchObject({
      externalId: 'eA3vssLHKJrv9H0IdJCM3gNqfdcZY',
      displayNumber: 'QFDCZY',
      orderType: OrderType.PICKUP,
      placedAt: '2020-05-18T16:30:49.614Z',
      payment: { status: PaymentStatus.PENDING, payments: [] },
      totals: { subtotal: 1100, tax: 0, discount: 550, deliveryFee: 0, tip: 0, total: 550, currency: 'USD' },
    });
    expect(order.items.map((item) => [item.lineId, item.name, item.quantity, item.unitPrice])).toEqual([
      ['ULkg0tQTRK2bkU9fNv3IJD', 'Item 1', 1, 500],
      ['mumY8Nun4BC5aKe2yyx5a', 'Item 2', 2, 300],
    ]);
  });

  it('keeps a fractional (weighed) quantity as one unit at the line price', async () => {
    const weighed = {
      order: {
        ...retrieveOrder.order,
        line_items: [
          {
            ...retrieveOrder.order.line_items[1],
            quantity: '1.5',
            gross_sales_money: { amount: 450, currency: 'USD' },
          },
        ],
      },
    };
    answerStatus = 200;
    const local = await startLocalApi(() => ({ body: weighed }));
    try {
      const [order] = await adapter.fetchOrders(
        webhook(JSON.stringify(orderCreated)),
        { ...integration, apiBaseUrl: local.baseUrl },
        api,
      );
      expect(order.items[0]).toMatchObject({
        quantity: 1,
        unitPrice: 450,
        notes: 'quantity 1.5',
      });
    } finally {
      await local.close();
    }
  });

  it('reports API failures as PlatformApiError, retryable for 5xx only', async () => {
    answerStatus = 503;
    const failure = await adapter
      .fetchOrders(webhook(JSON.stringify(orderCreated)), integration, api)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PlatformApiError);
    expect((failure as PlatformApiError).retryable).toBe(true);
    answerStatus = 404;
    const missing = await adapter
      .fetchOrders(webhook(JSON.stringify(orderCreated)), integration, api)
      .catch((error: unknown) => error);
    expect((missing as PlatformApiError).retryable).toBe(false);
  });

  it('reads the store from the event location, else the merchant', () => {
    expect(adapter.storeRefOf(webhook(JSON.stringify(orderCreated)))).toBe('FPYCBCHYMXFK1');
    expect(adapter.storeRefOf(webhook(vector.requestBody))).toBe('MLEFBHHSJGVHD');
    expect(adapter.storeRefOf(webhook('not json'))).toBeUndefined();
  });

  it('maps canonical statuses onto fulfillment states', () => {
    expect(adapter.mapStatus(OrderStatus.READY)).toBe('PREPARED');
    expect(adapter.mapStatus(OrderStatus.CANCELLED)).toBe('CANCELED');
    expect(() => adapter.mapStatus(OrderStatus.DISPATCHED)).toThrow(
      'square cannot express the status "dispatched"',
    );
  });
});
