import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '@hub/auth';
import { eventually, InProcessService } from '@hub/testing';
import {
  ACCEPTED,
  changePrepTime,
  changeStoreControls,
  IN_PREPARATION,
  integrationsReplicated,
  move,
  READY,
  RECEIVED,
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
  orderId?: string;
  status?: string;
  aspect?: string;
  scheduled?: boolean;
  state: string;
  lastReason?: string;
}

const VENUE = 'venue-s';
const DOTPE_SECRET = 'dotpe-shared-secret';
const json = (r: RecordedRequest) => JSON.parse(r.body) as Record<string, unknown>;

/** The crafted DotPe mapping of the aggregators' tests, plus outbound callback templates. */
const dotpeMapping = {
  ...(JSON.parse(
    readFileSync(
      join(
        __dirname,
        '../../../../libs/adapters/aggregators/src/declarative/__fixtures__/custom-mapping.crafted.json',
      ),
      'utf8',
    ),
  ) as Record<string, unknown>),
  callbacks: {
    status: {
      method: 'PATCH',
      url: '/partner/orders/{{order.externalId}}',
      headers: { 'x-outlet': '{{store.ref}}' },
      body: {
        state: '{{platformStatus}}',
        ref: '{{order.displayNumber}}',
        note: '{{reason}}',
        outlet: '{{store.ref}}',
      },
      values: { accepted: 'CONFIRMED', ready: 'READY' },
    },
    prepTime: {
      method: 'POST',
      url: '/partner/orders/{{order.externalId}}/eta',
      body: { ready_at: '{{promisedAt}}', minutes: '{{prepTimeMinutes}}' },
    },
    storeControls: {
      method: 'POST',
      url: '/partner/outlets/{{store.ref}}/availability',
      body: { paused: '{{paused}}', until: '{{pausedUntil}}' },
      aspects: ['pause'],
    },
  },
};

/**
 * Store controls (pause, busy), new ready times and declarative (templated) callbacks reach each
 * platform's stand-in API in its documented shape, in order with the order's status callbacks;
 * platforms without such an API are skipped visibly.
 */
