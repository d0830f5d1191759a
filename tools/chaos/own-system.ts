/**
 * The system of `npm run chaos` and `npm run fuzz`: its own Postgres and nats-server, the six
 * services as processes (as `npm start` runs them), the demo brand with its integrations pointed at
 * a stand-in platform server, the venues' notification webhook at the same server, and a kitchen
 * screen on every demo station.
 */
import { mkdirSync } from 'node:fs';
import { Client } from 'pg';
import { mintToken, Role } from '@hub/auth';
import { DEMO_STATIONS, DEMO_VENUES, freePort, ServiceProcess, withDatabase } from '@hub/testing';
import { DEMO_INTEGRATIONS } from '../dev/demo-integrations';
import { DEV_JWT_SECRET, DEV_SECRETS_KEY, ServiceName } from '../dev/dev-defaults';
import { seedDemoBrand, SERVICE_NAMES, serviceProcesses } from '../dev/services';
import { OwnNats, OwnPostgres } from './own-infrastructure';
import { PlatformStandIn } from './platform-stand-in';
import { StationScreen } from './station-screen';

export const NOTIFY_SECRET = 'chaos-notification-secret';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface OwnSystemOptions {
  /** more environment for every service */
  env?: Record<string, string>;
  /** service logs go to <logDir>/<service>.log when set */
  logDir?: string;
  say?: (line: string) => void;
}

/** The system under test: own Postgres and NATS, the six services, the stand-in platform, screens. */
const running = new Set<OwnSystem>();

/** Stops every system still running (a CLI's SIGINT / SIGTERM handler). */
export async function stopRunningSystems(): Promise<void> {
  await Promise.all([...running].map((system) => system.stop()));
}

/** For a CLI: on SIGINT or SIGTERM, stops every system still running, then exits with 130. */
export function stopRunningSystemsOnSignal(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping the services, nats-server and Postgres...\n`);
      void stopRunningSystems().finally(() => process.exit(130));
    });
  }
}

export class OwnSystem {
  postgres?: OwnPostgres;
  nats?: OwnNats;
  standIn?: PlatformStandIn;
  services: ServiceProcess[] = [];
  screens: StationScreen[] = [];
  databaseUrl = '';
  /** services we stopped on purpose (not crashes) */
  readonly expectedDown = new Set<string>();
  readonly crashes: string[] = [];
  stopping = false;

  constructor(private readonly options: OwnSystemOptions) {}

  service(name: ServiceName): ServiceProcess {
    return this.services.find((s) => s.name === name)!;
  }

  async start(): Promise<void> {
    running.add(this);
    const say = this.options.say ?? (() => undefined);
    [this.postgres, this.nats, this.standIn] = await Promise.all([
      OwnPostgres.create(),
      OwnNats.create(),
      PlatformStandIn.start(),
    ]);
    say(`  postgres ${this.postgres.url}   nats ${this.nats.url}   stand-in platform ${this.standIn.url}`);
    const admin = new Client({ connectionString: this.postgres.url });
    await admin.connect();
    await admin.query('CREATE DATABASE hub_chaos');
    await admin.end();
    this.databaseUrl = withDatabase(this.postgres.url, 'hub_chaos');
    if (this.options.logDir) mkdirSync(this.options.logDir, { recursive: true });

    const ports = new Map<ServiceName, number>();
    for (const name of SERVICE_NAMES) ports.set(name, await freePort());
    this.services = serviceProcesses(
      {
        DATABASE_URL: this.databaseUrl,
        NATS_URL: this.nats.url,
        AUTH_JWT_SECRET: DEV_JWT_SECRET,
        INTAKE_SECRETS_KEY: DEV_SECRETS_KEY,
        LOG_LEVEL: 'warn',
        ...this.options.env,
      },
      (name) => ports.get(name)!,
      this.options.logDir,
    );
    await Promise.all(this.services.map((s) => this.startService(s)));

    const headOffice = mintToken({
      secret: DEV_JWT_SECRET,
      role: Role.HEAD_OFFICE,
      venues: '*',
      sub: 'chaos',
    });
    await seedDemoBrand(
      { 'menu-mapping': this.service('menu-mapping').url, intake: this.service('intake').url },
      headOffice,
      (integration) => ({
        apiBaseUrl: `${this.standIn!.url}/${integration.platform}`,
        ...(integration.platform === 'woocommerce'
          ? { credentials: { consumerKey: 'ck_chaos', consumerSecret: 'cs_chaos' } }
          : {}),
      }),
    );
    for (const venue of DEMO_VENUES) {
      const response = await fetch(`${this.service('status-sync').url}/v1/venues/${venue.id}/notifications`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${headOffice}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: `${this.standIn.url}/notify/${venue.id}`, secret: NOTIFY_SECRET }),
      });
      if (!response.ok) throw new Error(`notification webhook of ${venue.id}: ${response.status}`);
    }
    // status-sync keeps its own replica of the integrations, from intake's events
    const deadline = Date.now() + 30_000;
    while (
      (await this.count('SELECT count(*)::int AS n FROM status_sync.integrations')) < DEMO_INTEGRATIONS.length
    ) {
      if (Date.now() > deadline) throw new Error('status-sync did not receive the demo integrations');
      await sleep(200);
    }

    for (const venue of DEMO_VENUES) {
      for (const station of DEMO_STATIONS) {
        const token = mintToken({
          secret: DEV_JWT_SECRET,
          role: Role.STATION,
          venues: [venue.id],
          station,
          sub: `chaos-${station}`,
        });
        const screen = new StationScreen(this.service('kot-router').url, token, venue.id, station);
        const joined = screen.joined();
        this.screens.push(screen);
        await joined;
      }
    }
  }

  /** Starts (or restarts) a service and watches it: an exit we did not ask for is a crash. */
  async startService(service: ServiceProcess): Promise<void> {
    await service.start(180_000);
    this.expectedDown.delete(service.name);
    void service.exited().then(({ code, signal }) => {
      if (this.stopping || this.expectedDown.has(service.name)) return;
      this.crashes.push(`${service.name} (${signal ?? `exit ${code}`})`);
      this.options.say?.(`  ${service.name} exited by itself (${signal ?? `exit ${code}`}); restarting it`);
      this.expectedDown.add(service.name);
      void this.startService(service).catch(() => undefined);
    });
  }

  async killService(name: ServiceName): Promise<void> {
    const service = this.service(name);
    this.expectedDown.add(name);
    await service.stop('SIGKILL');
    await this.startService(service);
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: 3000 });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async count(sql: string): Promise<number> {
    try {
      return (await this.query<{ n: number }>(sql))[0].n;
    } catch {
      return 0;
    }
  }

  async stop(): Promise<void> {
    running.delete(this);
    this.stopping = true;
    for (const screen of this.screens) screen.close();
    await Promise.all(this.services.map((s) => s.stop('SIGKILL').catch(() => undefined)));
    await this.standIn?.stop().catch(() => undefined);
    await this.nats?.destroy().catch(() => undefined);
    await this.postgres?.destroy().catch(() => undefined);
  }
}
