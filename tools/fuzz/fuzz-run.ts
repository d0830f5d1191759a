/**
 * The long fuzz run behind `npm run fuzz`: hostile requests generated with fast-check at every
 * public route of the six services and at the /kitchen socket, on the system of `npm run chaos`
 * (own Postgres and nats-server, services as processes). Checks: no process exits, nothing answers
 * 5xx (there is no outage here, so not even 503), nothing is created by an unauthenticated request,
 * and each service's RSS stays flat after warm-up.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { io } from 'socket.io-client';
import { mintToken, Role } from '@hub/auth';
import { DEMO_VENUES, fuzzBody, fuzzHeaders, headerValue } from '@hub/testing';
import { DEMO_INTEGRATIONS } from '../dev/demo-integrations';
import { DEV_JWT_SECRET } from '../dev/dev-defaults';
import { SERVICE_NAMES } from '../dev/services';
import { signedWebhook } from '../dev/signed-webhooks';
import { OwnSystem } from '../chaos/own-system';
import { Method, ROUTES, SOCKET_EVENTS, WEBHOOK_PLATFORMS } from './routes';

export interface FuzzOptions {
  runs: number;
  /** requests in flight at once */
  concurrency: number;
  seed: number;
  /** share of the runs sent without valid credentials (checked to create nothing); the rest carry valid tokens */
  unauthenticatedShare: number;
  /** growth of the RSS floor after warm-up (last third against first third) that still counts as flat */
  rssToleranceMb: number;
  /** judge memory (a short run has too few samples after warm-up to say anything) */
  checkMemory: boolean;
  logDir?: string;
  say?: (line: string) => void;
}

export const DEFAULT_FUZZ_OPTIONS: FuzzOptions = {
  runs: 100_000,
  concurrency: 8,
  seed: Date.now() % 2 ** 31,
  unauthenticatedShare: 0.8,
  rssToleranceMb: 30,
  checkMemory: true,
};

type Kind = 'route' | 'webhook' | 'socket';

interface FuzzRequest {
  kind: Kind;
  describe: string;
  send(urls: (service: string) => string): Promise<Outcome>;
}

const OTHER_SECRET = 'an-entirely-different-secret-of-32-characters';

/** Path parameter values: real demo ids (so guards and lookups run) and garbage. */
const paramValue = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      DEMO_VENUES[0].id,
      DEMO_VENUES[1].id,
      'spice-route',
      'shopify',
      'PANEER-TIKKA',
      'tandoor',
      'item',
      'modifier',
      'qr',
    ),
  },
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('..', '%00', '%ff', 'a'.repeat(3000), '-1', '0', 'null', '%2e%2e%2f'),
  },
);

const queryString = fc
  .dictionary(
    fc.constantFrom(
      'venueId',
      'state',
      'limit',
      'date',
      'from',
      'to',
      'status',
      'channel',
      'kind',
      'orderId',
      'target',
      'cursor',
      'x',
    ),
    fc.oneof(
      fc.constantFrom(DEMO_VENUES[0].id, '10', '-1', '2026-11-22', 'sent', 'dead', 'shopify'),
      fc.string({ maxLength: 30 }),
    ),
    { maxKeys: 4 },
  )
  .map((q) => new URLSearchParams(q).toString());

/** Credentials that must never pass. */
const badAuth = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    'Bearer null',
    'Basic dXNlcjpwYXNz',
    `Bearer ${mintToken({ secret: OTHER_SECRET, role: Role.HEAD_OFFICE, venues: '*' })}`,
    `Bearer ${mintToken({ secret: DEV_JWT_SECRET, role: Role.HEAD_OFFICE, venues: '*', expiresIn: -60 })}`,
    // alg none, head office claims
    `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: 'x', role: 'head_office', venues: '*', exp: 9_999_999_999 }),
    ).toString('base64url')}.`,
  ),
  headerValue(200).map((v) => `Bearer ${v}`),
);

