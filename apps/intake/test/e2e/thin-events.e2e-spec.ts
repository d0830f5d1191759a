import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Role } from '@hub/auth';
import { INTAKE_ORDER_RECEIVED_V1, IntakeOrderReceivedV1 } from '@hub/contracts';
import { eventually, InProcessService, TestEnvironment } from '@hub/testing';
import { DeliveriesRepository } from '../../src/orders/deliveries.repository';
import { FetchThinOrdersUseCase } from '../../src/webhooks/usecases/fetch-thin-orders/fetch-thin-orders.usecase';
import { startIntake } from './support/boot';
import { intakeEvents } from './support/events';
import { WEBHOOKS_PATH } from '../../src/webhooks/webhooks.controller';

jest.setTimeout(60_000);

/** The platforms' published samples, kept with the adapters (sources in each __fixtures__/SOURCES.md). */
const FIXTURES = join(__dirname, '..', '..', '..', '..', 'libs', 'adapters', 'aggregators', 'src');
const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');
const hmac = (secret: string, data: string, encoding: 'base64' | 'hex') =>
  createHmac('sha256', secret).update(data).digest(encoding);

const [VENUE_A, VENUE_B, VENUE_C] = ['blr-koramangala', 'blr-indiranagar', 'blr-whitefield'];
const SQUARE_SECRET = 'square-signature-key';
const UBER = { storeRef: '89dd9741-66b5-4bb4-b216-a813f3b21b4f', secret: 'uber-client-secret' };
const GLORIA_KEY = 'gloria-master-key';

/** A stand-in for a platform API whose answers the test switches; it records every path asked for. */
class LocalPlatform {
  readonly calls: string[] = [];
  private server?: Server;
  url = '';

  constructor(private readonly handle: (path: string, method: string) => { status: number; body: string }) {}

