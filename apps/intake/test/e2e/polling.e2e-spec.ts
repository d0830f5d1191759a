import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { join } from 'node:path';
import { Role } from '@hub/auth';
import { INTAKE_ORDER_RECEIVED_V1, IntakeOrderReceivedV1 } from '@hub/contracts';
import { eventually, InProcessService, TestEnvironment } from '@hub/testing';
import { PollScheduler } from '../../src/polling/poll-scheduler.service';
import { startIntake } from './support/boot';
import { intakeEvents } from './support/events';
import { WEBHOOKS_PATH } from '../../src/webhooks/webhooks.controller';

jest.setTimeout(90_000);

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'libs', 'adapters', 'aggregators', 'src');
const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');

const REVEL_VENUE = 'nyc-soho';
const OTHER_VENUE = 'nyc-tribeca';
const WEB_VENUE = 'blr-koramangala';
const REVEL = { storeRef: '12', secret: 'revel-key:revel-secret', currency: 'USD', pollIntervalSeconds: 60 };
const SHOPIFY = { storeRef: 'spice-route.myshopify.com', secret: 'shopify-app-secret' };
const GLORIA = { storeRef: '8yCPCvb3dDo1k', secret: 'gloria-master-key', currency: 'USD' };
const WOO = { storeRef: 'https://example.com', secret: 'woo-webhook-secret' };

/** A Revel order as the stand-in lists it (crafted in the shape of revel/__fixtures__/orders-page.crafted.json). */
interface RevelOrder {
  id: number;
  updated: string;
  total: number;
}

/**
 * The platforms' APIs, standing in on one local server (each integration's `apiBaseUrl`):
 * Revel's Tastypie Order/OrderItem lists (two orders a page, filtered by `updated_date__gte`),
 * Shopify's orders.json (`since_id`) and GloriaFood's pop queue.
 */
