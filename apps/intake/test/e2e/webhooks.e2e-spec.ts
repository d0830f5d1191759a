import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { join } from 'node:path';
import { Role } from '@hub/auth';
import { INTAKE_ORDER_RECEIVED_V1, INTAKE_STATUS_RECEIVED_V1, IntakeOrderReceivedV1 } from '@hub/contracts';
import { eventually, InProcessService } from '@hub/testing';
import { PurgeOldDeliveriesUseCase } from '../../src/orders/usecases/purge-old-deliveries/purge-old-deliveries.usecase';
import { startIntake } from './support/boot';
import { intakeEvents } from './support/events';
import { WEBHOOKS_PATH } from '../../src/webhooks/webhooks.controller';

jest.setTimeout(60_000);

/** The platforms' published samples, kept with the adapters (sources in each __fixtures__/SOURCES.md). */
const FIXTURES = join(__dirname, '..', '..', '..', '..', 'libs', 'adapters', 'aggregators', 'src');
const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');
const hmac = (secret: string, data: string, encoding: 'base64' | 'hex') =>
  createHmac('sha256', secret).update(data).digest(encoding);

const VENUE = 'blr-koramangala';
const SHOPIFY = { storeRef: 'spice-route.myshopify.com', secret: 'shopify-app-secret' };
const WOO = { storeRef: 'https://example.com', secret: 'woo-webhook-secret' };
const GLORIA = { storeRef: '8yCPCvb3dDo1k', secret: 'gloria-master-key' };
const SQUARE = { storeRef: 'FPYCBCHYMXFK1', secret: 'square-signature-key' };

