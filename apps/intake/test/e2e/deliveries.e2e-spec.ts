import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Role } from '@hub/auth';
import { INTAKE_ORDER_RECEIVED_V1, IntakeOrderReceivedV1 } from '@hub/contracts';
import { eventually, InProcessService } from '@hub/testing';
import { PurgeOldDeliveriesUseCase } from '../../src/orders/usecases/purge-old-deliveries/purge-old-deliveries.usecase';
import { startIntake } from './support/boot';
import { intakeEvents } from './support/events';
import { WEBHOOKS_PATH } from '../../src/webhooks/webhooks.controller';

jest.setTimeout(60_000);

/** The adapters' fixtures: Square's published samples, and the crafted DotPe-style configuration (see each SOURCES.md). */
const FIXTURES = join(__dirname, '..', '..', '..', '..', 'libs', 'adapters', 'aggregators', 'src');
const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');
const hmac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('base64');

const [VENUE, OTHER_VENUE] = ['blr-koramangala', 'blr-indiranagar'];
const DOTPE = { storeRef: 'dp-hsr-01', secret: 'dotpe-webhook-secret' };
const SQUARE = { storeRef: 'LOC-RETRY', secret: 'square-signature-key' };

type Summary = Record<string, unknown> & { id: string };

describe('intake: deliveries needing attention are listed, shown as evidence and retried', () => {
  let service: InProcessService;
  let squareAnswers = false;
  let squareApi: Server;
  let squareApiUrl = '';
  const squareCalls: string[] = [];

  const goodMapping = JSON.parse(fixture('declarative/__fixtures__/custom-mapping.crafted.json')) as {
    order: { items: { unitPrice: string } };
  };
  /** the same mapping with the line price at a path the platform does not send */
  const brokenMapping = JSON.parse(JSON.stringify(goodMapping)) as typeof goodMapping;
  brokenMapping.order.items.unitPrice = 'rate';

  const headOffice = () => service.environment.token(Role.HEAD_OFFICE, '*');
  const manager = () => service.environment.token(Role.MANAGER, [VENUE]);
  const saveIntegration = async (platform: string, body: Record<string, unknown>) => {
    const saved = await service.request(
      'PUT',
      `/v1/venues/${VENUE}/integrations/${platform}`,
      headOffice(),
      body,
    );
    if (saved.status !== 200) throw new Error(`${platform}: ${JSON.stringify(saved.body)}`);
  };
  const saveDotpe = (mapping: unknown) => saveIntegration('dotpe', { ...DOTPE, currency: 'INR', mapping });
  const postDotpe = async (body: string) => {
    const response = await fetch(`${service.url}${WEBHOOKS_PATH}/dotpe?store=${DOTPE.storeRef}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-dotpe-signature': `sha256=${hmac(DOTPE.secret, body)}`,
        'x-dotpe-delivery': 'evidence-header',
      },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const list = async (query: string, token = manager()) =>
    service.request('GET', `/v1/venues/${VENUE}/deliveries${query}`, token);
  const retry = (id: string, token = manager(), venue = VENUE) =>
    service.request('POST', `/v1/venues/${venue}/deliveries/${id}/retry`, token);
  const orderEventsOf = async (deliveryId: string) =>
    (await intakeEvents<IntakeOrderReceivedV1>(service, INTAKE_ORDER_RECEIVED_V1)).filter(
      (envelope) => envelope.correlationId === deliveryId,
    );
  /** the attention delivery of this venue and platform, from the list */
  const needingAttention = async (platform: string): Promise<Summary[]> =>
    (await list(`?state=needs_attention&platform=${platform}`)).body.deliveries as Summary[];

  beforeAll(async () => {
    // a stand-in for Square's RetrieveOrder: refuses (404) until the test lets it answer the published sample
    squareApi = createServer((request: IncomingMessage, response: ServerResponse) => {
      request.resume();
      request.on('end', () => {
        const path = request.url ?? '/';
        squareCalls.push(path);
        response.setHeader('content-type', 'application/json');
        if (!squareAnswers || !path.startsWith('/v2/orders/')) {
          response.writeHead(404);
          response.end('{"errors":[{"category":"INVALID_REQUEST_ERROR","code":"NOT_FOUND"}]}');
          return;
        }
        const sample = JSON.parse(fixture('square/__fixtures__/retrieve-order-response.json')) as {
          order: { id: string };
        };
        sample.order.id = decodeURIComponent(path.slice('/v2/orders/'.length));
        response.end(JSON.stringify(sample));
      });
    });
    await new Promise<void>((resolve) => squareApi.listen(0, '127.0.0.1', resolve));
    squareApiUrl = `http://127.0.0.1:${(squareApi.address() as AddressInfo).port}`;

    service = await startIntake({
      THIN_FETCH_RETRY_BASE_MS: '50',
      THIN_FETCH_SWEEP_MS: '100',
      POLL_TICK_MS: '0',
    });
    await saveDotpe(brokenMapping);
    await saveIntegration('square', {
      ...SQUARE,
      notificationUrl: `${service.url}${WEBHOOKS_PATH}/square`,
      apiBaseUrl: squareApiUrl,
      credentials: { accessToken: 'square-token' },
    });
  });

  afterAll(async () => {
    await service?.stop();
    await new Promise((resolve) => squareApi?.close(resolve));
  });

  it('lists an authentic delivery that cannot be normalised with its reason, never its body, and shows its evidence', async () => {
    const body = fixture('declarative/__fixtures__/custom-batch.crafted.json');
    const answer = await postDotpe(body);
    expect(answer.status).toBe(400);
    expect(String(answer.body.message)).toContain('rate');

    const listed = await list('?state=needs_attention');
    expect(listed.status).toBe(200);
    const deliveries = listed.body.deliveries as Summary[];
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toEqual({
      id: expect.any(String),
      platform: 'dotpe',
      kind: 'unparsed',
      state: 'needs_attention',
      receivedBy: 'webhook',
      receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
      attempts: 0,
      retries: 0,
      error: expect.stringContaining('rate'),
      dedupeKey: expect.stringMatching(/^raw:[0-9a-f]{64}$/),
      orderAnnounced: false,
    });
    expect(listed.body.nextCursor).toBeNull();
    // the customer is in the body; the list carries none of it
    expect(JSON.stringify(listed.body)).not.toContain('Meera');

    const shown = await service.request(
      'GET',
      `/v1/venues/${VENUE}/deliveries/${deliveries[0].id}`,
      headOffice(),
    );
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      id: deliveries[0].id,
      state: 'needs_attention',
      bodyEncoding: 'utf8',
    });
    expect(shown.body.body).toBe(body); // the signed bytes, as evidence
    expect(shown.body.headers).toMatchObject({
      'x-dotpe-signature': '********',
      'x-dotpe-delivery': 'evidence-header',
      'content-type': 'application/json',
    });
    expect(JSON.stringify(shown.body.headers)).not.toContain(hmac(DOTPE.secret, body));
    const metrics = await fetch(`${service.url}/metrics`).then((response) => response.text());
    expect(metrics).toContain('hub_intake_deliveries_needing_attention{platform="dotpe",kind="unparsed"} 1');
  });

  it('retries it after the mapping is fixed: the orders are announced once, and a second retry answers 409', async () => {
    const [delivery] = await needingAttention('dotpe');

    // not fixed yet: it still needs attention, with the reason
    const early = await retry(delivery.id);
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ id: delivery.id, state: 'needs_attention', announced: 0, retries: 1 });
    expect(String(early.body.error)).toContain('rate');

    await saveDotpe(goodMapping);
    const fixed = await retry(delivery.id);
    expect(fixed).toEqual({
      status: 200,
      body: { id: delivery.id, state: 'stored', announced: 2, retries: 2 },
    });
    const events = await eventually(
      async () => {
        const found = await orderEventsOf(delivery.id);
        return found.length >= 2 ? found : undefined;
      },
      10_000,
      'the retried orders on the stream',
    );
    expect(events.map((event) => event.payload.order.externalId).sort()).toEqual(['DP-88213', 'DP-88214']);
    expect(events[0].payload.order).toMatchObject({
      venueId: VENUE,
      channel: 'dotpe',
      source: { platform: 'dotpe', rawDeliveryId: delivery.id },
    });

    const again = await retry(delivery.id);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(
      `delivery ${delivery.id} is stored, not needs_attention: only a delivery needing attention can be retried`,
    );
    // the platform sends it again: the orders were received, nothing new
    const resent = await postDotpe(fixture('declarative/__fixtures__/custom-batch.crafted.json'));
    expect(resent).toEqual({ status: 200, body: { status: 'duplicate' } });
    expect(await orderEventsOf(delivery.id)).toHaveLength(2);

    const stored = (await list('?state=stored&platform=dotpe')).body.deliveries as Summary[];
    expect(stored).toEqual([
      expect.objectContaining({
        id: delivery.id,
        kind: 'order',
        dedupeKey: 'dlv_01HZX3K5Q9',
        orderAnnounced: true,
        retries: 2,
        lastRetriedAt: expect.any(String),
      }),
    ]);
    expect(await needingAttention('dotpe')).toEqual([]);
    const metrics = await fetch(`${service.url}/metrics`).then((response) => response.text());
    expect(metrics).toContain('hub_intake_delivery_retries_total{platform="dotpe",outcome="announced"} 1');
    expect(metrics).toContain('hub_intake_delivery_retries_total{platform="dotpe",outcome="conflict"} 1');
    expect(metrics).not.toContain('hub_intake_deliveries_needing_attention{platform="dotpe"');
  });

  it('re-queues a thin Square delivery whose fetch gave up, and announces its order once the API answers', async () => {
    squareAnswers = false;
    const event = JSON.parse(fixture('square/__fixtures__/order-created.json')) as {
      event_id: string;
      data: { id: string; object: { order_created: { location_id: string; order_id: string } } };
    };
    event.event_id = 'sq-retry-evt-1';
    event.data.id = 'retryOrder0001';
    event.data.object.order_created.order_id = 'retryOrder0001';
    event.data.object.order_created.location_id = SQUARE.storeRef;
    const body = JSON.stringify(event);
    const url = `${service.url}${WEBHOOKS_PATH}/square`;
    const answer = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-square-hmacsha256-signature': hmac(SQUARE.secret, url + body),
      },
      body,
    }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as { deliveryId: string },
    }));
    expect(answer.status).toBe(200);
    const id = answer.body.deliveryId;

    const [gaveUp] = await eventually(
      async () => {
        const found = await needingAttention('square');
        return found.length > 0 ? found : undefined;
      },
      10_000,
      'the fetch to give up on a 404',
    );
    expect(gaveUp).toMatchObject({ id, kind: 'order', attempts: 1, orderAnnounced: false });
    expect(String(gaveUp.error)).toContain('404');

    squareAnswers = true;
    const retried = await retry(id);
    expect(retried).toEqual({
      status: 200,
      body: { id, state: 'awaiting_fetch', announced: 0, error: expect.stringContaining('404'), retries: 1 },
    });
    const [announced] = await eventually(
      async () => {
        const found = await orderEventsOf(id);
        return found.length > 0 ? found : undefined;
      },
      10_000,
      'the fetched order after the retry',
    );
    expect(announced.payload.order).toMatchObject({
      venueId: VENUE,
      channel: 'square',
      externalId: 'retryOrder0001',
    });
    expect(squareCalls.filter((path) => path === '/v2/orders/retryOrder0001')).toHaveLength(2);
    const [row] = (await list('?platform=square')).body.deliveries as Summary[];
    expect(row).toMatchObject({ id, state: 'stored', attempts: 1, retries: 1, orderAnnounced: true });
    expect(row.error).toBeUndefined();
    expect((await retry(id)).status).toBe(409);
    expect(await orderEventsOf(id)).toHaveLength(1);
  });

  it('refuses another venue’s manager and staff (403), and answers 404 and 400 clearly', async () => {
    const [delivery] = (await list('?limit=1')).body.deliveries as Summary[];
    const otherManager = service.environment.token(Role.MANAGER, [OTHER_VENUE]);
    const staff = service.environment.token(Role.STAFF, [VENUE]);
    for (const token of [otherManager, staff]) {
      expect((await list('', token)).status).toBe(403);
      expect(
        (await service.request('GET', `/v1/venues/${VENUE}/deliveries/${delivery.id}`, token)).status,
      ).toBe(403);
      expect((await retry(delivery.id, token)).status).toBe(403);
    }
    // the other venue's manager on its own venue does not find this venue's delivery
    expect((await retry(delivery.id, otherManager, OTHER_VENUE)).status).toBe(404);
    expect((await list('', headOffice())).status).toBe(200);

    const unknown = await retry('01a20000-0000-7000-8000-00000000beef');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe(`venue ${VENUE} has no delivery 01a20000-0000-7000-8000-00000000beef`);
    const badState = await list('?state=lost');
    expect(badState.status).toBe(400);
    expect(JSON.stringify(badState.body.message)).toContain(
      'state must be one of needs_attention, awaiting_fetch, stored',
    );
    expect((await list('?cursor=nope')).status).toBe(400);
    expect((await retry('not-a-uuid')).status).toBe(400);
  });

  it('pages the list newest first with a cursor', async () => {
    const all = (await list('')).body.deliveries as Summary[];
    expect(all.length).toBeGreaterThanOrEqual(2);
    const first = await list('?limit=1');
    expect((first.body.deliveries as Summary[]).map((d) => d.id)).toEqual([all[0].id]);
    const second = await list(`?limit=1&cursor=${String(first.body.nextCursor)}`);
    expect((second.body.deliveries as Summary[]).map((d) => d.id)).toEqual([all[1].id]);
    expect(all.map((d) => d.id)).toEqual([...all.map((d) => d.id)].sort().reverse());
  });

  it('purges received orders with the same retention as deliveries, in the same job', async () => {
    await service.environment.query(
      `INSERT INTO intake.received_orders (platform, venue_id, external_id, delivery_id, received_at)
       VALUES ('shopify', $1, 'ancient-order', '01a20000-0000-7000-8000-000000000002', now() - interval '91 days'),
              ('shopify', $1, 'recent-order', '01a20000-0000-7000-8000-000000000003', now() - interval '89 days')`,
      [VENUE],
    );
    const purged = await service.app.get(PurgeOldDeliveriesUseCase).purge();
    expect(purged.receivedOrders).toBe(1);
    const left = await service.environment.query<{ external_id: string }>(
      "SELECT external_id FROM intake.received_orders WHERE platform = 'shopify' ORDER BY external_id",
    );
    expect(left).toEqual([{ external_id: 'recent-order' }]);
    // the orders received by this suite's deliveries are within the retention: kept
    expect(
      (
        await service.environment.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM intake.received_orders WHERE platform IN ('dotpe', 'square')",
        )
      )[0].n,
    ).toBe(3);
  });
});
