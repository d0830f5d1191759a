/**
 * `npm start`: the whole system on one machine. Postgres and NATS come from DATABASE_URL / NATS_URL,
 * else the local services, else an embedded Postgres and a nats-server binary from PATH. Each of the
 * six services runs as its own process (and runs its migrations and declares its streams at start);
 * the demo brand is seeded through the APIs; addresses and dev tokens are printed.
 * `--simulate <rate>` then sends that many signed platform webhooks a second until stopped.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { mintToken, Role } from '@hub/auth';
import {
  DEMO_MENU,
  DEMO_STATIONS,
  DEMO_VENUES,
  demoDirectOrder,
  findInfrastructure,
  Infrastructure,
  withDatabase,
} from '@hub/testing';
import { DEV_DATABASE, DEV_JWT_SECRET, DEV_SECRETS_KEY, SERVICE_PORTS, ServiceName } from './dev-defaults';
import { DEMO_INTEGRATIONS } from './demo-integrations';
import { seedDemoBrand, serviceProcesses } from './services';
import { simulate } from './simulation';

const startedAt = Date.now();
const LOG_DIR = join(process.cwd(), '.hub', 'logs');
const say = (line = '') => process.stdout.write(`${line}\n`);

async function ensureDatabase(adminUrl: string): Promise<string> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DEV_DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${DEV_DATABASE}"`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, DEV_DATABASE);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { simulate: { type: 'string' } } });
  const simulateRate = values.simulate === undefined ? undefined : Number(values.simulate);
  if (simulateRate !== undefined && !(simulateRate > 0)) {
    say('usage: npm start [-- --simulate <platform orders a second>]');
    process.exit(2);
  }
  say('order hub: starting the whole system on this machine');
  const explicitDatabase = process.env.DATABASE_URL;
  let infrastructure: Infrastructure;
  try {
    infrastructure = await findInfrastructure({ allowEmbedded: true, allowContainers: false });
  } catch (error) {
    say(`cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
  const databaseUrl = explicitDatabase ?? (await ensureDatabase(infrastructure.adminDatabaseUrl));
  say(
    `  postgres: ${infrastructure.source.postgres}   nats: ${infrastructure.source.nats} (${infrastructure.natsUrl})`,
  );

  const secret = process.env.AUTH_JWT_SECRET ?? DEV_JWT_SECRET;
  if (!process.env.AUTH_JWT_SECRET)
    say('  AUTH_JWT_SECRET not set: using the local demo secret (never deploy it)');
  mkdirSync(LOG_DIR, { recursive: true });

  const shared = {
    DATABASE_URL: databaseUrl,
    NATS_URL: infrastructure.natsUrl,
    AUTH_JWT_SECRET: secret,
    INTAKE_SECRETS_KEY: process.env.INTAKE_SECRETS_KEY ?? DEV_SECRETS_KEY,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    ...(process.env.NATS_NAMESPACE ? { NATS_NAMESPACE: process.env.NATS_NAMESPACE } : {}),
  };
  const services = serviceProcesses(
    shared,
    (name) => Number(process.env[SERVICE_PORTS[name].variable] ?? SERVICE_PORTS[name].port),
    LOG_DIR,
  );

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('\nstopping...');
    await Promise.all(services.map((s) => s.stop()));
    await infrastructure.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    await Promise.all(services.map((s) => s.start(120_000)));
  } catch (error) {
    say(`a service did not start: ${(error as Error).message}`);
    await stop(1);
    return;
  }
  for (const service of services) {
    void service.exited().then(({ code, signal }) => {
      if (stopping) return;
      say(
        `\n${service.name} stopped unexpectedly (${signal ?? `exit ${code}`}); its last lines:\n${service.logs()}`,
      );
      void stop(1);
    });
  }

  const url = (name: ServiceName) => services.find((s) => s.name === name)!.url;
  const headOffice = mintToken({ secret, role: Role.HEAD_OFFICE, venues: '*', sub: 'demo-head-office' });
  await seedDemoBrand({ 'menu-mapping': url('menu-mapping'), intake: url('intake') }, headOffice);

  const [venueA] = DEMO_VENUES;
  const manager = mintToken({ secret, role: Role.MANAGER, venues: [venueA.id], sub: 'demo-manager' });
  say(`\nready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s. Logs: ${LOG_DIR}/<service>.log\n`);
  say('services (OpenAPI at <address>/docs, health at /health/ready, Prometheus at /metrics):');
  for (const service of services) say(`  ${service.name.padEnd(13)} ${service.url}`);
  say(
    `\nkitchen screens: ${url('kot-router')}/kds#token=<a station token below>   (socket.io: ${url('kot-router')}/kitchen)`,
  );
  say(
    `\ndemo brand: venues ${DEMO_VENUES.map((v) => v.id).join(', ')}; stations ${DEMO_STATIONS.join(', ')}; ${DEMO_MENU.length} menu items (see README.md)`,
  );
  say('\ndev tokens (12 h):');
  say(`  head office (every venue):   ${headOffice}`);
  say(`  manager of ${venueA.id}: ${manager}`);
  for (const station of DEMO_STATIONS) {
    say(
      `  station ${venueA.id}/${station}: ${mintToken({ secret, role: Role.STATION, venues: [venueA.id], station, sub: `demo-${station}` })}`,
    );
  }
  say('  more: npm run token -- --role staff --venues blr-indiranagar');
  say('\ntry an order:');
  say(
    `  curl -s -X POST ${url('intake')}/v1/orders -H 'authorization: Bearer ${manager}' -H 'content-type: application/json' ` +
      `-H "idempotency-key: demo-$(date +%s)" -d '${JSON.stringify(
        demoDirectOrder(venueA.id, [
          { code: 'PANEER-TIKKA', quantity: 2 },
          { code: 'MANGO-LASSI', quantity: 1 },
        ]),
      )}'`,
  );
  say(
    '\nplatform orders as signed webhooks (Shopify, WooCommerce, GloriaFood): npm run simulate -- --rate 1 --duration 60' +
      ' (or start with npm start -- --simulate 1)',
  );
  if (simulateRate !== undefined) {
    say(
      `\nsimulating ${simulateRate} platform order(s) a second (Shopify, WooCommerce, GloriaFood) until stopped`,
    );
    void simulate({
      intakeUrl: url('intake'),
      rate: simulateRate,
      durationS: Infinity,
      platforms: DEMO_INTEGRATIONS.map((i) => i.platform),
    });
  }
  say('\nCtrl-C stops everything.');
}

void main();
