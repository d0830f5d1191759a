/**
 * Measures the summary and channel reports over HTTP against a seeded database (seed-load.ts):
 * starts reporting in this process on a free port, calls each scenario repeatedly, prints
 * p50/p95/max. Not a test; never part of `npm test`.
 *
 *   node -r @swc-node/register apps/reporting/tools/measure-reports.ts --database-url postgres://…/scratch \
 *     [--nats-url nats://127.0.0.1:4222] [--runs 200] [--warmup 20]
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { mintToken, Role } from '@hub/auth';
import { loadEnv } from '@hub/config';
import { deleteNamespaceStreams } from '@hub/messaging';
import { serviceUrl, startService } from '@hub/service-kit';
import { AppModule, REPORTING_SERVICE } from '../src/app.module';
import { ReportingEnv } from '../src/config/env.dto';

const SECRET = randomBytes(24).toString('hex');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      'nats-url': { type: 'string', default: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' },
      runs: { type: 'string', default: '200' },
      warmup: { type: 'string', default: '20' },
    },
  });
  const url = values['database-url'] ?? process.env.DATABASE_URL;
  if (!url) throw new Error('give --database-url (the database seed-load.ts filled)');
  const namespace = `perf${randomBytes(3).toString('hex')}`;
  const env = loadEnv(ReportingEnv, {
    DATABASE_URL: url,
    NATS_URL: values['nats-url'],
    NATS_NAMESPACE: namespace,
    AUTH_JWT_SECRET: SECRET,
    LOG_LEVEL: 'warn',
    REPORTING_PORT: '0',
  });
  const app = await startService({
    name: REPORTING_SERVICE,
    description: 'measure',
    module: AppModule.forRoot(env),
    env,
    port: 0,
    host: '127.0.0.1',
  });
  try {
    const base = await serviceUrl(app);
    const headOffice = mintToken({ secret: SECRET, role: Role.HEAD_OFFICE, venues: '*' });
    const fiveVenues = Array.from({ length: 5 }, (_, i) => `load-venue-${String(i + 1).padStart(2, '0')}`);
    const manager = mintToken({ secret: SECRET, role: Role.MANAGER, venues: fiveVenues });
    const scenarios: Array<[string, string, string]> = [
      ['summary, head office, every venue, all 30 days', '/v1/reports/summary', headOffice],
      [
        'summary, head office, one week',
        '/v1/reports/summary?from=2026-11-23T00:00:00Z&to=2026-11-30T00:00:00Z',
        headOffice,
      ],
      ['summary, manager of 5 venues', '/v1/reports/summary', manager],
      ['summary, 2 channels, csv', '/v1/reports/summary?channel=zomato,qr&format=csv', headOffice],
      ['channels, head office, every venue, all 30 days', '/v1/reports/channels', headOffice],
      [
        'channels, head office, one day',
        '/v1/reports/channels?from=2026-11-29T00:00:00Z&to=2026-11-30T00:00:00Z',
        headOffice,
      ],
      ['channels, manager of 5 venues', '/v1/reports/channels', manager],
      // for information: not in the 200 ms target
      ['(info) revenue-by-location, head office, all', '/v1/reports/revenue-by-location', headOffice],
      ['(info) peak-periods, head office, all', '/v1/reports/peak-periods', headOffice],
      ['(info) preparation-time, head office, all', '/v1/reports/preparation-time', headOffice],
      [
        '(info) preparation-time, one venue, one week',
        '/v1/reports/preparation-time?venueId=load-venue-01&from=2026-11-23T00:00:00Z&to=2026-11-30T00:00:00Z',
        headOffice,
      ],
      [
        '(info) delayed-orders, one venue, all',
        '/v1/reports/delayed-orders?venueId=load-venue-01',
        headOffice,
      ],
    ];
    const runs = Number(values.runs);
    const warmup = Number(values.warmup);
    process.stdout.write(`| scenario | runs | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|\n`);
    for (const [name, path, token] of scenarios) {
      const times: number[] = [];
      for (let i = 0; i < warmup + runs; i++) {
        const started = performance.now();
        const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
        await response.text();
        if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
        if (i >= warmup) times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const f = (n: number) => n.toFixed(1);
      process.stdout.write(
        `| ${name} | ${runs} | ${f(percentile(times, 0.5))} | ${f(percentile(times, 0.95))} | ${f(times[times.length - 1])} |\n`,
      );
    }
  } finally {
    await app.close();
    const nc = await connect({ servers: values['nats-url'] });
    await deleteNamespaceStreams(await jetstreamManager(nc), namespace);
    await nc.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`measure-reports failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
