/**
 * `npm run bench`: the system end to end under an open-loop load, then the bare-infrastructure
 * floor on the same machine, in one invocation.
 *
 * Builds the six services and runs their build output (as the production image does) on a fresh
 * database and NATS namespace (Postgres and NATS found as `npm start` finds them), connects a
 * socket.io client to every demo station, points the demo integrations' platform APIs at a local
 * stand-in (so status-sync's callbacks succeed, as in production), and sends orders at a fixed rate
 * whether or not earlier ones have answered: signed webhooks from the demo platforms and
 * direct-channel orders, in turn.
 * Each order is measured from request sent to its first ticket on a station socket, and that time is
 * split into its hops from the events' store times in JetStream (tools/bench/hops.ts). Progress goes
 * to stderr; the last line on stdout is one JSON object with every figure.
 *
 *   npm run bench -- --rate 100 --duration 60
 *   npm run bench -- --platforms shopify,woocommerce,gloriafood,direct
 *   npm run bench -- --find-max          # raise the rate until p99 passes 100 ms or orders queue up
 *   npm run bench -- --round-trips       # also count Postgres statements and socket writes per order
 *   npm run bench -- --cpu-profile tmp/prof   # write each service's CPU profile (<service>.cpuprofile)
 *   npm run bench -- --runtime source    # run the TypeScript through swc-node instead of the build
 *   npm run bench -- --node-options=--max-semi-space-size=4   # NODE_OPTIONS of every service
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { io, Socket } from 'socket.io-client';
import { mintToken, Role } from '@hub/auth';
import type { KitchenTicketV1 } from '@hub/contracts';
import {
  DEMO_STATIONS,
  DEMO_VENUES,
  demoDirectOrder,
  freePort,
  seedDemoMenu,
  ServiceProcess,
  TEST_JWT_SECRET,
  TestEnvironment,
} from '@hub/testing';
import { DEMO_INTEGRATIONS, DemoPlatform, seedDemoIntegrations } from '../dev/demo-integrations';
import { PlatformStandIn } from '../chaos/platform-stand-in';
import { signedWebhook, someLines } from '../dev/signed-webhooks';
import { FloorResult, machineCpuSeconds, measureRoundTrips, RoundTripCost, runFloor } from './floor';
import { HopLatencies, hopLatencies } from './hops';

const SERVICES = [
  ['intake', 'INTAKE_PORT'],
  ['menu-mapping', 'MENU_MAPPING_PORT'],
  ['order-core', 'ORDER_CORE_PORT'],
  ['kot-router', 'KOT_ROUTER_PORT'],
  ['status-sync', 'STATUS_SYNC_PORT'],
  ['reporting', 'REPORTING_PORT'],
] as const;
type ServiceName = (typeof SERVICES)[number][0];

const DIRECT = 'direct';
const DIRECT_CHANNEL = 'qr';
/** orders kept in flight when measuring the floor's throughput */
const FLOOR_IN_FLIGHT = 16;

interface ProcessSample {
  cpuSeconds: number;
  rssMb: number;
  peakRssMb: number;
}

interface RoundTrips {
  pgQueries: number;
  socketWrites: Record<string, number>;
}

interface RunResult {
  rate: number;
  durationS: number;
  sent: number;
  accepted: number;
  httpErrors: number;
  ticketed: number;
  lost: number;
  duplicateTickets: number;
  achievedRate: number;
  ticketedPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** where the latency goes: ms from each hop to the next (tools/bench/hops.ts) */
  hopsMs: HopLatencies;
  /** CPU milliseconds each service spent per order sent during the run */
  cpuMsPerOrder: Record<string, number>;
  /** CPU milliseconds the whole machine spent per order (services, Postgres, NATS and the load) */
  machineCpuMsPerOrder: number;
  /** status callbacks the platforms' stand-in received during the run (and its tail) */
  callbacks: number;
  /** of which Postgres, nats-server and this load generator (webhooks, signatures, screens) */
  otherCpuMsPerOrder: { postgres: number; nats: number; loadGenerator: number };
  roundTripsPerOrder?: Record<string, { pgQueries: number; socketWrites: Record<string, number> }>;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round1 = (x: number) => Math.round(x * 10) / 10;

function sample(pid: number): ProcessSample {
  const ticks = 100; // USER_HZ on Linux
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    return {
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / ticks,
      rssMb: Math.round(kb('VmRSS') / 1024),
      peakRssMb: Math.round(kb('VmHWM') / 1024),
    };
  } catch {
    return { cpuSeconds: NaN, rssMb: NaN, peakRssMb: NaN };
  }
}