describe('status-sync: store controls, ready times and templated callbacks, against stand-in APIs', () => {
  let service: InProcessService;
  let api: PlatformStandIn;
  let headOffice: string;
  /** per request path: answers to give first (then the default) */
  const scripted = new Map<string, Array<() => Promise<number> | number>>();

  const callbacks = async (query: string): Promise<CallbackView[]> => {
    const response = await service.request('GET', `/v1/callbacks?${query}`, headOffice);
    if (response.status !== 200)
      throw new Error(`GET /v1/callbacks?${query}: ${JSON.stringify(response.body)}`);
    return (response.body as unknown as { items: CallbackView[] }).items;
  };

  beforeAll(async () => {
    api = await PlatformStandIn.start();
    api.handler = async (request) => {
      const script = scripted.get(`${request.method} ${request.path}`);
      if (script && script.length > 0) return { status: await script.shift()!() };
      if (request.path.endsWith('/oauth/v2/token')) {
        return { status: 200, body: { access_token: 'uber-token', expires_in: 3600 } };
      }
      // Uber's Set Restaurant Status answers 204 No Content
      return request.path.includes('/eats/store/') ? { status: 204 } : { status: 200, body: {} };
    };
    service = await startStatusSync({
      CALLBACK_POLL_MS: '50',
      CALLBACK_BACKOFF_BASE_MS: '20',
      CALLBACK_BACKOFF_MAX_MS: '80',
      CALLBACK_LEASE_MS: '5000',
      CALLBACK_TIMEOUT_MS: '3000',
      CALLBACK_SHUTDOWN_GRACE_MS: '0',
      PLATFORM_RATE_PER_SECOND: '200',
    });
    headOffice = service.environment.token(Role.HEAD_OFFICE, '*');
    const base = api.baseUrl;
    await saveIntegration(service, VENUE, 'ubereats', {
      storeRef: 'uber-store-s',
      secret: 'uber-client-secret',
      apiBaseUrl: `${base}/uber`,
      credentials: { clientId: 'uber-client-s' },
    });
    await saveIntegration(service, VENUE, 'doordash', {
      storeRef: 'dd-store-s',
      secret: 'dd-secret',
      apiBaseUrl: `${base}/doordash`,
      credentials: { accessToken: 'dd-jwt' },
    });
    await saveIntegration(service, VENUE, 'deliveroo', {
      storeRef: 'droo-site-s',
      secret: 'droo-secret',
      apiBaseUrl: `${base}/deliveroo`,
      credentials: { accessToken: 'droo-token', brandId: 'brand-7' },
    });
    await saveIntegration(service, VENUE, 'square', {
      storeRef: 'L9',
      secret: 'square-key',
      apiBaseUrl: `${base}/square`,
      credentials: { accessToken: 'sq-token' },
    });
    await saveIntegration(service, VENUE, 'zomato', {
      storeRef: 'up-store-s',
      secret: 'up-user:up-key',
      apiBaseUrl: `${base}/zomato`,
    });
    await saveIntegration(service, VENUE, 'dotpe', {
      storeRef: 'outlet-7',
      secret: DOTPE_SECRET,
      apiBaseUrl: `${base}/dotpe`,
      mapping: dotpeMapping,
    });
    await integrationsReplicated(service.environment, 6, VENUE);
  });

  afterAll(async () => {
    await service?.stop();
    await api?.close();
  });

  it('pushes a pause and busy mode to every platform that has an API for them, reopens at the end, and skips the others visibly', async () => {
    const pausedUntil = new Date(Date.now() + 1500).toISOString();
    await changeStoreControls(service, { venueId: VENUE, channel: '*', pausedUntil, busyExtraMinutes: 15 });

    // everything is sent, the scheduled reopenings included (due at pausedUntil)
    await eventually(
      async () => {
        const store = await callbacks('kind=store');
        const open = store.filter((c) => ['pending', 'sending', 'failed'].includes(c.state));
        return store.length > 0 && open.length === 0 ? store : undefined;
      },
      15_000,
      'every store callback to be settled',
    );
    const untilSeconds = pausedUntil.replace(/\.\d{3}Z$/, 'Z');

    const uber = api.to('/uber/v1/eats/store/uber-store-s/status');
    expect(uber.map((r) => [r.method, json(r)])).toEqual([
      ['POST', { status: 'PAUSED', paused_until: untilSeconds, reason: 'Paused by the restaurant' }],
      ['POST', { status: 'ONLINE', reason: 'Reopened by the restaurant' }],
    ]);
    expect(uber[0].headers.authorization).toBe('Bearer uber-token');

    const doordash = api.to('/doordash/marketplace/api/v1/stores/dd-store-s/status');
    expect(doordash.map((r) => [r.method, json(r)])).toEqual([
      [
        'PUT',
        {
          is_active: false,
          reason: 'store_self_disabled_in_their_POS_portal',
          notes: 'Paused by the restaurant',
          end_time: pausedUntil,
        },
      ],
      ['PUT', { is_active: true }],
    ]);
    expect(doordash[0].headers.authorization).toBe('Bearer dd-jwt');

    const site = '/deliveroo/site/v1/brands/brand-7/sites/droo-site-s';
    expect(api.to(`${site}/status`).map((r) => [r.method, json(r)])).toEqual([
      ['PUT', { status: 'CLOSED' }],
      ['PUT', { status: 'READY_TO_OPEN' }],
    ]);
    expect(api.to(`${site}/workload/mode`).map((r) => [r.method, json(r)])).toEqual([
      ['PUT', { mode: 'BUSY' }],
    ]);
    // the reopening was not sent before the pause ended
    const reopen = api.to(`${site}/status`)[1];
    expect(reopen.receivedAt).toBeGreaterThanOrEqual(Date.parse(pausedUntil));

    const dotpe = api.to('/dotpe/partner/outlets/outlet-7/availability');
    expect(dotpe.map((r) => json(r))).toEqual([{ paused: true, until: pausedUntil }, { paused: false }]);
    const signature = createHmac('sha256', DOTPE_SECRET).update(dotpe[0].body).digest('base64');
    expect(dotpe[0].headers['x-dotpe-signature']).toBe(`sha256=${signature}`);

    // skipped, each with its reason, visible in the API; nothing reached those platforms
    const unsupported = (await callbacks('kind=store&state=unsupported')).map(
      (c) => `${c.target} ${c.aspect}: ${c.lastReason}`,
    );
    expect(unsupported.sort()).toEqual(
      [
        'doordash busy: doordash cannot set busy mode (no busy/prep-time API)',
        'dotpe busy: dotpe cannot set busy mode (no callbacks.storeControls template for it)',
        'square busy: square cannot set busy mode (no busy/prep-time API)',
        'square pause: square cannot pause the store (no store status API)',
        'ubereats busy: ubereats cannot set busy mode (no busy/prep-time API)',
        'zomato busy: zomato cannot set busy mode (no callbacks.storeControls template for it)',
        'zomato pause: zomato cannot pause the store (no callbacks.storeControls template for it)',
      ].sort(),
    );
    expect(api.to('/square')).toEqual([]);
    expect(api.to('/zomato')).toEqual([]);
  });

  it('a later change supersedes the undelivered reopening; a single channel reaches only its platform', async () => {
    const before = api.requests.length;
    const pausedUntil = new Date(Date.now() + 60 * 60_000).toISOString();
    await changeStoreControls(service, {
      venueId: VENUE,
      channel: 'deliveroo',
      pausedUntil,
      busyExtraMinutes: 0,
    });
    await eventually(
      async () => (api.requests.length >= before + 2 ? true : undefined),
      10_000,
      'the deliveroo calls',
    );
    // pause lifted early: the reopening scheduled for an hour from now is superseded, the site reopens now
    await changeStoreControls(service, { venueId: VENUE, channel: 'deliveroo', busyExtraMinutes: 0 });
    await eventually(
      async () => (api.requests.length >= before + 4 ? true : undefined),
      10_000,
      'the reopening calls',
    );
    const site = '/deliveroo/site/v1/brands/brand-7/sites/droo-site-s';
    const sent = api.requests.slice(before).map((r) => `${r.path.replace(site, '')} ${r.body}`);
    expect(sent.sort()).toEqual(
      [
        '/status {"status":"CLOSED"}',
        '/status {"status":"READY_TO_OPEN"}',
        '/workload/mode {"mode":"QUIET"}',
        '/workload/mode {"mode":"QUIET"}',
      ].sort(),
    );
    const reopenings = (await callbacks('kind=store&target=deliveroo')).filter((c) => c.scheduled);
    expect(reopenings.map((c) => c.state).sort()).toEqual(['sent', 'superseded']);
  });

  it("sends a new ready time after the acceptance it refers to and before the order's next status", async () => {
    const order = testOrder(VENUE, 'ubereats');
    const accept = `POST /uber/v1/eats/orders/${order.externalId}/accept_pos_order`;
    // Uber refuses the acceptance until the new ready time is queued behind it
    const refuseUntilQueued = async () => {
      const queued = await service.environment.query(
        "SELECT 1 FROM status_sync.callbacks WHERE order_id = $1 AND kind = 'prep_time'",
        [order.id],
      );
      if (queued.length === 0) scripted.get(accept)!.unshift(refuseUntilQueued);
      return 503;
    };
    scripted.set(accept, [refuseUntilQueued]);
    await move(service, order, [[RECEIVED, ACCEPTED]]);
    const promisedAt = new Date(Date.now() + 30 * 60_000).toISOString();
    await changePrepTime(service, order, promisedAt, 25);
    await move(service, order, [[ACCEPTED, IN_PREPARATION]]);
    await told(service, order.id);
    await move(service, order, [[IN_PREPARATION, READY]]);
    await told(service, order.id);

    const calls = api
      .to(`/uber/v1/`)
      .filter((r) => r.path.includes(order.externalId))
      .map((r) => `${r.path.split('/').pop()} ${r.answered}`);
    const firstOk = calls.indexOf('accept_pos_order 200');
    expect(firstOk).toBeGreaterThan(0);
    expect(calls.slice(firstOk)).toEqual(['accept_pos_order 200', 'update-ready-time 200', 'ready 200']);
    expect(calls.slice(0, firstOk).every((c) => c === 'accept_pos_order 503')).toBe(true);
    const update = api.to(`/uber/v1/delivery/order/${order.externalId}/update-ready-time`);
    expect(update.map(json)).toEqual([{ ready_for_pickup_time: promisedAt }]);
    const states = (await callbacks(`orderId=${order.id}`)).map(
      (c) => `${c.kind} ${c.status ?? ''} ${c.state}`,
    );
    expect(states.sort()).toEqual(
      [
        'prep_time  sent',
        'status accepted sent',
        'status in_preparation unsupported',
        'status ready sent',
      ].sort(),
    );
  });

  it('drops an undelivered ready time once the order is ready: the ready call supersedes it', async () => {
    const order = testOrder(VENUE, 'ubereats');
    const accept = `POST /uber/v1/eats/orders/${order.externalId}/accept_pos_order`;
    // Uber refuses the acceptance until the order's ready status is queued behind it
    const refuseUntilReady = async () => {
      const queued = await service.environment.query(
        "SELECT 1 FROM status_sync.callbacks WHERE order_id = $1 AND status = 'ready'",
        [order.id],
      );
      if (queued.length === 0) scripted.get(accept)!.unshift(refuseUntilReady);
      return 503;
    };
    scripted.set(accept, [refuseUntilReady]);
    await move(service, order, [[RECEIVED, ACCEPTED]]);
    await changePrepTime(service, order, new Date(Date.now() + 30 * 60_000).toISOString());
    await move(service, order, [[ACCEPTED, READY]]);
    await told(service, order.id);
    const calls = api
      .to('/uber/v1/')
      .filter((r) => r.path.includes(order.externalId) && r.answered === 200)
      .map((r) => r.path.split('/').pop());
    expect(calls).toEqual(['accept_pos_order', 'ready']);
    const prep = (await callbacks(`orderId=${order.id}&kind=prep_time`))[0];
    expect(prep).toMatchObject({ state: 'superseded', lastReason: 'superseded by ready' });
  });

  it('records a new ready time as unsupported where the platform has no API for it (Deliveroo)', async () => {
    const order = testOrder(VENUE, 'deliveroo');
    await move(service, order, [[RECEIVED, ACCEPTED]]);
    await changePrepTime(service, order, new Date(Date.now() + 20 * 60_000).toISOString());
    await told(service, order.id);
    const prep = (await callbacks(`orderId=${order.id}&kind=prep_time`))[0];
    expect(prep.state).toBe('unsupported');
    expect(prep.lastReason).toContain("deliveroo cannot set an order's ready time");
    expect(api.to(`/deliveroo/order/v1/orders/${order.externalId}`).map(json)).toEqual([
      { status: 'accepted' },
    ]);
  });

  it("sends a declarative platform's callbacks from its templates, signed with the integration's secret", async () => {
    const order = testOrder(VENUE, 'dotpe');
    await move(service, order, [
      [RECEIVED, ACCEPTED],
      [ACCEPTED, IN_PREPARATION],
    ]);
    const promisedAt = new Date(Date.now() + 15 * 60_000).toISOString();
    await changePrepTime(service, order, promisedAt, 12);
    await told(service, order.id);
    await move(service, order, [[IN_PREPARATION, READY]]);
    await told(service, order.id);

    const calls = api.to(`/dotpe/partner/orders/${order.externalId}`);
    expect(
      calls.map((r) => [r.method, r.path.replace(`/dotpe/partner/orders/${order.externalId}`, ''), json(r)]),
    ).toEqual([
      ['PATCH', '', { state: 'CONFIRMED', ref: '0042', outlet: 'outlet-7' }],
      ['POST', '/eta', { ready_at: promisedAt, minutes: 12 }],
      ['PATCH', '', { state: 'READY', ref: '0042', outlet: 'outlet-7' }],
    ]);
    for (const call of calls) {
      const expected = createHmac('sha256', DOTPE_SECRET).update(call.body).digest('base64');
      expect(call.headers['x-dotpe-signature']).toBe(`sha256=${expected}`);
      // the status template's own header (the prep-time template sets none)
      expect(call.headers['x-outlet']).toBe(call.method === 'PATCH' ? 'outlet-7' : undefined);
      expect(call.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    }
    const preparing = (await callbacks(`orderId=${order.id}`)).find((c) => c.status === 'in_preparation');
    expect(preparing?.state).toBe('unsupported');
  });

  it("tells Zomato through the preset's UrbanPiper status template, with the static key", async () => {
    const order = testOrder(VENUE, 'zomato');
    await move(service, order, [
      [RECEIVED, ACCEPTED],
      [ACCEPTED, READY],
    ]);
    await told(service, order.id);
    const calls = api.to('/zomato/external/api/v1/orders/0042/status/');
    expect(calls.map((r) => [r.method, json(r)])).toEqual([
      ['PUT', { new_status: 'Acknowledged' }],
      ['PUT', { new_status: 'Food Ready' }],
    ]);
    expect(calls[0].headers.authorization).toBe('apikey up-user:up-key');
  });
});