  async start(): Promise<this> {
    this.server = createServer((request: IncomingMessage, response: ServerResponse) => {
      request.resume();
      request.on('end', () => {
        const path = request.url ?? '/';
        this.calls.push(`${request.method} ${path}`);
        const { status, body } = this.handle(path, request.method ?? 'GET');
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('intake: thin events are stored first and fetched after; batches span restaurants', () => {
  let environment: TestEnvironment;
  let service: InProcessService;
  let squareUp = false;
  let uberRefusals = 1;
  /** RetrieveOrder answers the published sample under the id asked for */
  const square = new LocalPlatform((path) => {
    if (!squareUp || !path.startsWith('/v2/orders/'))
      return { status: 503, body: '{"errors":[{"code":"SERVICE_UNAVAILABLE"}]}' };
    const sample = JSON.parse(fixture('square/__fixtures__/retrieve-order-response.json')) as {
      order: { id: string };
    };
    sample.order.id = decodeURIComponent(path.slice('/v2/orders/'.length));
    return { status: 200, body: JSON.stringify(sample) };
  });
  const squareAlwaysDown = new LocalPlatform(() => ({ status: 503, body: '{}' }));
  let tokens = 0;
  const uber = new LocalPlatform((path, method) => {
    if (method === 'POST' && path === '/oauth/v2/token') {
      tokens += 1;
      return {
        status: 200,
        body: JSON.stringify({ access_token: `token-${tokens}`, expires_in: 2_592_000 }),
      };
    }
    if (path.startsWith('/v2/eats/order/')) {
      if (uberRefusals > 0) {
        uberRefusals -= 1;
        return { status: 401, body: '{"code":"unauthorized"}' };
      }
      return { status: 200, body: fixture('ubereats/__fixtures__/get-order-details.json') };
    }
    return { status: 404, body: '{}' };
  });

  const boot = (env: TestEnvironment) =>
    startIntake(
      {
        THIN_FETCH_RETRY_BASE_MS: '200',
        THIN_FETCH_MAX_ATTEMPTS: '6',
        THIN_FETCH_SWEEP_MS: '100',
      },
      env,
    );

  const post = async (platform: string, body: string, headers: Record<string, string>) => {
    const response = await fetch(`${service.url}${WEBHOOKS_PATH}/${platform}`, {
      method: 'POST',
      headers,
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const squareBody = (locationId: string, eventId: string, orderId = 'eA3vssLHKJrv9H0IdJCM3gNqfdcZY') => {
    const event = JSON.parse(fixture('square/__fixtures__/order-created.json')) as {
      event_id: string;
      data: { id: string; object: { order_created: { location_id: string; order_id: string } } };
    };
    event.event_id = eventId;
    event.data.id = orderId;
    event.data.object.order_created.order_id = orderId;
    event.data.object.order_created.location_id = locationId;
    return JSON.stringify(event);
  };
  const postSquare = (body: string) => {
    const url = `${service.url}${WEBHOOKS_PATH}/square`;
    return post('square', body, {
      'content-type': 'application/json',
      'x-square-hmacsha256-signature': hmac(SQUARE_SECRET, url + body, 'base64'),
    });
  };
  const deliveryOf = async (id: unknown) =>
    (
      await environment.query<{
        state: string;
        fetch_attempts: number;
        error: string | null;
        venue_id: string;
      }>('SELECT state, fetch_attempts, error, venue_id FROM intake.deliveries WHERE id = $1', [id])
    )[0];
  const orderEventsOf = async (deliveryId: unknown) =>
    (await intakeEvents<IntakeOrderReceivedV1>(service, INTAKE_ORDER_RECEIVED_V1)).filter(
      (envelope) => envelope.correlationId === deliveryId,
    );
  const saveIntegration = async (venue: string, platform: string, body: Record<string, unknown>) => {
    const saved = await service.request(
      'PUT',
      `/v1/venues/${venue}/integrations/${platform}`,
      environment.token(Role.HEAD_OFFICE, '*'),
      body,
    );
    if (saved.status !== 200) throw new Error(`${platform}: ${JSON.stringify(saved.body)}`);
  };

  beforeAll(async () => {
    await Promise.all([square.start(), squareAlwaysDown.start(), uber.start()]);
    environment = await TestEnvironment.create();
    service = await boot(environment);
    const notificationUrl = `${service.url}${WEBHOOKS_PATH}/square`;
    await saveIntegration(VENUE_A, 'square', {
      storeRef: 'LOC-A',
      secret: SQUARE_SECRET,
      notificationUrl,
      apiBaseUrl: square.url,
      credentials: { accessToken: 'square-token' },
    });
    await saveIntegration(VENUE_B, 'square', {
      storeRef: 'LOC-B',
      secret: SQUARE_SECRET,
      notificationUrl,
      apiBaseUrl: squareAlwaysDown.url,
    });
    await saveIntegration(VENUE_B, 'ubereats', {
      ...UBER,
      apiBaseUrl: uber.url,
      credentials: { clientId: 'uber-client-id' },
    });
    await saveIntegration(VENUE_A, 'gloriafood', { storeRef: 'KEY-A', secret: GLORIA_KEY, currency: 'USD' });
    await saveIntegration(VENUE_B, 'gloriafood', { storeRef: 'KEY-B', secret: GLORIA_KEY, currency: 'USD' });
  });

  afterAll(async () => {
    await service?.stop();
    await Promise.all([square.close(), squareAlwaysDown.close(), uber.close()]);
  });

  it('answers a Square order.created at once while Square is down, then fetches the order once it is back', async () => {
    squareUp = false;
    const answer = await postSquare(squareBody('LOC-A', 'sq-evt-1'));
    expect(answer).toEqual({ status: 200, body: { status: 'stored', deliveryId: expect.any(String) } });
    await eventually(
      async () => ((await deliveryOf(answer.body.deliveryId)).fetch_attempts >= 1 ? true : undefined),
      10_000,
      'a first fetch attempt',
    );
    const waiting = await deliveryOf(answer.body.deliveryId);
    expect(waiting).toMatchObject({ state: 'awaiting_fetch', venue_id: VENUE_A });
    expect(waiting.error).toContain('503');
    expect(await orderEventsOf(answer.body.deliveryId)).toEqual([]);

    squareUp = true;
    const [event] = await eventually(
      async () => {
        const found = await orderEventsOf(answer.body.deliveryId);
        return found.length > 0 ? found : undefined;
      },
      15_000,
      'the order-received event after the fetch',
    );
    expect(event.payload.order).toMatchObject({
      venueId: VENUE_A,
      channel: 'square',
      externalId: 'eA3vssLHKJrv9H0IdJCM3gNqfdcZY',
      source: { platform: 'square', rawDeliveryId: answer.body.deliveryId },
    });
    expect(await deliveryOf(answer.body.deliveryId)).toMatchObject({ state: 'stored', error: null });
    expect(
      square.calls.filter((call) => call === 'GET /v2/orders/eA3vssLHKJrv9H0IdJCM3gNqfdcZY').length,
    ).toBeGreaterThanOrEqual(2);

    // Square retries the webhook: a duplicate, nothing fetched or published again
    expect(await postSquare(squareBody('LOC-A', 'sq-evt-1'))).toEqual({
      status: 200,
      body: { status: 'duplicate' },
    });
  });

  it('keeps a thin event whose platform never answers, and surfaces it as needing attention', async () => {
    const answer = await postSquare(squareBody('LOC-B', 'sq-evt-down'));
    expect(answer.status).toBe(200);
    const row = await eventually(
      async () => {
        const delivery = await deliveryOf(answer.body.deliveryId);
        return delivery.state === 'needs_attention' ? delivery : undefined;
      },
      30_000,
      'the delivery to need attention',
    );
    expect(row.fetch_attempts).toBe(6);
    expect(row.error).toMatch(/^gave up after 6 attempts: platform API answered 503/);
    const metrics = await fetch(`${service.url}/metrics`).then((response) => response.text());
    expect(metrics).toContain('hub_intake_thin_fetches{platform="square",state="needs_attention"} 1');
    expect(metrics).toMatch(/hub_intake_thin_fetch_attempts_total\{platform="square",outcome="retry"\} \d+/);
  });

  it('fetches an Uber Eats order from resource_href, refreshing a refused token once', async () => {
    uberRefusals = 1;
    const body = fixture('ubereats/__fixtures__/orders-notification.json');
    const answer = await post('ubereats', body, {
      'content-type': 'application/json',
      'x-uber-signature': hmac(UBER.secret, body, 'hex'),
    });
    expect(answer.body.status).toBe('stored');
    const [event] = await eventually(
      async () => {
        const found = await orderEventsOf(answer.body.deliveryId);
        return found.length > 0 ? found : undefined;
      },
      10_000,
      'the Uber order',
    );
    expect(event.payload.order).toMatchObject({ venueId: VENUE_B, channel: 'ubereats' });
    expect(uber.calls).toEqual([
      'POST /oauth/v2/token',
      'GET /v2/eats/order/153dd7f1-339d-4619-940c-418943c14636',
      'POST /oauth/v2/token',
      'GET /v2/eats/order/153dd7f1-339d-4619-940c-418943c14636',
    ]);
    expect(await deliveryOf(answer.body.deliveryId)).toMatchObject({ state: 'stored', fetch_attempts: 1 });
  });

  it('resumes pending fetches after a restart', async () => {
    squareUp = false;
    const answer = await postSquare(squareBody('LOC-A', 'sq-evt-restart', 'restartOrder0001'));
    expect(answer.body.status).toBe('stored');
    await service.nc.close();
    await service.app.close();
    expect((await deliveryOf(answer.body.deliveryId)).state).toBe('awaiting_fetch');

    squareUp = true;
    service = await boot(environment);
    const events = await eventually(
      async () => {
        const found = await orderEventsOf(answer.body.deliveryId);
        return found.length > 0 ? found : undefined;
      },
      15_000,
      'the order fetched after the restart',
    );
    expect(events).toHaveLength(1);
    expect((await deliveryOf(answer.body.deliveryId)).state).toBe('stored');
  });

  it('lets concurrent claimers (replicas) share due fetches without ever taking the same one', async () => {
    await service.app.get(FetchThinOrdersUseCase).onApplicationShutdown(); // this replica's own loop stops
    await environment.query(
      `INSERT INTO intake.deliveries (id, platform, venue_id, dedupe_key, body_sha256, raw_body, kind, state, next_attempt_at)
       SELECT gen_random_uuid(), 'square', $1, 'claim-' || n, 'x', '{}'::bytea, 'order', 'awaiting_fetch', now() - interval '1 second'
         FROM generate_series(1, 20) AS n`,
      [VENUE_A],
    );
    const repository = service.app.get(DeliveriesRepository);
    const [first, second] = await Promise.all([
      repository.claimDueFetches(15, 60_000),
      repository.claimDueFetches(15, 60_000),
    ]);
    const ids = [...first, ...second].map((claimed) => claimed.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
    // leased: nothing is due again until the lease runs out
    expect(await repository.claimDueFetches(15, 60_000)).toEqual([]);
    await environment.query("DELETE FROM intake.deliveries WHERE dedupe_key LIKE 'claim-%'");
  });

  it('sends each GloriaFood order of a push to its own restaurant, and reports a restaurant not connected', async () => {
    const sample = JSON.parse(fixture('gloriafood/__fixtures__/orders.json')) as {
      orders: Array<Record<string, unknown>>;
    };
    const order = (id: number, restaurantKey: string) => ({
      ...sample.orders[0],
      id,
      restaurant_key: restaurantKey,
    });
    const push = JSON.stringify({
      count: 3,
      orders: [order(9001, 'KEY-A'), order(9002, 'KEY-B'), order(9003, 'KEY-C')],
    });
    const headers = { 'content-type': 'application/json', authorization: GLORIA_KEY };

    const first = await post('gloriafood', push, headers);
    expect(first.status).toBe(404);
    expect(first.body.message).toBe(
      'no gloriafood integration for store KEY-C; stored the orders of 2 known store(s); retry once it is connected',
    );
    const rows = await environment.query<{ venue_id: string; dedupe_key: string }>(
      "SELECT venue_id, dedupe_key FROM intake.deliveries WHERE platform = 'gloriafood' ORDER BY dedupe_key",
    );
    expect(rows).toEqual([
      { venue_id: VENUE_A, dedupe_key: '9001:accepted' },
      { venue_id: VENUE_B, dedupe_key: '9002:accepted' },
    ]);

    // GloriaFood retries the push once the restaurant is connected: only its order is new
    await saveIntegration(VENUE_C, 'gloriafood', { storeRef: 'KEY-C', secret: GLORIA_KEY, currency: 'USD' });
    const retried = await post('gloriafood', push, headers);
    expect(retried).toEqual({ status: 200, body: { status: 'stored', deliveryId: expect.any(String) } });
    const [event] = await eventually(
      async () => {
        const found = await orderEventsOf(retried.body.deliveryId);
        return found.length > 0 ? found : undefined;
      },
      5000,
      'the third restaurant’s order',
    );
    expect(event.payload.order).toMatchObject({ venueId: VENUE_C, externalId: '9003' });
    expect(await post('gloriafood', push, headers)).toEqual({ status: 200, body: { status: 'duplicate' } });

    const two = JSON.stringify({ count: 2, orders: [order(9004, 'KEY-A'), order(9005, 'KEY-B')] });
    const both = await post('gloriafood', two, headers);
    expect(both.body).toMatchObject({
      status: 'stored',
      deliveryIds: [expect.any(String), expect.any(String)],
    });
    const venues = await Promise.all(
      (both.body.deliveryIds as string[]).map(async (id) => (await deliveryOf(id)).venue_id),
    );
    expect(venues).toEqual([VENUE_A, VENUE_B]);
    expect((await post('gloriafood', two, { ...headers, authorization: 'wrong' })).status).toBe(401);
  });
});
