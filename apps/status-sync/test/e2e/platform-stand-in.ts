import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** when it arrived (ms since the epoch) */
  receivedAt: number;
  /** the status we answered, once answered */
  answered?: number;
  /** the caller went away before we answered (its process stopped mid-call) */
  aborted: boolean;
}

export interface StandInAnswer {
  status: number;
  body?: unknown;
}

/** Decides the answer: at once, later (a promise: the call is held open), never mind the order. */
export type StandInHandler = (request: RecordedRequest) => StandInAnswer | Promise<StandInAnswer>;

/**
 * A local HTTP server standing in for platform APIs (and Jira, and a brand's webhook) on 127.0.0.1:
 * records every request, answers what the test's handler says, and notes calls aborted mid-flight.
 */
export class PlatformStandIn {
  readonly requests: RecordedRequest[] = [];
  handler: StandInHandler = () => ({ status: 200, body: {} });

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<PlatformStandIn> {
    const holder: { standIn?: PlatformStandIn } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          receivedAt: Date.now(),
          aborted: false,
        };
        holder.standIn!.requests.push(recorded);
        res.on('close', () => {
          if (!res.writableFinished) recorded.aborted = true;
        });
        void Promise.resolve(holder.standIn!.handler(recorded)).then((answer) => {
          if (res.destroyed) return;
          recorded.answered = answer.status;
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.standIn = new PlatformStandIn(server, `http://127.0.0.1:${port}`);
    return holder.standIn;
  }

  /** Requests whose path starts with `prefix`, in arrival order. */
  to(prefix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith(prefix));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
