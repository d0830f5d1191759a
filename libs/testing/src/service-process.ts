import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, WriteStream } from 'node:fs';
import { join } from 'node:path';

const WORKSPACE_ROOT = join(__dirname, '..', '..', '..');

/** A service running as its own process, as in production: `node apps/<name>/src/main.ts` or its build. */
export class ServiceProcess {
  private output: string[] = [];
  private exit?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private child?: ChildProcess;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    /** also append everything the process writes to this file */
    private readonly logFile?: string,
    /**
     * `source`: compiles the TypeScript as it loads (tests, `npm start`); `dist`: runs the build
     * output (`nx run <name>:build`), as the production image does.
     */
    private readonly runtime: 'source' | 'dist' = 'source',
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the process and waits until /health/ready answers 200. */
  async start(timeoutMs = 60_000, extraEnv: Record<string, string> = {}): Promise<this> {
    const child = spawn(
      process.execPath,
      this.runtime === 'dist'
        ? [join('dist', this.name, 'apps', this.name, 'src', 'main.js')]
        : ['-r', '@swc-node/register', join('apps', this.name, 'src', 'main.ts')],
      {
        cwd: WORKSPACE_ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...this.env, ...extraEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    const file: WriteStream | undefined = this.logFile
      ? createWriteStream(this.logFile, { flags: 'a' })
      : undefined;
    const keep = (chunk: Buffer) => {
      file?.write(chunk);
      this.output.push(chunk.toString());
      if (this.output.length > 200) this.output.splice(0, this.output.length - 200);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exit = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        file?.end();
        resolve({ code, signal });
      }),
    );
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${this.name} exited while starting:\n${this.logs()}`);
      }
      const ready = await fetch(`${this.url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return this;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${this.name} was not ready after ${timeoutMs} ms:\n${this.logs()}`);
  }

  /** Resolves when the process exits, with how it ended. */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.exit) throw new Error(`${this.name} was never started`);
    return this.exit;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Stops the process; one that has not exited 30 s after the signal is killed, and that is an error. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.running) return;
    this.child!.kill(signal);
    const stopped = await Promise.race([
      this.exited().then(() => true),
      new Promise<false>((r) => setTimeout(() => r(false), 30_000).unref()),
    ]);
    if (!stopped) {
      this.child!.kill('SIGKILL');
      await this.exited();
      throw new Error(`${this.name} did not exit within 30 s of ${signal}:\n${this.logs()}`);
    }
  }

  /** The last lines the process wrote, for a failing test's message. */
  logs(): string {
    return this.output.join('').split('\n').slice(-60).join('\n');
  }
}