/** Valid tokens of every role (authenticated runs: anything may be created, nothing may fail). */
const goodAuth = fc
  .constantFrom(
    mintToken({ secret: DEV_JWT_SECRET, role: Role.HEAD_OFFICE, venues: '*', sub: 'fuzz-ho' }),
    mintToken({ secret: DEV_JWT_SECRET, role: Role.MANAGER, venues: [DEMO_VENUES[0].id], sub: 'fuzz-m' }),
    mintToken({ secret: DEV_JWT_SECRET, role: Role.STAFF, venues: [DEMO_VENUES[1].id], sub: 'fuzz-s' }),
    mintToken({
      secret: DEV_JWT_SECRET,
      role: Role.STATION,
      venues: [DEMO_VENUES[0].id],
      station: 'tandoor',
      sub: 'fuzz-st',
    }),
  )
  .map((token) => `Bearer ${token}`);

const OVERSIZED = `{"a":"${'x'.repeat(1_200_000)}"}`;
const routeBody = fc.oneof(
  { weight: 6, arbitrary: fuzzBody() },
  { weight: 1, arbitrary: fc.constant(OVERSIZED) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

type Outcome = number | 'refused' | 'no answer' | 'not sendable';

async function answer(promise: Promise<Response>): Promise<Outcome> {
  try {
    const response = await promise;
    await response.arrayBuffer().catch(() => undefined);
    return response.status;
  } catch (error) {
    const { name, message, cause } = error as { name: string; message: string; cause?: { code?: string } };
    if (cause?.code === 'ECONNREFUSED') return 'refused';
    if (name === 'TimeoutError' || message === 'fetch failed') return 'no answer';
    // fetch itself refused to build the request (a header value it does not allow): never sent
    return 'not sendable';
  }
}

const routeRequest = (authenticated: boolean): fc.Arbitrary<FuzzRequest> =>
  fc
    .record({
      route: fc.constantFrom(...ROUTES),
      params: fc.array(paramValue, { minLength: 4, maxLength: 4 }),
      query: queryString,
      auth: authenticated ? goodAuth : badAuth,
      body: routeBody,
      contentType: fc.constantFrom(
        'application/json',
        'text/csv',
        'text/plain',
        'application/x-www-form-urlencoded',
        '',
      ),
      otherMethod: fc.option(fc.constantFrom<Method>('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), { freq: 8 }),
      idempotencyKey: fc.option(headerValue(300), { freq: 2 }),
    })
    .map(({ route, params, query, auth, body, contentType, otherMethod, idempotencyKey }) => {
      let i = 0;
      const path = route.path.replace(/:[a-zA-Z]+/g, () =>
        encodeURIComponent(params[i++]).replace(/%25/g, '%'),
      );
      const method = otherMethod ?? route.method;
      const headers: Record<string, string> = {};
      if (auth) headers.authorization = auth;
      if (contentType) headers['content-type'] = contentType;
      if (idempotencyKey !== null) headers['idempotency-key'] = idempotencyKey;
      const withBody = method !== 'GET' && body !== undefined;
      return {
        kind: 'route' as const,
        describe: `${route.service} ${method} ${path}${query ? `?${query}` : ''} auth=${auth ? auth.slice(0, 24) : 'none'} body=${withBody ? JSON.stringify(body.slice(0, 80)) : 'none'}`,
        send: (urls) =>
          answer(
            fetch(`${urls(route.service)}${path}${query ? `?${query}` : ''}`, {
              method,
              headers,
              ...(withBody ? { body } : {}),
              signal: AbortSignal.timeout(30_000),
            }),
          ),
      };
    });

/** Valid orders of the demo integrations, signed with the right secret (then broken in some way). */
function signedSample(n: number) {
  const integration = DEMO_INTEGRATIONS[n % DEMO_INTEGRATIONS.length];
  return {
    integration,
    webhook: signedWebhook(integration.platform, n, integration, { id: 7_000_000_000 + n }),
  };
}

/**
 * Webhooks: random bodies and headers at every platform; real orders signed with the wrong secret,
 * tampered or truncated after signing; and replays of deliveries accepted before the run.
 */
const webhookRequest = (
  replays: Array<{ platform: string; headers: Record<string, string>; body: string }>,
) => {
  const known = DEMO_INTEGRATIONS.flatMap((i) => [i.storeRef, `${i.storeRef}/`, i.secret]);
  const random = fc.record({
    platform: fc.constantFrom(...WEBHOOK_PLATFORMS),
    headers: fuzzHeaders(known),
    body: fc.oneof({ weight: 8, arbitrary: fuzzBody() }, { weight: 1, arbitrary: fc.constant(OVERSIZED) }),
  });
  const wronglySigned = fc
    .record({
      n: fc.nat(1_000_000),
      how: fc.constantFrom('wrong-secret', 'tampered', 'truncated', 'unsigned', 'other-store'),
    })
    .map(({ n, how: chosen }) => {
      let how = chosen;
      const { integration, webhook } = signedSample(n);
      const headers = { ...webhook.headers };
      let body = webhook.body;
      const signatureHeader = Object.keys(headers).find((h) => /signature|hmac|authorization/.test(h))!;
      // GloriaFood authenticates with the master key, not a signature of the body: a tampered or
      // truncated body with the right key would be an authenticated request, so it gets a wrong key
      if (integration.platform === 'gloriafood' && (how === 'tampered' || how === 'truncated'))
        how = 'wrong-secret';
      if (how === 'wrong-secret') {
        headers[signatureHeader] =
          integration.platform === 'gloriafood'
            ? 'not-the-master-key'
            : createHmac('sha256', OTHER_SECRET).update(body).digest('base64');
      } else if (how === 'tampered') body = body.replace(/"total/, '"totaI');
      else if (how === 'truncated') body = body.slice(0, Math.floor(body.length / 2));
      else if (how === 'unsigned') delete headers[signatureHeader];
      else {
        const storeHeader = Object.keys(headers).find((h) => /shop-domain|source/.test(h));
        if (storeHeader) headers[storeHeader] = 'someone-else.myshopify.com';
        else body = body.replace(/demo-gloriafood-restaurant-key/, 'someone-elses-key');
      }
      return { platform: integration.platform as string, headers, body };
    });
  const arbitraries = [
    { weight: 6, arbitrary: random },
    { weight: 3, arbitrary: wronglySigned },
    ...(replays.length ? [{ weight: 1, arbitrary: fc.constantFrom(...replays) }] : []),
  ];
  return fc.oneof(...arbitraries).map(({ platform, headers, body }): FuzzRequest => ({
    kind: 'webhook',
    describe: `intake POST /v1/webhooks/${platform} headers=${Object.keys(headers).join(',')} body=${JSON.stringify(body.slice(0, 80))}`,
    send: (urls) =>
      answer(
        fetch(`${urls('intake')}/v1/webhooks/${platform}`, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(30_000),
        }),
      ),
  }));
};

/** A socket on /kitchen: bad handshakes must be refused; a station's random events must get an answer or nothing. */
const socketRequest = (authenticated: boolean): fc.Arbitrary<FuzzRequest> =>
  fc
    .record({
      auth: authenticated
        ? fc.constantFrom(
            {
              token: mintToken({
                secret: DEV_JWT_SECRET,
                role: Role.STATION,
                venues: [DEMO_VENUES[0].id],
                station: 'bar',
                sub: 'fuzz-bar',
              }),
            },
            {
              token: mintToken({
                secret: DEV_JWT_SECRET,
                role: Role.MANAGER,
                venues: [DEMO_VENUES[1].id],
                sub: 'fuzz-m',
              }),
              venueId: DEMO_VENUES[1].id,
              station: 'curry',
            },
          )
        : fc.oneof(
            fc.constant({}),
            fc.record({
              token: fc.oneof(
                fc.string({ maxLength: 100 }),
                fc.constant(
                  mintToken({
                    secret: OTHER_SECRET,
                    role: Role.STATION,
                    venues: [DEMO_VENUES[0].id],
                    station: 'bar',
                  }),
                ),
              ),
            }),
            fc.record({
              token: fc.constant(
                mintToken({ secret: DEV_JWT_SECRET, role: Role.STAFF, venues: ['elsewhere'], sub: 'x' }),
              ),
              venueId: paramValue,
              station: paramValue,
            }),
          ),
      events: fc.array(
        fc.record({
          event: fc.oneof(fc.constantFrom(...SOCKET_EVENTS), fc.string({ maxLength: 20 })),
          payload: fc.oneof(
            fc.jsonValue({ maxDepth: 3 }),
            fc.record({ ticketId: fc.oneof(fc.uuid(), fc.string()) }),
            fc.record({ afterSeq: fc.oneof(fc.integer(), fc.double(), fc.string()) }),
          ),
        }),
        { minLength: 1, maxLength: 5 },
      ),
    })
    .map(({ auth, events }) => ({
      kind: 'socket' as const,
      describe: `kot-router socket /kitchen auth=${JSON.stringify(auth).slice(0, 60)} events=${events.map((e) => e.event).join(',')}`,
      send: (urls) =>
        new Promise<Outcome>((resolve) => {
          const socket = io(`${urls('kot-router')}/kitchen`, {
            auth,
            transports: ['websocket'],
            reconnection: false,
            forceNew: true,
            timeout: 10_000,
          });
          const done = (outcome: Outcome) => {
            socket.close();
            resolve(outcome);
          };
          const timer = setTimeout(() => done('no answer'), 15_000 + events.length * 1500);
          socket.once('connect_error', (error: Error) => {
            clearTimeout(timer);
            // a refused handshake is the 4xx of a socket; a transport error means the server is gone
            done(/xhr|websocket error|timeout/i.test(error.message) ? 'no answer' : 401);
          });
          socket.once('joined', async () => {
            for (const { event, payload } of events) {
              await socket
                .timeout(1000)
                .emitWithAck(event, payload)
                .catch(() => undefined);
            }
            clearTimeout(timer);
            done(socket.connected ? 200 : 'no answer');
          });
        }),
    }));

export interface RssSample {
  at: number;
  done: number;
  rssMb: Record<string, number>;
}

function rssOf(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 102.4) / 10;
  } catch {
    return NaN;
  }
}

export interface ServiceMemory {
  service: string;
  /** the floor of RSS over the first third after warm-up */
  afterWarmUpMb: number;
  /** the floor of RSS over the last third */
  endMb: number;
  peakMb: number;
  growthMb: number;
  /** the median RSS of each tenth of the run after warm-up, MB */
  trendMb: number[];
  flat: boolean;
}

const median = (values: number[]) => {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
};

/**
 * Flat: after warm-up (the first fifth of the samples), the floor of RSS (its minimum, where the
 * garbage collector brings it back to) over the last third is within the tolerance of the floor over
 * the first third. A leak lifts the floor; the collector's sawtooth does not.
 */
export function memoryVerdict(samples: RssSample[], toleranceMb: number): ServiceMemory[] {
  const afterWarmUp = samples.slice(Math.floor(samples.length / 5));
  const tenth = Math.max(1, Math.floor(afterWarmUp.length / 10));
  const third = Math.max(1, Math.floor(afterWarmUp.length / 3));
  const floor = (part: RssSample[], service: string) =>
    Math.min(...part.map((s) => s.rssMb[service]).filter((v) => !Number.isNaN(v)));
  return SERVICE_NAMES.map((service) => {
    const first = floor(afterWarmUp.slice(0, third), service);
    const last = floor(afterWarmUp.slice(-third), service);
    const growth = Math.round((last - first) * 10) / 10;
    return {
      service,
      afterWarmUpMb: first,
      endMb: last,
      peakMb: Math.max(...samples.map((s) => s.rssMb[service]).filter((v) => !Number.isNaN(v))),
      growthMb: growth,
      trendMb: Array.from({ length: 10 }, (_, i) =>
        Math.round(median(afterWarmUp.slice(i * tenth, (i + 1) * tenth).map((s) => s.rssMb[service]))),
      ),
      flat: !(growth > toleranceMb),
    };
  });
}

export interface FuzzReport {
  options: Omit<FuzzOptions, 'say' | 'logDir'>;
  seconds: number;
  /** kind → outcome (status code, refused, no answer) → count */
  answers: Record<Kind, Record<string, number>>;
  violations: Array<{ problem: string; request: string }>;
  violationCount: number;
  /** table → rows before and after the unauthenticated runs, for tables that changed */
  createdUnauthenticated: Record<string, { before: number; after: number }>;
  crashes: string[];
  memory: ServiceMemory[];
  samples: RssSample[];
  ok: boolean;
}

/** Row counts of every table that holds something a request could create (not the inbox/outbox/migrations). */
async function rowCounts(system: OwnSystem): Promise<Record<string, number>> {
  const tables = await system.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_schema IN ('intake', 'menu', 'orders', 'kot', 'status_sync', 'reporting')
        AND table_type = 'BASE TABLE' AND table_name NOT IN ('inbox', 'outbox', 'migrations')`,
  );
  const counts: Record<string, number> = {};
  for (const { schema, name } of tables) {
    // intake keeps every delivery as evidence, rejected ones too: only a stored one is something created
    const where = schema === 'intake' && name === 'deliveries' ? " WHERE state = 'stored'" : '';
    counts[`${schema}.${name}`] = (
      await system.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}"."${name}"${where}`)
    )[0].n;
  }
  return counts;
}