class PlatformsStandIn {
  readonly revelOrders: RevelOrder[] = [];
  readonly revelRequests: URL[] = [];
  /** answer 503 to every Revel order-list request */
  revelDown = false;
  /** answer 503 to the Revel page at this offset */
  revelFailAtOffset?: number;
  shopifyOrders: Array<Record<string, unknown>> = [];
  gloriaQueue: unknown[] = [];
  posistPage: unknown = { orders: [] };
  squareOrders: unknown[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      response.setHeader('content-type', 'application/json');
      const answer = (status: number, body: unknown) => {
        response.statusCode = status;
        response.end(JSON.stringify(body));
      };
      if (url.pathname === '/resources/Order/') {
        this.revelRequests.push(url);
        const offset = Number(url.searchParams.get('offset'));
        if (request.headers['api-authentication'] !== REVEL.secret) return answer(401, { error: 'auth' });
        if (this.revelDown || this.revelFailAtOffset === offset) return answer(503, { error: 'down' });
        const since = Date.parse(url.searchParams.get('updated_date__gte') ?? '');
        const listed = this.revelOrders
          .filter((order) => Date.parse(order.updated) >= since)
          .sort((a, b) => Date.parse(a.updated) - Date.parse(b.updated));
        const page = listed.slice(offset, offset + 2);
        return answer(200, {
          meta: {
            limit: 2,
            offset,
            next: offset + 2 < listed.length ? 'next' : null,
            total_count: listed.length,
          },
          objects: page.map((order) => ({
            id: order.id,
            establishment: 12,
            call_number: order.id,
            dining_option: 1,
            created_date: order.updated,
            updated_date: order.updated,
            final_total: order.total,
          })),
        });
      }
      if (url.pathname === '/resources/OrderItem/') {
        const ids = (url.searchParams.get('order__in') ?? '').split(',');
        return answer(200, {
          meta: { next: null },
          objects: this.revelOrders
            .filter((order) => ids.includes(String(order.id)))
            .map((order) => ({
              order: `/resources/Order/${order.id}/`,
              product: `/resources/Product/${order.id}/`,
              product_name_override: `Bowl ${order.id}`,
              quantity: 1,
              price: order.total,
            })),
        });
      }
      if (url.pathname === '/admin/api/2025-01/orders.json') {
        const sinceId = BigInt(url.searchParams.get('since_id') ?? '0');
        return answer(200, {
          orders: this.shopifyOrders.filter((order) => BigInt(order.id as number) > sinceId),
        });
      }
      if (url.pathname === '/v2/orders/search') {
        return answer(200, { orders: this.squareOrders });
      }
      if (url.pathname.startsWith('/v2/orders/')) {
        return answer(200, JSON.parse(fixture('square/__fixtures__/retrieve-order-response.json')));
      }
      if (url.pathname === '/api/v1/orders') {
        return answer(200, this.posistPage);
      }
      if (url.pathname === '/pos/order/pop') {
        const orders = this.gloriaQueue.splice(0);
        return answer(200, { count: orders.length, orders });
      }
      return answer(404, { error: `no stand-in for ${url.pathname}` });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

describe('intake: polling platform order lists on a schedule and by manual sync, on real Postgres and JetStream', () => {
  const platforms = new PlatformsStandIn();
  let environment: TestEnvironment;
  let service: InProcessService;
  /** the scheduler's clock in these tests: ticks are driven by hand (POLL_TICK_MS=0) */
  let clock = Date.now();
  const at = (secondsLater: number) => {
    clock += secondsLater * 1000;
    return new Date(clock);
  };

  const start = () =>
    startIntake(
      { POLL_TICK_MS: '0', POLL_BACKOFF_BASE_SECONDS: '15', POLL_BACKOFF_MAX_SECONDS: '600' },
      environment,
    );
  const scheduler = () => service.app.get(PollScheduler);
  const headOffice = () => service.environment.token(Role.HEAD_OFFICE, '*');
  const deliveries = (platform: string) =>
    environment.query<{ dedupe_key: string; state: string; kind: string }>(
      'SELECT dedupe_key, state, kind FROM intake.deliveries WHERE platform = $1 ORDER BY dedupe_key',
      [platform],
    );
  const revelIntegration = async () => {
    const listed = await service.request('GET', `/v1/venues/${REVEL_VENUE}/integrations`, headOffice());
    return (listed.body as unknown as Array<Record<string, unknown>>).find((i) => i.platform === 'revel')!;
  };
  const orderEvents = () => intakeEvents<IntakeOrderReceivedV1>(service, INTAKE_ORDER_RECEIVED_V1);
  const addRevelOrders = (...ids: number[]) => {
    for (const id of ids) {
      platforms.revelOrders.push({
        id,
        updated: new Date(Date.UTC(2026, 5, 1, 12, id)).toISOString(),
        total: 10 + id,
      });
    }
  };
  const put = async (venueId: string, platform: string, body: Record<string, unknown>) => {
    const saved = await service.request(
      'PUT',
      `/v1/venues/${venueId}/integrations/${platform}`,
      headOffice(),
      {
        ...body,
        apiBaseUrl: platforms.url,
      },
    );
    if (saved.status !== 200) throw new Error(`${platform}: ${JSON.stringify(saved.body)}`);
  };

  beforeAll(async () => {
    await platforms.start();
    environment = await TestEnvironment.create();
    service = await start();
    // a first poll looks back a day, so the stand-in's orders of 2026-06-01 are always found
    await put(REVEL_VENUE, 'revel', { ...REVEL, credentials: { pollLookbackMinutes: '100000000' } });
    await put(REVEL_VENUE, 'woocommerce', WOO);
    await put(WEB_VENUE, 'shopify', {
      ...SHOPIFY,
      credentials: { accessToken: 'shpat_test', pollLookbackMinutes: '100000000' },
    });
    await put(WEB_VENUE, 'gloriafood', GLORIA);
  });

  afterAll(async () => {
    await service?.stop();
    await platforms.stop();
  });

  it('polls an integration at its interval from its stored cursor and stores each new order once', async () => {
    addRevelOrders(1, 2);
    await scheduler().tick(at(0));
    expect(platforms.revelRequests).toHaveLength(1);
    expect((await deliveries('revel')).map((d) => d.dedupe_key)).toEqual(['order:1', 'order:2']);

    await scheduler().tick(at(30)); // not due: 60 s interval
    expect(platforms.revelRequests).toHaveLength(1);

    addRevelOrders(3);
    await scheduler().tick(at(31));
    expect(platforms.revelRequests).toHaveLength(2);
    // the second sweep starts at the latest updated_date seen: order 2 again (a duplicate) and order 3
    expect(platforms.revelRequests[1].searchParams.get('updated_date__gte')).toBe(
      platforms.revelOrders[1].updated,
    );
    expect((await deliveries('revel')).map((d) => d.dedupe_key)).toEqual(['order:1', 'order:2', 'order:3']);

    const events = await eventually(async () => {
      const found = (await orderEvents()).filter((event) => event.payload.order.channel === 'revel');
      return found.length === 3 ? found : undefined;
    });
    expect(events.map((event) => [event.payload.order.externalId, event.payload.order.totals.total])).toEqual(
      [
        ['1', 1100],
        ['2', 1200],
        ['3', 1300],
      ],
    );
    expect(events.every((event) => event.venueId === REVEL_VENUE)).toBe(true);
    const integration = await revelIntegration();
    expect(integration.polling).toMatchObject({ consecutiveFailures: 0 });
    expect((integration.polling as Record<string, string>).lastSuccessAt).toBe(new Date(clock).toISOString());
  });

  it('retries a failing poll with a doubling backoff, counts and shows the failure, then recovers', async () => {
    platforms.revelDown = true;
    const requests = platforms.revelRequests.length;
    await scheduler().tick(at(61));
    expect(platforms.revelRequests).toHaveLength(requests + 1);
    let polling = (await revelIntegration()).polling as Record<string, unknown>;
    expect(polling.consecutiveFailures).toBe(1);
    expect(polling.lastError).toContain('503');
    expect(polling.lastError).not.toContain(REVEL.secret);
    expect(polling.nextPollAt).toBe(new Date(clock + 15_000).toISOString());

    await scheduler().tick(at(10)); // the 15 s backoff has not passed
    expect(platforms.revelRequests).toHaveLength(requests + 1);
    await scheduler().tick(at(6));
    expect(platforms.revelRequests).toHaveLength(requests + 2);
    polling = (await revelIntegration()).polling as Record<string, unknown>;
    expect(polling.consecutiveFailures).toBe(2);
    expect(polling.nextPollAt).toBe(new Date(clock + 30_000).toISOString());

    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/hub_intake_poll_failures_total\{platform="revel",reason="api"\} 2/);

    platforms.revelDown = false;
    await scheduler().tick(at(31));
    polling = (await revelIntegration()).polling as Record<string, unknown>;
    expect(polling.consecutiveFailures).toBe(0);
    expect(polling.lastSuccessAt).toBe(new Date(clock).toISOString());
    expect(await deliveries('revel')).toHaveLength(3);
  });

  it('resumes after a restart mid-way from the committed cursor: no order skipped, none stored twice', async () => {
    addRevelOrders(4, 5, 6, 7, 8);
    // the sweep lists 3..8 two a page: [3,4] is stored, then the page at offset 2 fails
    platforms.revelFailAtOffset = 2;
    const before = platforms.revelRequests.length;
    await scheduler().tick(at(61));
    expect(platforms.revelRequests.slice(before).map((url) => url.searchParams.get('offset'))).toEqual([
      '0',
      '2',
    ]);
    expect((await deliveries('revel')).map((d) => d.dedupe_key)).toContain('order:4');
    expect(await deliveries('revel')).toHaveLength(4);

    // the process goes away; a new one takes over the same database
    await service.nc.close();
    await service.app.close();
    platforms.revelFailAtOffset = undefined;
    service = await start();

    const resumed = platforms.revelRequests.length;
    await scheduler().tick(at(16));
    expect(platforms.revelRequests.slice(resumed).map((url) => url.searchParams.get('offset'))).toEqual([
      '2',
      '4',
    ]);
    const stored = (await deliveries('revel')).map((d) => d.dedupe_key);
    expect(stored).toEqual([
      'order:1',
      'order:2',
      'order:3',
      'order:4',
      'order:5',
      'order:6',
      'order:7',
      'order:8',
    ]);
    const events = await eventually(async () => {
      const found = (await orderEvents()).filter((event) => event.payload.order.channel === 'revel');
      return found.length >= 8 ? found : undefined;
    });
    expect(events.map((event) => event.payload.order.externalId).sort()).toEqual(
      ['1', '2', '3', '4', '5', '6', '7', '8'].sort(),
    );
  });

  it('syncs by hand for the venue manager and answers with what it found', async () => {
    addRevelOrders(9);
    const manager = service.environment.token(Role.MANAGER, [REVEL_VENUE]);
    const synced = await service.request(
      'POST',
      `/v1/venues/${REVEL_VENUE}/integrations/revel/sync`,
      manager,
    );
    expect(synced.status).toBe(200);
    expect(synced.body).toMatchObject({ platform: 'revel', new: 1, needsAttention: 0, more: false });
    expect(synced.body.fetched).toBe((synced.body.new as number) + (synced.body.duplicates as number));
    expect(synced.body.duplicates).toBeGreaterThanOrEqual(1);
    expect((await deliveries('revel')).map((d) => d.dedupe_key)).toContain('order:9');

    const again = await service.request('POST', `/v1/venues/${REVEL_VENUE}/integrations/revel/sync`, manager);
    expect(again.body).toMatchObject({ new: 0 });
  });

  it('refuses another venue, unknown integrations and platforms that cannot be polled', async () => {
    const otherManager = service.environment.token(Role.MANAGER, [OTHER_VENUE]);
    const forbidden = await service.request(
      'POST',
      `/v1/venues/${REVEL_VENUE}/integrations/revel/sync`,
      otherManager,
    );
    expect(forbidden.status).toBe(403);
    const staff = service.environment.token(Role.STAFF, [REVEL_VENUE]);
    expect(
      (await service.request('POST', `/v1/venues/${REVEL_VENUE}/integrations/revel/sync`, staff)).status,
    ).toBe(403);

    const none = await service.request(
      'POST',
      `/v1/venues/${OTHER_VENUE}/integrations/revel/sync`,
      headOffice(),
    );
    expect(none.status).toBe(404);
    expect(none.body.message).toContain(`venue ${OTHER_VENUE} has no revel integration`);
    const unknown = await service.request(
      'POST',
      `/v1/venues/${REVEL_VENUE}/integrations/myspace/sync`,
      headOffice(),
    );
    expect(unknown.status).toBe(404);

    const webhookOnly = await service.request(
      'POST',
      `/v1/venues/${REVEL_VENUE}/integrations/woocommerce/sync`,
      headOffice(),
    );
    expect(webhookOnly.status).toBe(409);
    expect(webhookOnly.body.message).toContain('woocommerce cannot be polled');
  });

  it('documents the sync route and the polling state in the OpenAPI', async () => {
    const openapi = (await (await fetch(`${service.url}/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const sync = openapi.paths['/v1/venues/{venueId}/integrations/{platform}/sync']?.post;
    expect(Object.keys(sync?.responses ?? {}).sort()).toEqual(['200', '404', '409', '502']);
    expect(Object.keys(openapi.components.schemas.SyncResultDto.properties)).toEqual(
      expect.arrayContaining(['fetched', 'new', 'duplicates']),
    );
    expect(openapi.components.schemas.IntegrationDto.properties).toHaveProperty('polling');
  });

  it('stores a Shopify order once when its webhook came first and the catch-up poll lists it again', async () => {
    const order = JSON.parse(fixture('shopify/__fixtures__/order.sdk.json')).order as Record<string, unknown>;
    const body = JSON.stringify(order);
    const webhook = await fetch(`${service.url}${WEBHOOKS_PATH}/shopify`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-shop-domain': SHOPIFY.storeRef,
        'x-shopify-webhook-id': 'wh-poll-1',
        'x-shopify-hmac-sha256': createHmac('sha256', SHOPIFY.secret).update(body).digest('base64'),
      },
      body,
    });
    expect(webhook.status).toBe(200);
    // the poll lists the same order and one whose webhook never came (a crafted copy with another id)
    const missed = { ...order, id: (order.id as number) + 1, name: '#1002' };
    platforms.shopifyOrders = [order, missed];

    const synced = await service.request(
      'POST',
      `/v1/venues/${WEB_VENUE}/integrations/shopify/sync`,
      headOffice(),
    );
    expect(synced.status).toBe(200);
    expect(synced.body).toMatchObject({ fetched: 2, new: 1, duplicates: 1 });
    expect((await deliveries('shopify')).map((d) => d.dedupe_key)).toEqual([
      `order:${String(missed.id)}`,
      'wh-poll-1',
    ]);
    // a later poll goes on from the highest id: nothing listed twice
    const again = await service.request(
      'POST',
      `/v1/venues/${WEB_VENUE}/integrations/shopify/sync`,
      headOffice(),
    );
    expect(again.body).toMatchObject({ fetched: 0, new: 0 });
  });

  it('answers a GloriaFood push as a duplicate when the catch-up poll brought its order first', async () => {
    const push = fixture('gloriafood/__fixtures__/orders.json');
    platforms.gloriaQueue.push(...(JSON.parse(push) as { orders: unknown[] }).orders);
    const synced = await service.request(
      'POST',
      `/v1/venues/${WEB_VENUE}/integrations/gloriafood/sync`,
      headOffice(),
    );
    expect(synced.body).toMatchObject({ fetched: 1, new: 1, duplicates: 0 });

    const webhook = await fetch(`${service.url}${WEBHOOKS_PATH}/gloriafood`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: GLORIA.secret },
      body: push,
    });
    expect(webhook.status).toBe(200);
    expect(((await webhook.json()) as Record<string, unknown>).status).toBe('duplicate');
    expect((await deliveries('gloriafood')).map((d) => d.dedupe_key)).toEqual(['order:776113']);
  });

  it('announces a Square order once when the catch-up poll found it before its thin webhook was fetched', async () => {
    const event = fixture('square/__fixtures__/order-created.json');
    const orderId = (JSON.parse(event) as { data: { id: string } }).data.id;
    // SearchOrders lists the order the event names: the published RetrieveOrder sample under the event's id
    const retrieved = JSON.parse(fixture('square/__fixtures__/retrieve-order-response.json')) as {
      order: Record<string, unknown>;
    };
    platforms.squareOrders = [{ ...retrieved.order, id: orderId }];
    const notificationUrl = `${service.url}${WEBHOOKS_PATH}/square`;
    await put(WEB_VENUE, 'square', {
      storeRef: 'FPYCBCHYMXFK1',
      secret: 'square-signature-key',
      notificationUrl,
      credentials: { accessToken: 'square-token', pollLookbackMinutes: '100000000' },
    });
    const synced = await service.request(
      'POST',
      `/v1/venues/${WEB_VENUE}/integrations/square/sync`,
      headOffice(),
    );
    expect(synced.body).toMatchObject({ fetched: 1, new: 1, duplicates: 0 });

    const webhook = await fetch(notificationUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-square-hmacsha256-signature': createHmac('sha256', 'square-signature-key')
          .update(notificationUrl + event)
          .digest('base64'),
      },
      body: event,
    });
    expect(webhook.status).toBe(200);
    // the thin event is kept as evidence and fetched, but its order is not announced a second time
    await eventually(async () => {
      const rows = await deliveries('square');
      return rows.every((row) => row.state === 'stored') && rows.length === 2 ? rows : undefined;
    });
    const announced = (await orderEvents()).filter((e) => e.payload.order.externalId === orderId);
    expect(announced).toHaveLength(1);
    expect(announced[0].payload.deliveryId).toBe(
      (
        await environment.query<{ id: string }>(
          "SELECT id FROM intake.deliveries WHERE platform = 'square' AND dedupe_key = $1",
          [`order:${orderId}`],
        )
      )[0].id,
    );
  });

  it('shares due polls between replicas: two schedulers ticking at once poll an integration once', async () => {
    const replica = await start();
    try {
      addRevelOrders(10);
      const before = platforms.revelRequests.length;
      const now = at(61);
      const polled = await Promise.all([scheduler().tick(now), replica.app.get(PollScheduler).tick(now)]);
      expect(polled.sort()).toEqual([0, 1]);
      expect(platforms.revelRequests.length - before).toBe(1);
      const stored = (await deliveries('revel')).map((d) => d.dedupe_key);
      expect(stored.filter((key) => key === 'order:10')).toHaveLength(1);
    } finally {
      await replica.nc.close();
      await replica.app.close();
    }
  });

  it('runs by itself: a scheduler with a tick polls a new integration without being asked', async () => {
    platforms.posistPage = JSON.parse(fixture('posist/__fixtures__/orders.crafted.json'));
    const ticking = await startIntake({ POLL_TICK_MS: '100' }, environment);
    try {
      await put(OTHER_VENUE, 'posist', {
        storeRef: 'posist-outlet-7',
        secret: 'posist-api-key',
        pollIntervalSeconds: 300,
      });
      const stored = await eventually(async () => {
        const rows = await deliveries('posist');
        return rows.length > 0 ? rows : undefined;
      }, 10_000);
      expect(stored.map((d) => d.dedupe_key)).toEqual(['order:5f1e0c2b9d1e8a0017a1b001']);
    } finally {
      await ticking.nc.close();
      await ticking.app.close();
    }
  });
});
