import { createHmac } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { Role } from '@hub/auth';
import {
  createEnvelope,
  type EventEnvelope,
  MENU_AVAILABILITY_CHANGED_V1,
  STATUS_CALLBACK_FAILED_V1,
  type StatusCallbackFailedV1,
  STREAMS,
} from '@hub/contracts';
import { wireStreamName, wireSubject } from '@hub/messaging';
import { OrderStatus, OrderType } from '@hub/order-model';
import { eventually, InProcessService } from '@hub/testing';
import {
  ACCEPTED,
  CANCELLED,
  COMPLETED,
  IN_PREPARATION,
  integrationsReplicated,
  move,
  READY,
  RECEIVED,
  REJECTED,
  saveIntegration,
  startStatusSync,
  testOrder,
  told,
} from './fixtures';
import { PlatformStandIn, type RecordedRequest } from './platform-stand-in';

jest.setTimeout(90_000);

interface CallbackView {
  id: string;
  kind: string;
  target: string;
  venueId: string;
  orderId?: string;
  status?: string;
  state: string;
  attempts: number;
  resultRef?: string;
  lastReason?: string;
  attemptLog: Array<{ attempt: number; httpStatus?: number; outcome?: string; reason?: string }>;
}

const json = (r: RecordedRequest) => JSON.parse(r.body) as Record<string, unknown>;

