import { createServer, type Server, type Socket } from 'node:net';

/**
 * How the fake printer treats a connection:
 * - `print`: reads the job to its end, records it, closes (a healthy raw-9100 printer);
 * - `stall`: accepts the connection and never reads (paper out: its buffer fills, the sender blocks);
 * - `hold-open`: reads and records the job but never closes its side.
 */
export type FakePrinterMode = 'print' | 'stall' | 'hold-open';

/**
 * A network receipt printer on 127.0.0.1 that records the bytes each connection sends. `stop()`
 * takes it off the network (connections are refused), `start()` brings it back on the same port.
 */
export class FakePrinter {
  /** one entry per connection that sent its whole job (ended its side) */
  readonly jobs: Buffer[] = [];
  mode: FakePrinterMode = 'print';
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private waiters: Array<() => void> = [];
  private boundPort = 0;

  get host(): string {
    return '127.0.0.1';
  }

  get port(): number {
    return this.boundPort;
  }

  get address(): { host: string; port: number } {
    return { host: this.host, port: this.boundPort };
  }

  /** Listens: on a free port the first time, on the same port after a stop. */
  async start(): Promise<this> {
    if (this.server) return this;
    // half-open allowed: the fake, not Node, decides when to close its side after the job ends
    const server = createServer({ allowHalfOpen: true }, (socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.host, port: this.boundPort }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('fake printer: no TCP address');
    this.boundPort = address.port;
    this.server = server;
    return this;
  }

  /** Stops listening and drops every open connection: the printer is down. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves with the next job recorded from now on (or already recorded past `seen`). */
  async nextJob(timeoutMs = 5000, seen = this.jobs.length): Promise<Buffer> {
    const deadline = Date.now() + timeoutMs;
    while (this.jobs.length <= seen) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`fake printer: no job within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.jobs[seen];
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    const mode = this.mode;
    if (mode === 'stall') {
      socket.pause();
      return;
    }
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      this.jobs.push(Buffer.concat(chunks));
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
      if (mode === 'print') socket.end();
    });
  }
}