describe('intake: platform webhooks against the adapters, on real Postgres and JetStream', () => {
  let service: InProcessService;
  let squareApi: Server;
  let squareApiUrl = '';
  const squareCalls: string[] = [];

  const post = async (platform: string, body: string, headers: Record<string, string>) => {
    const response = await fetch(`${service.url}${WEBHOOKS_PATH}/${platform}`, {
      method: 'POST',
      headers,
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const shopifyHeaders = (body: string, webhookId: string, topic = 'orders/create') => ({
    'content-type': 'application/json',
    'x-shopify-topic': topic,
    'x-shopify-shop-domain': SHOPIFY.storeRef,
    'x-shopify-webhook-id': webhookId,
    'x-shopify-hmac-sha256': hmac(SHOPIFY.secret, body, 'base64'),
  });
  const eventsOf = async <T>(subject: string, deliveryId: unknown) =>
    (await intakeEvents<T>(service, subject)).filter((envelope) => envelope.correlationId === deliveryId);

  beforeAll(async () => {
    squareApi = createServer((request, response) => {
      squareCalls.push(request.url ?? '');
      response.setHeader('content-type', 'application/json');
      response.end(fixture('square/__fixtures__/retrieve-order-response.json'));
    });
    await new Promise<void>((resolve) => squareApi.listen(0, '127.0.0.1', resolve));
    const address = squareApi.address();
    squareApiUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    service = await startIntake({ WEBHOOK_MAX_BYTES: String(64 * 1024), WEBHOOK_RATE_PER_MINUTE: '50' });
    const headOffice = service.environment.token(Role.HEAD_OFFICE, '*');
    for (const [platform, body] of [
      ['shopify', SHOPIFY],
      ['woocommerce', WOO],
      ['gloriafood', { ...GLORIA, currency: 'USD' }],
      [
        'square',
        { ...SQUARE, notificationUrl: `${service.url}${WEBHOOKS_PATH}/square`, apiBaseUrl: squareApiUrl },
      ],
    ] as const) {
      const saved = await service.request(
        'PUT',
        `/v1/venues/${VENUE}/integrations/${platform}`,
        headOffice,
        body,
      );
      if (saved.status !== 200) throw new Error(`${platform}: ${JSON.stringify(saved.body)}`);
    }
  });

  afterAll(async () => {
    await service?.stop();
    await new Promise((resolve) => squareApi?.close(resolve));
  });

  it('keeps integration secrets encrypted and masked, and only head office may set them', async () => {
    const listed = await service.request(
      'GET',
      `/v1/venues/${VENUE}/integrations`,
      service.environment.token(Role.MANAGER, [VENUE]),
    );
    expect(listed.status).toBe(200);
    expect(
      (listed.body as unknown as Array<Record<string, unknown>>).map((i) => [i.platform, i.secret]),
    ).toEqual([
      ['gloriafood', '********'],
      ['shopify', '********'],
      ['square', '********'],
      ['woocommerce', '********'],
    ]);
    const [row] = await service.environment.query<{ secret_enc: string }>(
      "SELECT secret_enc FROM intake.integrations WHERE platform = 'shopify'",
    );
    expect(row.secret_enc).toMatch(/^v1:/);
    expect(row.secret_enc).not.toContain(SHOPIFY.secret);
    const manager = service.environment.token(Role.MANAGER, [VENUE]);
    expect(
      (await service.request('PUT', `/v1/venues/${VENUE}/integrations/shopify`, manager, SHOPIFY)).status,
    ).toBe(403);
    const unknown = await service.request(
      'PUT',
      `/v1/venues/${VENUE}/integrations/myspace`,
      service.environment.token(Role.HEAD_OFFICE, '*'),
      SHOPIFY,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('no adapter for platform myspace');
    // a venue id that is no id (a NUL byte here, found by npm run fuzz) is a 400, not a database error
    const noVenue = await service.request(
      'GET',
      '/v1/venues/%00/integrations',
      service.environment.token(Role.HEAD_OFFICE, '*'),
    );
    expect([noVenue.status, noVenue.body.message]).toEqual([
      400,
      ['venueId must be a lowercase slug or uuid'],
    ]);
  });

  it('stores a signed Shopify order once, publishes it, and answers a retry as a duplicate', async () => {
    const body = JSON.stringify(JSON.parse(fixture('shopify/__fixtures__/order.sdk.json')).order);
    const first = await post('shopify', body, shopifyHeaders(body, 'wh-1'));
    expect(first).toEqual({ status: 200, body: { status: 'stored', deliveryId: expect.any(String) } });
    const [event] = await eventually(
      async () => {
        const found = await eventsOf<IntakeOrderReceivedV1>(INTAKE_ORDER_RECEIVED_V1, first.body.deliveryId);
        return found.length > 0 ? found : undefined;
      },
      5000,
      'the order-received event',
    );
    expect(event.payload.order).toMatchObject({
      venueId: VENUE,
      channel: 'shopify',
      source: { platform: 'shopify', rawDeliveryId: first.body.deliveryId },
    });
    expect(Number.isInteger(event.payload.order.totals.total)).toBe(true);

    expect(await post('shopify', body, shopifyHeaders(body, 'wh-1'))).toEqual({
      status: 200,
      body: { status: 'duplicate' },
    });
    const rows = await service.environment.query<{ raw_body: Buffer; headers: Record<string, string> }>(
      "SELECT raw_body, headers FROM intake.deliveries WHERE platform = 'shopify' AND dedupe_key LIKE '%wh-1%'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].raw_body.toString()).toBe(body); // the signed bytes, as evidence
    expect(rows[0].headers['x-shopify-hmac-sha256']).toBeDefined();
  });

  it('turns a platform cancellation into a status update', async () => {
    const body = fixture('shopify/__fixtures__/orders-cancelled.crafted.json');
    const answer = await post('shopify', body, shopifyHeaders(body, 'wh-cancel', 'orders/cancelled'));
    expect(answer.body.status).toBe('stored');
    const [event] = await eventually(
      async () => {
        const found = await eventsOf<Record<string, unknown>>(
          INTAKE_STATUS_RECEIVED_V1,
          answer.body.deliveryId,
        );
        return found.length > 0 ? found : undefined;
      },
      5000,
      'the status-received event',
    );
    expect(event.payload).toMatchObject({ channel: 'shopify', venueId: VENUE, update: 'cancelled' });
  });

  it('verifies WooCommerce over the raw escaped bytes, and answers its unsigned creation ping', async () => {
    const body = fixture('woocommerce/__fixtures__/order-727.json').trim().replace(/\//g, '\\/');
    const headers = {
      'content-type': 'application/json',
      'x-wc-webhook-source': 'https://example.com/',
      'x-wc-webhook-topic': 'order.created',
      'x-wc-webhook-resource': 'order',
      'x-wc-webhook-event': 'created',
      'x-wc-webhook-delivery-id': 'woo-1',
      'x-wc-webhook-signature': hmac(WOO.secret, body, 'base64'),
    };
    expect((await post('woocommerce', body, headers)).body.status).toBe('stored');
    const ping = await post('woocommerce', 'webhook_id=3', {
      'content-type': 'application/x-www-form-urlencoded',
      'x-wc-webhook-source': 'https://example.com/',
    });
    expect(ping).toEqual({ status: 200, body: { status: 'ignored', reason: expect.any(String) } });
  });

  it('takes GloriaFood batches with its static key, prices converted to minor units', async () => {
    const body = fixture('gloriafood/__fixtures__/orders.json');
    const answer = await post('gloriafood', body, {
      'content-type': 'application/json',
      authorization: GLORIA.secret,
    });
    expect(answer.body.status).toBe('stored');
    const events = await eventually(
      async () => {
        const found = await eventsOf<IntakeOrderReceivedV1>(INTAKE_ORDER_RECEIVED_V1, answer.body.deliveryId);
        return found.length > 0 ? found : undefined;
      },
      5000,
      'the orders',
    );
    for (const event of events)
      for (const item of event.payload.order.items) expect(Number.isInteger(item.unitPrice)).toBe(true);
    expect(
      (await post('gloriafood', body, { 'content-type': 'application/json', authorization: 'wrong' })).status,
    ).toBe(401);
  });

  it('stores a thin Square event, answers, then fetches its order from the platform API', async () => {
    const body = fixture('square/__fixtures__/order-created.json');
    const url = `${service.url}${WEBHOOKS_PATH}/square`;
    const answer = await post('square', body, {
      'content-type': 'application/json',
      'x-square-hmacsha256-signature': hmac(SQUARE.secret, url + body, 'base64'),
    });
    expect(answer.body.status).toBe('stored');
    const [event] = await eventually(
      async () => {
        const found = await eventsOf<IntakeOrderReceivedV1>(INTAKE_ORDER_RECEIVED_V1, answer.body.deliveryId);
        return found.length > 0 ? found : undefined;
      },
      10_000,
      'the fetched order',
    );
    expect(event.payload.order).toMatchObject({ channel: 'square', venueId: VENUE });
    expect(squareCalls.some((path) => path.startsWith('/v2/orders/'))).toBe(true);
  });

  it('keeps raw deliveries for the retention, then purges them', async () => {
    await service.environment.query(
      `INSERT INTO intake.deliveries (id, platform, venue_id, dedupe_key, body_sha256, raw_body, received_at)
       VALUES ('01a20000-0000-7000-8000-000000000001', 'shopify', $1, 'ancient', 'x', 'old', now() - interval '91 days')`,
      [VENUE],
    );
    const purged = await service.app.get(PurgeOldDeliveriesUseCase).purge();
    expect(purged.deliveries).toBe(1);
    expect(
      await service.environment.query("SELECT id FROM intake.deliveries WHERE dedupe_key = 'ancient'"),
    ).toEqual([]);
    expect(
      (await service.environment.query<{ n: number }>('SELECT count(*)::int AS n FROM intake.deliveries'))[0]
        .n,
    ).toBeGreaterThan(0);
  });

  it('answers 401, 404, 413, 400 and 429 with a clear error, and stores nothing unauthenticated', async () => {
    const body = JSON.stringify(JSON.parse(fixture('shopify/__fixtures__/order.sdk.json')).order);
    const before = await service.environment.query('SELECT id FROM intake.deliveries');

    const tampered = await post(
      'shopify',
      body.replace('199.00', '1.00'),
      shopifyHeaders(body, 'wh-tampered'),
    );
    expect(tampered).toMatchObject({
      status: 401,
      body: { message: "the shopify signature is missing or does not match this integration's secret" },
    });
    expect((await post('myspace', body, {})).status).toBe(404);
    const otherShop = await post('shopify', body, {
      ...shopifyHeaders(body, 'wh-x'),
      'x-shopify-shop-domain': 'nobody.myshopify.com',
    });
    expect(otherShop).toMatchObject({
      status: 404,
      body: { message: 'no shopify integration for store nobody.myshopify.com' },
    });
    const huge = 'x'.repeat(70 * 1024);
    expect((await post('shopify', huge, shopifyHeaders(huge, 'wh-huge'))).status).toBe(413);
    expect(await service.environment.query('SELECT id FROM intake.deliveries')).toHaveLength(before.length);

    // authenticated but not an order: kept as evidence, needing attention, and 400 names the problem
    const junk = '{"id": {"not": "an order"}}';
    const malformed = await post('shopify', junk, shopifyHeaders(junk, 'wh-junk'));
    expect(malformed.status).toBe(400);
    expect(String(malformed.body.message)).toMatch(/^malformed shopify payload: /);
    expect(
      await service.environment.query(
        "SELECT state, kind FROM intake.deliveries WHERE state = 'needs_attention'",
      ),
    ).toEqual([{ state: 'needs_attention', kind: 'unparsed' }]);

    let limited = 0;
    for (let i = 0; i < 60 && limited === 0; i++)
      if ((await post('shopify', body, shopifyHeaders(body, `wh-rate-${i}`))).status === 429) limited = i;
    expect(limited).toBeGreaterThan(0);
  });
});
