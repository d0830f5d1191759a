/**
 * `npm run bench`: the system end to end under an open-loop load. Starts the six services on a fresh
 * database and NATS namespace (Postgres and NATS found as `npm start` finds them), connects a
 * socket.io client to every demo station, sends direct-channel orders at a fixed rate whether or not
 * earlier ones have answered, and measures each order from request sent to ticket received on its
 * station socket. Prints progress on stderr and, last, one JSON line with every figure.
 *
 *   npm run bench -- --rate 100 --duration 60
 *   npm run bench -- --find-max            # raise the rate until p99 passes 100 ms or orders queue
 */
import { execSync } from 'node:child_process';
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

const SERVICES = [
  ['intake', 'INTAKE_PORT'],
  ['menu-mapping', 'MENU_MAPPING_PORT'],
  ['order-core', 'ORDER_CORE_PORT'],
  ['kot-router', 'KOT_ROUTER_PORT'],
  ['status-sync', 'STATUS_SYNC_PORT'],
  ['reporting', 'REPORTING_PORT'],
] as const;

const LINES = [
  [{ code: 'PANEER-TIKKA', quantity: 1 }],
  [
    { code: 'BUTTER-CHICKEN', quantity: 1 },
    { code: 'GARLIC-NAAN', quantity: 2 },
  ],
  [{ code: 'MANGO-LASSI', quantity: 2 }],
  [
    { code: 'DAL-MAKHANI', quantity: 1 },
    { code: 'JEERA-RICE', quantity: 1 },
    { code: 'GULAB-JAMUN', quantity: 1 },
  ],
];