export async function runFuzz(partial: Partial<FuzzOptions> = {}): Promise<FuzzReport> {
  const options: FuzzOptions = { ...DEFAULT_FUZZ_OPTIONS, ...partial };
  const say = options.say ?? (() => undefined);
  const system = new OwnSystem({
    env: { WEBHOOK_RATE_PER_MINUTE: '10000000', LOG_LEVEL: 'error' },
    logDir: options.logDir,
    say,
  });
  const started = Date.now();
  const answers: Record<Kind, Record<string, number>> = { route: {}, webhook: {}, socket: {} };
  const violations: Array<{ problem: string; request: string }> = [];
  let violationCount = 0;
  const samples: RssSample[] = [];
  let done = 0;
  let sampler: NodeJS.Timeout | undefined;
  try {
    say('starting Postgres, nats-server and the six services...');
    await system.start();
    const urls = (service: string) => system.service(service as never).url;

    // deliveries to replay later: real orders, accepted now (the only requests allowed to create)
    const replays = [0, 1, 2].map((n) => {
      const { integration, webhook } = signedSample(n);
      return { platform: integration.platform as string, headers: webhook.headers, body: webhook.body };
    });
    for (const replay of replays) {
      const response = await fetch(`${urls('intake')}/v1/webhooks/${replay.platform}`, {
        method: 'POST',
        headers: replay.headers,
        body: replay.body,
      });
      if (!response.ok) throw new Error(`a valid ${replay.platform} webhook answered ${response.status}`);
    }
    await new Promise((r) => setTimeout(r, 3000));

    const sample = () =>
      samples.push({
        at: Date.now(),
        done,
        rssMb: Object.fromEntries(system.services.map((s) => [s.name, rssOf(s.pid)])),
      });
    sample();
    sampler = setInterval(sample, 1000);

    const unauthenticatedRuns = Math.round(options.runs * options.unauthenticatedShare);
    const phases = [
      { name: 'unauthenticated', runs: unauthenticatedRuns, authenticated: false },
      { name: 'authenticated', runs: options.runs - unauthenticatedRuns, authenticated: true },
    ];
    let createdUnauthenticated: Record<string, { before: number; after: number }> = {};
    for (const phase of phases) {
      if (phase.runs === 0) continue;
      const arbitrary = fc.oneof(
        { weight: 60, arbitrary: routeRequest(phase.authenticated) },
        { weight: phase.authenticated ? 10 : 38, arbitrary: webhookRequest(replays) },
        { weight: 2, arbitrary: socketRequest(phase.authenticated) },
      );
      const before = phase.authenticated ? undefined : await rowCounts(system);
      say(`${phase.name}: ${phase.runs} requests, seed ${options.seed}`);
      const batchSize = 1000;
      for (let batch = 0; batch * batchSize < phase.runs; batch++) {
        const requests = fc.sample(arbitrary, {
          numRuns: Math.min(batchSize, phase.runs - batch * batchSize),
          seed: options.seed + batch + (phase.authenticated ? 1_000_000 : 0),
        });
        let next = 0;
        const worker = async () => {
          while (next < requests.length) {
            const request = requests[next++];
            const outcome = await request.send(urls);
            done++;
            const key = String(outcome);
            answers[request.kind][key] = (answers[request.kind][key] ?? 0) + 1;
            const problem =
              typeof outcome === 'number'
                ? outcome >= 500
                  ? `answered ${outcome}`
                  : undefined
                : outcome === 'not sendable'
                  ? undefined
                  : `${outcome} (a process may have died)`;
            if (problem) {
              violationCount++;
              if (violations.length < 50) violations.push({ problem, request: request.describe });
            }
          }
        };
        await Promise.all(Array.from({ length: options.concurrency }, worker));
        if ((batch + 1) % 10 === 0 || (batch + 1) * batchSize >= phase.runs)
          say(
            `  ${done}/${options.runs} sent, ${violationCount} violations, ${Math.round((Date.now() - started) / 1000)} s`,
          );
      }
      if (before) {
        await new Promise((r) => setTimeout(r, 3000));
        const after = await rowCounts(system);
        createdUnauthenticated = Object.fromEntries(
          Object.keys({ ...before, ...after })
            .filter((table) => (after[table] ?? 0) !== (before[table] ?? 0))
            .map((table) => [table, { before: before[table] ?? 0, after: after[table] ?? 0 }]),
        );
      }
    }
    clearInterval(sampler);
    sample();
    for (const service of system.services) {
      const ready = await fetch(`${service.url}/health/ready`).then(
        (r) => r.status,
        () => 'no answer',
      );
      if (ready !== 200) {
        violationCount++;
        violations.push({ problem: `/health/ready answered ${ready} after the run`, request: service.name });
      }
    }
    const memory = memoryVerdict(samples, options.rssToleranceMb);
    const crashes = [...system.crashes];
    const ok =
      violationCount === 0 &&
      crashes.length === 0 &&
      Object.keys(createdUnauthenticated).length === 0 &&
      (!options.checkMemory || memory.every((m) => m.flat));
    const { say: _say, logDir: _logDir, ...printable } = options;
    return {
      options: printable,
      seconds: Math.round((Date.now() - started) / 1000),
      answers,
      violations,
      violationCount,
      createdUnauthenticated,
      crashes,
      memory,
      samples,
      ok,
    };
  } finally {
    if (sampler) clearInterval(sampler);
    await system.stop();
  }
}