describe('status-sync: callbacks to the platforms, against stand-in APIs, real Postgres and JetStream', () => {
  let service: InProcessService;
  let api: PlatformStandIn;
  let headOffice: string;
  /** per platform path prefix: what the stand-in's "platform" currently says about each Square order */
  const squareStates = new Map<string, string>();
  let uberTokens = 0;
  const shopifyFulfilled = new Set<string>();
  /** the first token handed to the venue-e client: the platform refuses it (revoked) */
  let firstTokenOfE: string | undefined;
  /** scripted answers by request path (consumed in order), else the defaults below */
  const scripted = new Map<string, number[]>();

  const callbacks = async (query: string, token = headOffice): Promise<CallbackView[]> => {
    const response = await service.request('GET', `/v1/callbacks?${query}`, token);
    if (response.status !== 200)
      throw new Error(`GET /v1/callbacks?${query}: ${JSON.stringify(response.body)}`);
    return (response.body as unknown as { items: CallbackView[] }).items;
  };
  const settled = (orderId: string, status: string, state: string, timeoutMs = 10_000) =>
    eventually(
      async () => {
        const found = (await callbacks(`orderId=${orderId}`)).find(
          (c) => c.status === status && c.kind === 'status',
        );
        return found?.state === state ? found : undefined;
      },
      timeoutMs,
      `the ${status} callback of ${orderId} to be ${state}`,
    );

  beforeAll(async () => {
    api = await PlatformStandIn.start();
    api.handler = (request) => {
      const script = scripted.get(`${request.method} ${request.path}`);
      if (script && script.length > 0) return { status: script.shift()! };
      if (request.path.endsWith('/oauth/v2/token')) {
        uberTokens += 1;
        if (request.path.startsWith('/401/')) firstTokenOfE ??= `token-${uberTokens}`;
        return { status: 200, body: { access_token: `token-${uberTokens}`, expires_in: 3600 } };
      }
      if (
        request.path.startsWith('/401/v1/') &&
        request.headers.authorization === `Bearer ${firstTokenOfE}`
      ) {
        return { status: 401 };
      }
      const square = /\/v2\/orders\/([^/?]+)$/.exec(request.path);
      if (square) {
        const id = square[1];
        if (request.method === 'PUT') {
          const fulfillment = (json(request).order as { fulfillments: Array<{ state: string }> })
            .fulfillments[0];
          squareStates.set(id, fulfillment.state);
        }
        const state = squareStates.get(id) ?? 'PROPOSED';
        return {
          status: 200,
          body: { order: { id, location_id: 'L1', version: 3, fulfillments: [{ uid: 'f-1', state }] } },
        };
      }
      if (request.path === '/deliveroo/oauth2/token') {
        return { status: 200, body: { access_token: `token-droo`, expires_in: 3600 } };
      }
      const fulfillmentOrders =
        /^\/shopify\/admin\/api\/2025-01\/orders\/([^/]+)\/fulfillment_orders\.json$/.exec(request.path);
      if (fulfillmentOrders) {
        const status = shopifyFulfilled.has(fulfillmentOrders[1]) ? 'closed' : 'open';
        return { status: 200, body: { fulfillment_orders: [{ id: 1101, status }] } };
      }
      if (request.path === '/shopify/admin/api/2025-01/fulfillments.json') {
        for (const r of api.to('/shopify/admin/api/2025-01/orders/'))
          shopifyFulfilled.add(r.path.split('/')[6]);
        return { status: 201, body: { fulfillment: { id: 1 } } };
      }
      if (request.path.startsWith('/jira/rest/api/2/issue'))
        return { status: 201, body: { id: '10001', key: 'OPS-1' } };
      return { status: 200, body: {} };
    };
    service = await startStatusSync({
      CALLBACK_POLL_MS: '50',
      CALLBACK_BACKOFF_BASE_MS: '20',
      CALLBACK_BACKOFF_MAX_MS: '80',
      CALLBACK_MAX_ATTEMPTS: '6',
      CALLBACK_LEASE_MS: '5000',
      CALLBACK_TIMEOUT_MS: '3000',
      CALLBACK_SHUTDOWN_GRACE_MS: '0',
      BREAKER_FAILURE_THRESHOLD: '3',
      BREAKER_COOLDOWN_MS: '500',
      PLATFORM_RATE_PER_SECOND: '200',
      JIRA_BASE_URL: `${api.baseUrl}/jira`,
      JIRA_EMAIL: 'ops@spice-route.example',
      JIRA_API_TOKEN: 'jira-api-token',
      JIRA_PROJECT_KEY: 'OPS',
    });
    headOffice = service.environment.token(Role.HEAD_OFFICE, '*');
    const base = api.baseUrl;
    await saveIntegration(service, 'venue-a', 'ubereats', {
      storeRef: 'uber-store-a',
      secret: 'uber-client-secret',
      apiBaseUrl: `${base}/uber`,
      credentials: { clientId: 'uber-client-a' },
    });
    await saveIntegration(service, 'venue-a', 'square', {
      storeRef: 'L1',
      secret: 'square-signature-key',
      apiBaseUrl: `${base}/square`,
      credentials: { accessToken: 'sq-access-token' },
    });
    await saveIntegration(service, 'venue-a', 'woocommerce', {
      storeRef: 'https://shop.example',
      secret: 'woo-secret',
      apiBaseUrl: `${base}/woo-a`,
      credentials: { consumerKey: 'ck_a', consumerSecret: 'cs_a' },
    });
    await saveIntegration(service, 'venue-a', 'shopify', {
      storeRef: 'spice-route.myshopify.com',
      secret: 'shopify-app-secret',
      apiBaseUrl: `${base}/shopify`,
      credentials: { accessToken: 'shpat-a' },
    });
    await saveIntegration(service, 'venue-a', 'deliveroo', {
      storeRef: 'droo-site-1',
      secret: 'droo-webhook-secret',
      apiBaseUrl: `${base}/deliveroo`,
      credentials: { clientId: 'droo-client', clientSecret: 'droo-client-secret' },
    });
    await saveIntegration(service, 'venue-a', 'doordash', {
      storeRef: 'dd-store-1',
      secret: 'dd-webhook-token',
      apiBaseUrl: `${base}/doordash`,
      credentials: { accessToken: 'dd-jwt' },
    });
    await saveIntegration(service, 'venue-g', 'woocommerce', {
      storeRef: 'https://g.shop.example',
      secret: 'woo-secret',
      apiBaseUrl: `${base}/woo-g`,
      credentials: { consumerKey: 'ck_g', consumerSecret: 'cs_g' },
    });
    await saveIntegration(service, 'venue-b', 'woocommerce', {
      storeRef: 'https://b.shop.example',
      secret: 'woo-secret',
      apiBaseUrl: `${base}/woo-b`,
      credentials: { consumerKey: 'ck_b', consumerSecret: 'cs_b' },
    });
    await saveIntegration(service, 'venue-c', 'square', {
      storeRef: 'L3',
      secret: 'k',
      apiBaseUrl: `${base}/square-c`,
      credentials: { accessToken: 'sq-c' },
    });
    await saveIntegration(service, 'venue-d', 'woocommerce', {
      storeRef: 'https://d.shop.example',
      secret: 'woo-secret',
      apiBaseUrl: `${base}/woo-d`,
      credentials: { consumerKey: 'ck_d', consumerSecret: 'cs_d' },
    });
    await saveIntegration(service, 'venue-e', 'ubereats', {
      storeRef: 'uber-store-e',
      secret: 'uber-client-secret-e',
      apiBaseUrl: `${base}/401`,
      credentials: { clientId: 'uber-client-e' },
    });
    await integrationsReplicated(service.environment, 11);
  });

  afterAll(async () => {
    await service?.stop();
    await api?.close();
  });

  it('keeps the integrations replica with the secrets still sealed', async () => {
    const rows = await service.environment.query<{ secret_sealed: string; credentials_sealed: string }>(
      "SELECT secret_sealed, credentials_sealed FROM status_sync.integrations WHERE platform = 'ubereats'",
    );
    for (const row of rows) {
      expect(row.secret_sealed).toMatch(/^v1:/);
      expect(row.secret_sealed).not.toContain('uber-client-secret');
      expect(row.credentials_sealed).not.toContain('uber-client');
    }
  });

  it('tells Uber Eats, Square, WooCommerce, Shopify, Deliveroo and DoorDash every status in their documented shape and in order', async () => {
    const uber = testOrder('venue-a', 'ubereats');
    const square = testOrder('venue-a', 'square', OrderType.PICKUP);
    const woo = testOrder('venue-a', 'woocommerce');
    const lifecycle: Array<[OrderStatus, OrderStatus]> = [
      [RECEIVED, ACCEPTED],
      [ACCEPTED, IN_PREPARATION],
      [IN_PREPARATION, READY],
      [READY, COMPLETED],
    ];
    const shopify = testOrder('venue-a', 'shopify', OrderType.PICKUP);
    const deliveroo = testOrder('venue-a', 'deliveroo');
    const doordash = testOrder('venue-a', 'doordash');
    const orders = [uber, square, woo, shopify, deliveroo, doordash];
    // one move at a time, each told before the next happens (moves that pile up may supersede: tested below)
    for (const step of lifecycle) {
      await Promise.all(
        orders.map(async (order) => {
          await move(service, order, [step]);
          await told(service, order.id);
        }),
      );
    }

    const uberCalls = api.to(`/uber/v1/`).filter((r) => r.path.includes(uber.externalId));
    expect(uberCalls.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /uber/v1/eats/orders/${uber.externalId}/accept_pos_order`,
      `POST /uber/v1/delivery/order/${uber.externalId}/ready`,
    ]);
    expect(json(uberCalls[0])).toEqual({ reason: 'accepted', external_reference_id: '0042' });
    expect(uberCalls.every((r) => /^Bearer token-\d+$/.test(String(r.headers.authorization)))).toBe(true);
    const token = api.to('/uber/oauth/v2/token')[0];
    expect(new URLSearchParams(token.body).get('grant_type')).toBe('client_credentials');
    expect(new URLSearchParams(token.body).get('client_id')).toBe('uber-client-a');
    expect((await settled(uber.id, IN_PREPARATION, 'unsupported')).lastReason).toContain('ubereats cannot');
    expect((await settled(uber.id, COMPLETED, 'unsupported')).state).toBe('unsupported');

    const squareWrites = api.to(`/square/v2/orders/${square.externalId}`).filter((r) => r.method === 'PUT');
    expect(squareWrites.map((r) => json(r))).toEqual(
      ['RESERVED', 'PREPARED', 'COMPLETED'].map((state) => ({
        idempotency_key: expect.stringMatching(/^[0-9a-f-]{36}$/),
        order: { location_id: 'L1', version: 3, fulfillments: [{ uid: 'f-1', state }] },
      })),
    );
    expect(squareWrites[0].headers.authorization).toBe('Bearer sq-access-token');
    expect(squareWrites[0].headers['square-version']).toBeDefined();
    expect((await settled(square.id, IN_PREPARATION, 'sent')).attemptLog[0].reason).toContain('already done');

    const wooCalls = api.to(`/woo-a/wp-json/wc/v3/orders/${woo.externalId}`);
    expect(wooCalls.map((r) => [r.method, json(r).status])).toEqual([
      ['PUT', 'processing'],
      ['PUT', 'completed'],
    ]);
    expect(wooCalls[0].headers.authorization).toBe(`Basic ${Buffer.from('ck_a:cs_a').toString('base64')}`);

    const shopifyCalls = api
      .to(`/shopify/admin/api/2025-01/`)
      .filter((r) => r.path.includes(shopify.externalId) || r.path.endsWith('/fulfillments.json'));
    expect(shopifyCalls.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /shopify/admin/api/2025-01/orders/${shopify.externalId}/fulfillment_orders.json`,
      'POST /shopify/admin/api/2025-01/fulfillments.json',
      `POST /shopify/admin/api/2025-01/orders/${shopify.externalId}/close.json`,
    ]);
    expect(json(shopifyCalls[1])).toEqual({
      fulfillment: {
        line_items_by_fulfillment_order: [{ fulfillment_order_id: 1101 }],
        notify_customer: true,
      },
    });
    expect(shopifyCalls[2].headers['x-shopify-access-token']).toBe('shpat-a');

    const deliverooCalls = api.to(`/deliveroo/order/v1/orders/${deliveroo.externalId}`);
    expect(deliverooCalls.map((r) => [r.method, json(r)])).toEqual([
      ['PATCH', { status: 'accepted' }],
      ['PATCH', { status: 'confirmed' }],
    ]);
    expect(deliverooCalls[0].headers.authorization).toBe('Bearer token-droo');
    expect(api.to('/deliveroo/oauth2/token')).toHaveLength(1);

    const doordashCalls = api.to(`/doordash/marketplace/api/v1/orders/${doordash.externalId}`);
    expect(doordashCalls.map((r) => [r.method, json(r)])).toEqual([
      ['PATCH', { merchant_supplied_id: doordash.id, order_status: 'success' }],
    ]);
    expect(doordashCalls[0].headers.authorization).toBe('Bearer dd-jwt');
  });

  it('denies with the reason, and a cancellation supersedes an acceptance that never got through', async () => {
    const denied = testOrder('venue-a', 'ubereats');
    await move(service, denied, [[RECEIVED, REJECTED, 'kitchen closed']]);
    await settled(denied.id, REJECTED, 'sent');
    const [deny] = api.to(`/uber/v1/eats/orders/${denied.externalId}/deny_pos_order`);
    expect(json(deny)).toEqual({ reason: { explanation: 'kitchen closed', code: 'OTHER' } });

    const cancelled = testOrder('venue-a', 'woocommerce');
    const path = `PUT /woo-a/wp-json/wc/v3/orders/${cancelled.externalId}`;
    scripted.set(path, [503, 503, 503, 503, 503]);
    await move(service, cancelled, [[RECEIVED, ACCEPTED]]);
    // three failures open the integration's breaker: the acceptance waits, undelivered, for the cool-down
    await eventually(() => (api.to(path.slice(4)).length >= 3 ? true : undefined), 5000, 'three failures');
    await settled(cancelled.id, ACCEPTED, 'failed');
    await move(service, cancelled, [[ACCEPTED, CANCELLED, 'customer called']]);
    scripted.delete(path);
    await settled(cancelled.id, CANCELLED, 'sent');
    const accepted = await settled(cancelled.id, ACCEPTED, 'superseded');
    expect(accepted.lastReason).toBe('superseded by cancelled');
    const delivered = api.to(path.slice(4)).filter((r) => r.answered === 200);
    expect(delivered.map((r) => json(r).status)).toEqual(['cancelled']);
  });

  it('retries a platform answering 500 for a while, then delivers once', async () => {
    const order = testOrder('venue-b', 'woocommerce');
    const path = `/woo-b/wp-json/wc/v3/orders/${order.externalId}`;
    scripted.set(`PUT ${path}`, [500, 500]);
    await move(service, order, [[RECEIVED, ACCEPTED]]);
    const sent = await settled(order.id, ACCEPTED, 'sent');
    expect(api.to(path).map((r) => r.answered)).toEqual([500, 500, 200]);
    expect(sent.attempts).toBe(3);
    expect(sent.attemptLog.map((a) => [a.outcome, a.httpStatus])).toEqual([
      ['failed', 500],
      ['failed', 500],
      ['sent', 200],
    ]);
    await new Promise((r) => setTimeout(r, 300));
    expect(api.to(path)).toHaveLength(3);
  });

  it('refreshes the OAuth token once when a call gets 401', async () => {
    const order = testOrder('venue-e', 'ubereats');
    await move(service, order, [[RECEIVED, ACCEPTED]]);
    const sent = await settled(order.id, ACCEPTED, 'sent');
    const calls = api.to(`/401/v1/eats/orders/${order.externalId}`);
    expect(calls.map((r) => r.answered)).toEqual([401, 200]);
    expect(calls[0].headers.authorization).toBe(`Bearer ${firstTokenOfE}`);
    expect(calls[1].headers.authorization).toMatch(/^Bearer token-\d+$/);
    expect(calls[1].headers.authorization).not.toBe(calls[0].headers.authorization);
    expect(api.to('/401/oauth/v2/token')).toHaveLength(2);
    expect(sent.attempts).toBe(1);
    // the fresh token is cached: the next call asks for none
    await move(service, order, [[ACCEPTED, CANCELLED]]);
    await settled(order.id, CANCELLED, 'sent');
    expect(api.to('/401/oauth/v2/token')).toHaveLength(2);
  });

  it("opens an integration's breaker after repeated failures, probes after the cool-down, and recovers", async () => {
    const order = testOrder('venue-c', 'square', OrderType.PICKUP);
    let healthy = false;
    const previous = api.handler;
    api.handler = (request) =>
      request.path.startsWith('/square-c/') && !healthy ? { status: 503 } : previous(request);
    await move(service, order, [[RECEIVED, ACCEPTED]]);
    await eventually(() => (api.to('/square-c/').length >= 3 ? true : undefined), 5000, 'three failures');
    await new Promise((r) => setTimeout(r, 200));
    const whileOpen = api.to('/square-c/').length;
    expect(whileOpen).toBe(3); // open: nothing is sent during the cool-down
    await eventually(() => (api.to('/square-c/').length === 4 ? true : undefined), 3000, 'a half-open probe');
    await new Promise((r) => setTimeout(r, 200));
    expect(api.to('/square-c/')).toHaveLength(4); // the probe failed: open again
    healthy = true;
    await settled(order.id, ACCEPTED, 'sent', 5000);
    await move(service, order, [
      [ACCEPTED, IN_PREPARATION],
      [IN_PREPARATION, READY],
    ]);
    await settled(order.id, READY, 'sent');
    api.handler = previous;
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/hub_status_callbacks\{kind="status",target="square",state="sent"\} \d+/);
  });

  it('a dead callback emits callback-failed, opens one Jira issue for the order, and can be retried from the API', async () => {
    const order = testOrder('venue-d', 'woocommerce');
    const path = `/woo-d/wp-json/wc/v3/orders/${order.externalId}`;
    scripted.set(`PUT ${path}`, [422]);
    await move(service, order, [[RECEIVED, ACCEPTED]]);
    const dead = await settled(order.id, ACCEPTED, 'dead');
    expect(dead.lastReason).toContain('refused for good');
    await move(service, order, [
      [ACCEPTED, IN_PREPARATION],
      [IN_PREPARATION, READY],
      [READY, COMPLETED],
    ]);
    // later statuses wait behind the dead one: never sent out of order
    const waiting = await settled(order.id, COMPLETED, 'pending');
    expect(waiting.attempts).toBe(0);

    const jira = await eventually(
      async () => (await callbacks(`orderId=${order.id}&kind=jira`)).find((c) => c.state === 'sent'),
      10_000,
      'the Jira issue',
    );
    expect(jira.resultRef).toBe('OPS-1');
    const issues = api.to('/jira/rest/api/2/issue').filter((r) => r.body.includes(order.id));
    expect(issues).toHaveLength(1);
    expect(issues[0].headers.authorization).toBe(
      `Basic ${Buffer.from('ops@spice-route.example:jira-api-token').toString('base64')}`,
    );
    const fields = json(issues[0]).fields as Record<string, unknown>;
    expect(fields.project).toEqual({ key: 'OPS' });
    expect(String(fields.description)).toContain(order.id);
    expect(issues[0].body).not.toContain('+91'); // no customer data

    const failed = await eventually(async () => {
      const jsm = await jetstreamManager(service.nc);
      const stream = wireStreamName(service.environment.namespace, STREAMS.STATUS);
      const { state } = await jsm.streams.info(stream);
      for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
        const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
        if (message?.subject !== wireSubject(service.environment.namespace, STATUS_CALLBACK_FAILED_V1))
          continue;
        const envelope = message.json<EventEnvelope<StatusCallbackFailedV1>>();
        if (envelope.payload.orderId === order.id) return envelope;
      }
      return undefined;
    }, 10_000);
    expect(failed.payload).toMatchObject({
      callbackId: dead.id,
      kind: 'status',
      target: 'woocommerce',
      status: 'accepted',
    });
    expect(failed.correlationId).toBe(order.correlationId);

    const manager = service.environment.token(Role.MANAGER, ['venue-b']);
    expect((await service.request('POST', `/v1/callbacks/${dead.id}/retry`, manager)).status).toBe(403);
    const retried = await service.request('POST', `/v1/callbacks/${dead.id}/retry`, headOffice);
    expect(retried.status).toBe(202);
    await settled(order.id, ACCEPTED, 'sent');
    await settled(order.id, COMPLETED, 'sent');
    expect(
      api
        .to(path)
        .filter((r) => r.answered === 200)
        .map((r) => json(r).status),
    ).toEqual(['processing', 'completed']);
    expect((await service.request('POST', `/v1/callbacks/${dead.id}/retry`, headOffice)).status).toBe(409);
    expect(api.to('/jira/rest/api/2/issue').filter((r) => r.body.includes(order.id))).toHaveLength(1);
  });

  it('goes dead after the configured number of attempts', async () => {
    const order = testOrder('venue-g', 'woocommerce');
    const previous = api.handler;
    api.handler = (request) => (request.path.startsWith('/woo-g/') ? { status: 503 } : previous(request));
    try {
      await move(service, order, [[RECEIVED, ACCEPTED]]);
      const dead = await settled(order.id, ACCEPTED, 'dead', 15_000);
      expect(dead.attempts).toBe(6);
      expect(dead.lastReason).toContain('after 6 attempts');
      expect(dead.attemptLog.map((a) => a.httpStatus)).toEqual(Array(6).fill(503));
      expect(api.to('/woo-g/')).toHaveLength(6);
    } finally {
      api.handler = previous;
    }
  });

  it('goes dead when it could not be delivered within the maximum age', async () => {
    const order = testOrder('venue-g', 'woocommerce');
    const previous = api.handler;
    api.handler = (request) => (request.path.startsWith('/woo-g/') ? { status: 503 } : previous(request));
    try {
      await move(service, order, [[RECEIVED, ACCEPTED]]);
      await eventually(
        async () => (await callbacks(`orderId=${order.id}`)).find((c) => c.status === ACCEPTED),
        10_000,
        'the callback',
      );
      // as if it had been failing for seven hours (CALLBACK_MAX_AGE_MS is 6 h here)
      await service.environment.query(
        "UPDATE status_sync.callbacks SET created_at = now() - interval '7 hours' WHERE order_id = $1",
        [order.id],
      );
      const dead = await settled(order.id, ACCEPTED, 'dead');
      expect(dead.lastReason).toMatch(/not delivered within 21600 s/);
    } finally {
      api.handler = previous;
    }
  });

  it('lists callbacks by venue for managers, every venue for head office', async () => {
    const manager = service.environment.token(Role.MANAGER, ['venue-b']);
    const own = await callbacks('', manager);
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((c) => c.venueId))).toEqual(new Set(['venue-b']));
    expect((await service.request('GET', '/v1/callbacks?venueId=venue-d', manager)).status).toBe(403);
    expect((await service.request('GET', '/v1/callbacks?state=bogus', headOffice)).status).toBe(400);
    const staff = service.environment.token(Role.STAFF, ['venue-b']);
    expect((await service.request('GET', '/v1/callbacks', staff)).status).toBe(403);
    const all = await callbacks('state=sent');
    expect(new Set(all.map((c) => c.venueId)).size).toBeGreaterThan(2);
  });

  it('pushes item availability to the platforms that support it and marks the others unsupported', async () => {
    await service.publish(
      createEnvelope(
        MENU_AVAILABILITY_CHANGED_V1,
        {
          kind: 'item',
          id: '01a2036e-2559-7703-ab26-b1eced71891f',
          code: 'KULFI',
          name: 'Kulfi',
          available: false,
          until: '2026-11-22T18:00:00.000Z',
          changedBy: 'manager-1',
          changedAt: new Date().toISOString(),
          platformCodes: [
            { platform: 'ubereats', code: 'uber-kulfi' },
            { platform: 'woocommerce', code: '794' },
            { platform: 'square', code: 'sq-kulfi' },
          ],
        },
        { venueId: 'venue-a', aggregateType: 'menu-item', aggregateId: 'kulfi', correlationId: 'avail-1' },
      ),
    );
    const states = await eventually(async () => {
      const rows = await callbacks('venueId=venue-a&kind=availability');
      const byTarget = Object.fromEntries(rows.map((c) => [c.target, c.state]));
      return byTarget.ubereats === 'sent' && byTarget.woocommerce === 'sent' ? byTarget : undefined;
    }, 10_000);
    expect(states).toEqual({ ubereats: 'sent', woocommerce: 'sent', square: 'unsupported' });
    const [uber] = api.to('/uber/v2/eats/stores/uber-store-a/menus/items/uber-kulfi');
    expect(json(uber)).toEqual({
      suspension_info: { suspension: { suspend_until: 1795370400, reason: 'out of stock' } },
    });
    const [woo] = api.to('/woo-a/wp-json/wc/v3/products/794');
    expect(json(woo)).toEqual({ stock_status: 'outofstock' });
  });

  it('applies a status change that tells nobody with no transaction and no inbox row, and one that tells someone with its inbox row', async () => {
    const inboxRows = (ids: string[]) =>
      service.environment.query('SELECT 1 FROM status_sync.inbox WHERE event_id = ANY($1::uuid[])', [ids]);
    // a direct channel (no integration) at a venue without a notification webhook: nothing to tell
    const quiet = testOrder('venue-quiet', 'qr');
    const quietIds = await move(service, quiet, [
      [RECEIVED, ACCEPTED],
      [ACCEPTED, IN_PREPARATION],
    ]);
    await told(service, quiet.id);
    expect(await callbacks(`orderId=${quiet.id}`)).toEqual([]);
    expect(await inboxRows(quietIds)).toEqual([]);

    // the same at a venue with a webhook: a notification, written with the event's inbox row
    const manager = service.environment.token(Role.MANAGER, ['venue-g']);
    const saved = await service.request('PUT', '/v1/venues/venue-g/notifications', manager, {
      url: `${api.baseUrl}/hooks/venue-g`,
      secret: 'venue-g-webhook-secret',
    });
    expect(saved.status).toBe(200);
    const notified = testOrder('venue-g', 'qr');
    const notifiedIds = await move(service, notified, [[RECEIVED, ACCEPTED]]);
    await told(service, notified.id);
    expect((await callbacks(`orderId=${notified.id}`)).map((c) => [c.kind, c.state])).toEqual([
      ['notification', 'sent'],
    ]);
    expect(await inboxRows(notifiedIds)).toHaveLength(1);
  });

  it('sends signed customer notifications to the venue webhook', async () => {
    const secret = 'brand-webhook-secret-123';
    const manager = service.environment.token(Role.MANAGER, ['venue-f']);
    const saved = await service.request('PUT', '/v1/venues/venue-f/notifications', manager, {
      url: `${api.baseUrl}/hooks/venue-f`,
      secret,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.secret).toBe('********');
    const other = service.environment.token(Role.MANAGER, ['venue-b']);
    expect(
      (
        await service.request('PUT', '/v1/venues/venue-f/notifications', other, {
          url: 'http://x.example',
          secret,
        })
      ).status,
    ).toBe(403);

    const order = testOrder('venue-f', 'qr', OrderType.DELIVERY);
    await move(service, order, [
      [RECEIVED, ACCEPTED],
      [ACCEPTED, IN_PREPARATION],
      [IN_PREPARATION, READY],
      [READY, OrderStatus.DISPATCHED],
      [OrderStatus.DISPATCHED, COMPLETED],
    ]);
    const hooks = await eventually(
      () => {
        const received = api.to('/hooks/venue-f').filter((r) => r.body.includes(order.id));
        return received.some((r) => r.headers['x-hub-event'] === 'order.out_for_delivery')
          ? received
          : undefined;
      },
      10_000,
      'the out-for-delivery notification',
    );
    // moves that pile up supersede the stale ones (preparing, ready): what arrives is in order, once each
    const events = hooks.map((r) => String(r.headers['x-hub-event']));
    const lifecycle = ['order.confirmed', 'order.preparing', 'order.ready', 'order.out_for_delivery'];
    expect(events[0]).toBe('order.confirmed');
    expect(events.at(-1)).toBe('order.out_for_delivery');
    const ranks = events.map((e) => lifecycle.indexOf(e));
    expect(ranks).toEqual([...ranks].sort());
    expect(new Set(events).size).toBe(events.length);
    const states = await eventually(async () => {
      const all = (await callbacks(`orderId=${order.id}&kind=notification`)).map((c) => c.state);
      return all.every((state) => state === 'sent' || state === 'superseded') ? all : undefined;
    }, 5000);
    expect(states.filter((state) => state === 'sent')).toHaveLength(events.length);
    for (const hook of hooks) {
      const expected = createHmac('sha256', secret).update(hook.body).digest('hex');
      expect(hook.headers['x-hub-signature-256']).toBe(`sha256=${expected}`);
      expect((json(hook).order as { customer: { phone: string } }).customer.phone).toBe('+91 98450 00000');
    }
    const listed = await service.request(
      'GET',
      `/v1/callbacks?orderId=${order.id}&kind=notification`,
      manager,
    );
    expect(JSON.stringify(listed.body)).not.toContain('+91');
  });
});