interface RunResult {
  rate: number;
  durationS: number;
  sent: number;
  accepted: number;
  httpErrors: number;
  ticketed: number;
  lost: number;
  duplicates: number;
  achievedRate: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function processStats(pids: Record<string, number>): Record<string, { cpuSeconds: number; rssMb: number }> {
  const stats: Record<string, { cpuSeconds: number; rssMb: number }> = {};
  const ticks = Number(execSync('getconf CLK_TCK').toString().trim());
  for (const [name, pid] of Object.entries(pids)) {
    try {
      const fields = execSync(`cat /proc/${pid}/stat`).toString().split(') ')[1].split(' ');
      const status = execSync(`cat /proc/${pid}/status`).toString();
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      stats[name] = {
        cpuSeconds: (Number(fields[11]) + Number(fields[12])) / ticks,
        rssMb: Math.round(Number(hwm?.[1] ?? 0) / 1024),
      };
    } catch {
      stats[name] = { cpuSeconds: NaN, rssMb: NaN };
    }
  }
  return stats;
}

async function run(
  intakeUrl: string,
  staffToken: string,
  screens: Map<string, number>,
  rate: number,
  durationS: number,
  runId: string,
): Promise<RunResult> {
  const total = Math.round(rate * durationS);
  const sentAt = new Map<string, number>();
  const pending: Array<Promise<void>> = [];
  let accepted = 0;
  let httpErrors = 0;
  const started = Date.now();
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    const key = `${runId}${String(n).padStart(6, '0')}`;
    const display = key.slice(-6).toUpperCase();
    const venue = DEMO_VENUES[n % DEMO_VENUES.length].id;
    sentAt.set(display, Date.now());
    pending.push(
      fetch(`${intakeUrl}/v1/orders`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${staffToken}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(demoDirectOrder(venue, LINES[n % LINES.length])),
      }).then(
        (response) => void (response.status === 202 ? accepted++ : httpErrors++),
        () => void httpErrors++,
      ),
    );
    if (n % Math.max(1, Math.round(rate)) === 0)
      process.stderr.write(`\r  rate ${rate}/s: sent ${n + 1}/${total}`);
  }
  await Promise.all(pending);
  const sendSeconds = (Date.now() - started) / 1000;
  // wait for the tail to arrive (or stop arriving)
  let last = -1;
  for (let i = 0; i < 100; i++) {
    await sleep(100);
    const arrived = [...sentAt.keys()].filter((d) => screens.has(`${d}:first`)).length;
    if (arrived === sentAt.size || (arrived === last && i > 20)) break;
    last = arrived;
  }
  process.stderr.write('\n');
  const latencies: number[] = [];
  let duplicates = 0;
  for (const [display, at] of sentAt) {
    const first = screens.get(`${display}:first`);
    if (first !== undefined) latencies.push(first - at);
    duplicates += screens.get(`${display}:dupes`) ?? 0;
  }
  latencies.sort((a, b) => a - b);
  return {
    rate,
    durationS,
    sent: total,
    accepted,
    httpErrors,
    ticketed: latencies.length,
    lost: accepted - latencies.length,
    duplicates,
    achievedRate: Math.round((total / sendSeconds) * 10) / 10,
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? NaN,
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '100' },
      duration: { type: 'string', default: '60' },
      'find-max': { type: 'boolean', default: false },
    },
  });
  const environment = await TestEnvironment.create();
  const services: ServiceProcess[] = [];
  const sockets: Socket[] = [];
  try {
    for (const [name, variable] of SERVICES) {
      const port = await freePort();
      services.push(
        new ServiceProcess(
          name,
          port,
          environment.env({ [variable]: String(port), LOG_LEVEL: 'warn', NATS_ACK_WAIT_MS: '30000' }),
        ),
      );
    }
    process.stderr.write('starting the six services...\n');
    await Promise.all(services.map((s) => s.start(120_000)));
    const url = (name: string) => services.find((s) => s.name === name)!.url;
    const headOffice = mintToken({ secret: TEST_JWT_SECRET, role: Role.HEAD_OFFICE, venues: '*' });
    for (const venue of DEMO_VENUES) await seedDemoMenu(url('menu-mapping'), headOffice, venue.id);

    // first ticket per order (by display number, unique per run), and any ticket of the same order again
    const screens = new Map<string, number>();
    for (const venue of DEMO_VENUES) {
      for (const station of DEMO_STATIONS) {
        const socket = io(`${url('kot-router')}/kitchen`, {
          auth: {
            token: mintToken({ secret: TEST_JWT_SECRET, role: Role.STATION, venues: [venue.id], station }),
          },
          transports: ['websocket'],
          forceNew: true,
        });
        const seen = new Set<string>();
        socket.on('ticket', (ticket: KitchenTicketV1, ack?: (r: { ok: boolean }) => void) => {
          ack?.({ ok: true });
          const now = Date.now();
          if (seen.has(ticket.orderId))
            screens.set(
              `${ticket.displayNumber}:dupes`,
              (screens.get(`${ticket.displayNumber}:dupes`) ?? 0) + 1,
            );
          seen.add(ticket.orderId);
          if (!screens.has(`${ticket.displayNumber}:first`))
            screens.set(`${ticket.displayNumber}:first`, now);
        });
        await new Promise((resolve) => socket.once('joined', resolve));
        sockets.push(socket);
      }
    }
    const staff = mintToken({
      secret: TEST_JWT_SECRET,
      role: Role.STAFF,
      venues: DEMO_VENUES.map((v) => v.id),
    });
    const pids = Object.fromEntries(services.map((s) => [s.name, s.pid ?? 0]));
    const runs: RunResult[] = [];
    // a short warm-up so the first measured orders do not pay for JIT and connection pools
    await run(url('intake'), staff, screens, 20, 2, 'w');
    if (values['find-max']) {
      for (let rate = 50; rate <= 2000; rate = Math.round(rate * 1.5)) {
        const result = await run(url('intake'), staff, screens, rate, 10, `m${rate}`);
        runs.push(result);
        process.stderr.write(`  ${JSON.stringify(result)}\n`);
        if (result.latencyMs.p99 > 100 || result.lost > 0 || result.achievedRate < rate * 0.95) break;
      }
    } else {
      runs.push(await run(url('intake'), staff, screens, Number(values.rate), Number(values.duration), 'r'));
    }
    const sustained = runs.filter((r) => r.latencyMs.p99 <= 100 && r.lost === 0).map((r) => r.rate);
    const summary = {
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      runs,
      maxSustainedRate: values['find-max'] ? Math.max(0, ...sustained) : undefined,
      services: processStats(pids),
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    for (const socket of sockets) socket.close();
    await Promise.all(services.map((s) => s.stop().catch(() => undefined)));
    await environment.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