/**
 * CPU seconds used so far by Postgres (every backend and helper process), nats-server and this load
 * generator, so a run can say where the machine's CPU went besides the services.
 */
function infrastructureCpuSeconds(): { postgres: number; nats: number; loadGenerator: number } {
  const totals = { postgres: 0, nats: 0 };
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
      if (name === 'postgres') totals.postgres += seconds;
      else if (name === 'nats-server') totals.nats += seconds;
    } catch {
      // the process ended while we looked
    }
  }
  const own = process.cpuUsage();
  return { ...totals, loadGenerator: (own.user + own.system) / 1e6 };
}

function progress(label: string, done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / Math.max(1, total)) * width);
  process.stderr.write(`\r  ${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
}

/** First-ticket time per order id and duplicate deliveries, from every station socket. */
class Screens {
  readonly firstTicketAt = new Map<string, number>();
  private readonly seen = new Set<string>();
  duplicates = 0;

  record(station: string, ticket: KitchenTicketV1): void {
    const now = Date.now();
    const key = `${ticket.ticketId}:${station}`;
    if (this.seen.has(key)) this.duplicates++;
    this.seen.add(key);
    if (!this.firstTicketAt.has(ticket.orderId)) this.firstTicketAt.set(ticket.orderId, now);
  }
}

class Bench {
  private readonly services: ServiceProcess[] = [];
  private readonly sockets: Socket[] = [];
  private readonly screens = new Screens();
  /** the platforms' APIs, for status-sync's callbacks (answers 200 as a platform does on success) */
  private standIn?: PlatformStandIn;
  private readonly roundTripsDir = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  private staffToken = '';

  constructor(
    private readonly environment: TestEnvironment,
    private readonly options: {
      runtime: 'source' | 'dist';
      roundTrips: boolean;
      platforms: string[];
      /** NODE_OPTIONS of every service, e.g. V8 heap settings */
      nodeOptions: string;
      /** write each service's CPU profile here (tools/bench/cpu-profile.hook.cjs) */
      cpuProfileDir?: string;
    },
  ) {}

  url(name: ServiceName): string {
    return this.services.find((s) => s.name === name)!.url;
  }

  async start(): Promise<void> {
    const hook = join(__dirname, 'round-trips.hook.cjs');
    for (const [name, variable] of SERVICES) {
      const port = await freePort();
      const profile = this.options.cpuProfileDir;
      const nodeOptions = [
        this.options.nodeOptions,
        this.options.roundTrips ? `--require ${hook}` : '',
        profile ? `--require ${join(__dirname, 'cpu-profile.hook.cjs')}` : '',
      ]
        .filter(Boolean)
        .join(' ');
      const extra: Record<string, string> = {
        ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
        ...(this.options.roundTrips ? { HUB_ROUND_TRIPS_FILE: join(this.roundTripsDir, name) } : {}),
        ...(profile ? { HUB_CPU_PROFILE_DIR: profile, HUB_CPU_PROFILE_NAME: name } : {}),
      };
      this.services.push(
        new ServiceProcess(
          name,
          port,
          this.environment.env({
            [variable]: String(port),
            LOG_LEVEL: 'warn',
            NATS_ACK_WAIT_MS: '30000',
            ...extra,
          }),
          undefined,
          this.options.runtime,
        ),
      );
    }
    process.stderr.write(`starting the six services (${this.options.runtime})...\n`);
    await Promise.all(this.services.map((s) => s.start(120_000)));
    const headOffice = mintToken({ secret: TEST_JWT_SECRET, role: Role.HEAD_OFFICE, venues: '*' });
    for (const venue of DEMO_VENUES) await seedDemoMenu(this.url('menu-mapping'), headOffice, venue.id);
    this.standIn = await PlatformStandIn.start();
    await seedDemoIntegrations(this.url('intake'), headOffice, (integration) => ({
      apiBaseUrl: `${this.standIn!.url}/${integration.platform}`,
    }));
    this.staffToken = mintToken({
      secret: TEST_JWT_SECRET,
      role: Role.STAFF,
      venues: DEMO_VENUES.map((v) => v.id),
    });
    for (const venue of DEMO_VENUES) {
      for (const station of DEMO_STATIONS) {
        const socket = io(`${this.url('kot-router')}/kitchen`, {
          auth: {
            token: mintToken({ secret: TEST_JWT_SECRET, role: Role.STATION, venues: [venue.id], station }),
          },
          transports: ['websocket'],
          forceNew: true,
        });
        socket.on('ticket', (ticket: KitchenTicketV1, ack?: (r: { ok: boolean }) => void) => {
          ack?.({ ok: true });
          this.screens.record(`${venue.id}/${station}`, ticket);
        });
        await new Promise((resolve) => socket.once('joined', resolve));
        this.sockets.push(socket);
      }
    }
  }

  samples(): Record<string, ProcessSample> {
    return Object.fromEntries(this.services.map((s) => [s.name, sample(s.pid ?? 0)]));
  }

  roundTrips(): Record<string, RoundTrips> {
    const counts: Record<string, RoundTrips> = {};
    for (const [name] of SERVICES) {
      try {
        counts[name] = JSON.parse(readFileSync(join(this.roundTripsDir, name), 'utf8')) as RoundTrips;
      } catch {
        counts[name] = { pgQueries: 0, socketWrites: {} };
      }
    }
    return counts;
  }

  /** One request of the mix: a signed webhook from a demo platform, or a direct-channel order. */
  private request(n: number, runId: string): { key: string; send: () => Promise<Response> } {
    const kind = this.options.platforms[n % this.options.platforms.length];
    if (kind === DIRECT) {
      const key = `${runId}${String(n).padStart(7, '0')}`;
      const venue = DEMO_VENUES[n % DEMO_VENUES.length].id;
      const lines = someLines().map((l) => ({ code: l.code, quantity: l.quantity }));
      return {
        key: `${DIRECT_CHANNEL}:${key}`,
        send: () =>
          fetch(`${this.url('intake')}/v1/orders`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${this.staffToken}`,
              'content-type': 'application/json',
              'idempotency-key': key,
            },
            body: JSON.stringify(demoDirectOrder(venue, lines, DIRECT_CHANNEL)),
          }),
      };
    }
    const integration = DEMO_INTEGRATIONS.find((i) => i.platform === kind)!;
    const webhook = signedWebhook(kind as DemoPlatform, n, integration);
    return {
      key: `${kind}:${webhook.externalId}`,
      send: () =>
        fetch(`${this.url('intake')}/v1/webhooks/${kind}`, {
          method: 'POST',
          headers: webhook.headers,
          body: webhook.body,
        }),
    };
  }

  /** The order ids order-core gave each (channel, externalId). */
  private async orderIds(): Promise<Map<string, string>> {
    const rows = await this.environment.query<{ id: string; channel: string; external_id: string }>(
      'SELECT id, channel, external_id FROM orders.orders',
    );
    return new Map(rows.map((r) => [`${r.channel}:${r.external_id}`, r.id]));
  }

  async run(rate: number, durationS: number, runId: string): Promise<RunResult> {
    const total = Math.round(rate * durationS);
    const sentAt = new Map<string, number>();
    const answeredAt = new Map<string, number>();
    const acceptedKeys: string[] = [];
    const pending: Array<Promise<void>> = [];
    let httpErrors = 0;
    const before = this.samples();
    const machineBefore = machineCpuSeconds();
    const otherBefore = infrastructureCpuSeconds();
    const callbacksBefore = this.callbacksReceived;
    const tripsBefore = this.options.roundTrips ? this.roundTrips() : undefined;
    const started = Date.now();
    for (let n = 0; n < total; n++) {
      const wait = started + (n * 1000) / rate - Date.now();
      if (wait > 0) await sleep(wait);
      const { key, send } = this.request(n, runId);
      sentAt.set(key, Date.now());
      pending.push(
        send().then(
          async (response) => {
            await response.arrayBuffer();
            answeredAt.set(key, Date.now());
            if (response.ok) acceptedKeys.push(key);
            else httpErrors++;
          },
          () => void httpErrors++,
        ),
      );
      if (n % Math.max(1, Math.round(rate / 4)) === 0) progress(`${rate}/s`, n + 1, total);
    }
    progress(`${rate}/s`, total, total);
    const sendSeconds = (Date.now() - started) / 1000;
    await Promise.all(pending);
    // wait for the tail: until every accepted order has a ticket, or tickets stop arriving
    let ids = await this.orderIds();
    let lastArrived = -1;
    for (let stalled = 0; stalled < 30;) {
      await sleep(200);
      ids = await this.orderIds();
      const arrived = acceptedKeys.filter((k) => this.screens.firstTicketAt.has(ids.get(k) ?? '')).length;
      if (arrived === acceptedKeys.length) break;
      stalled = arrived === lastArrived ? stalled + 1 : 0;
      lastArrived = arrived;
    }
    const lastTicket = Math.max(
      ...acceptedKeys.map((k) => this.screens.firstTicketAt.get(ids.get(k) ?? '') ?? 0),
    );
    const after = this.samples();
    const machineCpuMsPerOrder = round1(((machineCpuSeconds() - machineBefore) * 1000) / total);
    const otherAfter = infrastructureCpuSeconds();
    const otherCpuMsPerOrder = {
      postgres: round1(((otherAfter.postgres - otherBefore.postgres) * 1000) / total),
      nats: round1(((otherAfter.nats - otherBefore.nats) * 1000) / total),
      loadGenerator: round1(((otherAfter.loadGenerator - otherBefore.loadGenerator) * 1000) / total),
    };
    process.stderr.write('\n');
    const latencies: number[] = [];
    for (const key of acceptedKeys) {
      const first = this.screens.firstTicketAt.get(ids.get(key) ?? '');
      if (first !== undefined) latencies.push(first - sentAt.get(key)!);
    }
    latencies.sort((a, b) => a - b);
    const cpuMsPerOrder = Object.fromEntries(
      Object.keys(after).map((name) => [
        name,
        round1(((after[name].cpuSeconds - before[name].cpuSeconds) * 1000) / total),
      ]),
    );
    let roundTripsPerOrder: RunResult['roundTripsPerOrder'];
    if (tripsBefore) {
      await sleep(600); // the hook writes its counts every 500 ms
      const tripsAfter = this.roundTrips();
      roundTripsPerOrder = Object.fromEntries(
        Object.keys(tripsAfter).map((name) => [
          name,
          {
            pgQueries: round1((tripsAfter[name].pgQueries - tripsBefore[name].pgQueries) / total),
            socketWrites: Object.fromEntries(
              Object.entries(tripsAfter[name].socketWrites).map(([port, count]) => [
                port,
                round1((count - (tripsBefore[name].socketWrites[port] ?? 0)) / total),
              ]),
            ),
          },
        ]),
      );
    }
    const hopsMs = await hopLatencies(
      this.environment.natsUrl,
      this.environment.namespace,
      started,
      new Map(
        acceptedKeys.map((key) => [
          key,
          {
            sent: sentAt.get(key)!,
            answered: answeredAt.get(key),
            onScreen: this.screens.firstTicketAt.get(ids.get(key) ?? ''),
          },
        ]),
      ),
    );
    return {
      rate,
      durationS,
      sent: total,
      accepted: acceptedKeys.length,
      httpErrors,
      ticketed: latencies.length,
      lost: acceptedKeys.length - latencies.length,
      duplicateTickets: this.screens.duplicates,
      achievedRate: round1(total / sendSeconds),
      ticketedPerSecond: round1(latencies.length / Math.max(sendSeconds, (lastTicket - started) / 1000)),
      latencyMs: {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        max: latencies.at(-1) ?? NaN,
      },
      hopsMs,
      cpuMsPerOrder,
      machineCpuMsPerOrder,
      otherCpuMsPerOrder,
      callbacks: this.callbacksReceived - callbacksBefore,
      roundTripsPerOrder,
    };
  }

  /** status callbacks the platforms' stand-in has received so far */
  get callbacksReceived(): number {
    return this.standIn?.calls.length ?? 0;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.close();
    await Promise.all(this.services.map((s) => s.stop().catch(() => undefined)));
    const standIn = this.standIn;
    this.standIn = undefined;
    await standIn?.stop().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '100' },
      duration: { type: 'string', default: '60' },
      platforms: { type: 'string', default: [...DEMO_INTEGRATIONS.map((i) => i.platform), DIRECT].join(',') },
      'find-max': { type: 'boolean', default: false },
      'round-trips': { type: 'boolean', default: false },
      'cpu-profile': { type: 'string' },
      runtime: { type: 'string', default: 'dist' },
      'skip-floor': { type: 'boolean', default: false },
      // as the production image sets it (deploy/docker/Dockerfile)
      'node-options': { type: 'string', default: '--max-semi-space-size=2' },
    },
  });
  const platforms = values.platforms.split(',').filter(Boolean);
  const known = [...DEMO_INTEGRATIONS.map((i) => i.platform), DIRECT] as string[];
  const unknown = platforms.filter((p) => !known.includes(p));
  const rate = Number(values.rate);
  const duration = Number(values.duration);
  if (unknown.length > 0 || platforms.length === 0 || !(rate > 0) || !(duration > 0)) {
    process.stderr.write(
      `usage: npm run bench -- [--rate <orders/s>] [--duration <s>] [--platforms ${known.join(',')}] ` +
        `[--find-max] [--round-trips] [--cpu-profile <dir>] [--runtime dist|source] [--node-options=<flags>] [--skip-floor]\n` +
        (unknown.length > 0 ? `unknown platform: ${unknown.join(', ')}\n` : ''),
    );
    process.exit(2);
  }
  if (values.runtime !== 'dist' && values.runtime !== 'source') {
    process.stderr.write(`--runtime must be dist or source, not ${values.runtime}\n`);
    process.exit(2);
  }
  if (values.runtime === 'dist') {
    process.stderr.write('building the six services...\n');
    execSync(`npx nx run-many -t build --projects=${SERVICES.map(([name]) => name).join(',')}`, {
      stdio: ['ignore', process.stderr, process.stderr],
    });
  }
  const environment = await TestEnvironment.create();
  const bench = new Bench(environment, {
    runtime: values.runtime,
    roundTrips: values['round-trips'],
    platforms,
    nodeOptions: values['node-options'],
    cpuProfileDir: values['cpu-profile'] && resolve(values['cpu-profile']),
  });
  try {
    await bench.start();
    const runs: RunResult[] = [];
    // a short warm-up so the measured orders do not pay for JIT and connection pools
    await bench.run(10, 2, 'w');
    if (values['find-max']) {
      for (let step = 10; step <= 2000; step = Math.round(step * 1.5)) {
        const result = await bench.run(step, Math.min(duration, 20), `m${step}`);
        runs.push(result);
        process.stderr.write(`  ${JSON.stringify(result)}\n`);
        const queued = result.ticketedPerSecond < step * 0.95;
        if (result.latencyMs.p99 > 100 || result.lost > 0 || queued) break;
      }
    } else {
      runs.push(await bench.run(rate, duration, 'r'));
    }
    const services = bench.samples();
    await bench.stop();

    let floor:
      { max: FloorResult; atRate: FloorResult; roundTrip: Record<string, RoundTripCost> } | undefined;
    if (!values['skip-floor']) {
      process.stderr.write('the bare-infrastructure floor...\n');
      const infrastructure = { databaseUrl: environment.databaseUrl, natsUrl: environment.natsUrl };
      const roundTrip = await measureRoundTrips(infrastructure.databaseUrl, infrastructure.natsUrl);
      const max = await runFloor({
        ...infrastructure,
        mode: 'max',
        load: FLOOR_IN_FLIGHT,
        durationS: 10,
        onProgress: (done) => process.stderr.write(`\r  floor, ${FLOOR_IN_FLIGHT} in flight: ${done}`),
      });
      process.stderr.write('\n');
      const atRate = await runFloor({
        ...infrastructure,
        mode: 'rate',
        load: Math.min(runs[0].rate, max.throughput),
        durationS: 10,
      });
      floor = { max, atRate, roundTrip };
    }
    const sustained = runs.filter(
      (r) => r.latencyMs.p99 <= 100 && r.lost === 0 && r.ticketedPerSecond >= r.rate * 0.95,
    );
    const best = values['find-max']
      ? Math.max(0, ...sustained.map((r) => r.rate))
      : Math.max(...runs.map((r) => r.ticketedPerSecond));
    const summary = {
      machine: { cpus: cpus().length, node: process.version },
      runtime: values.runtime,
      nodeOptions: values['node-options'] || undefined,
      platforms,
      runs,
      maxSustainedRate: values['find-max'] ? best : undefined,
      services,
      floor,
      ratioToFloor: floor ? Math.round((best / floor.max.throughput) * 100) / 100 : undefined,
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await bench.stop();
    await environment.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