export function formatFuzzReport(report: FuzzReport): string {
  const out: string[] = [];
  out.push(
    `${report.options.runs} requests in ${report.seconds} s (seed ${report.options.seed}, ${report.options.concurrency} in flight)`,
  );
  out.push('');
  out.push('| target | answers |');
  out.push('| ------ | ------- |');
  for (const [kind, counts] of Object.entries(report.answers)) {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    out.push(
      `| ${kind} (${total}) | ${Object.entries(counts)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k}×${n}`)
        .join(' ')} |`,
    );
  }
  out.push('');
  out.push(
    `| service | RSS floor, first third MB | RSS floor, last third MB | peak MB | floor growth MB (tolerance ${report.options.rssToleranceMb}) | median RSS by tenths after warm-up | flat |`,
  );
  out.push('| ------- | ---- | ---- | ---- | ---- | ---- | ---- |');
  for (const m of report.memory)
    out.push(
      `| ${m.service} | ${m.afterWarmUpMb} | ${m.endMb} | ${m.peakMb} | ${m.growthMb} | ${m.trendMb.join(' ')} | ${m.flat ? 'yes' : 'NO'} |`,
    );
  out.push('');
  const created = Object.entries(report.createdUnauthenticated);
  out.push(
    created.length === 0
      ? 'created by unauthenticated requests: nothing'
      : `created by unauthenticated requests: ${created.map(([t, c]) => `${t} ${c.before}→${c.after}`).join(', ')}`,
  );
  out.push(`crashes: ${report.crashes.length ? report.crashes.join(', ') : 'none'}`);
  out.push(`5xx or no answer: ${report.violationCount}`);
  for (const v of report.violations.slice(0, 20)) out.push(`  ${v.problem}: ${v.request}`);
  return out.join('\n');
}
