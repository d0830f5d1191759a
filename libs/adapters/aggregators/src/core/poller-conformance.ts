/**
 * The contract every order poller keeps, as jest blocks, against a local HTTP server standing in
 * for the platform's API (through `apiBaseUrl`). Test-only: not exported from index.ts.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { CHANNEL_PATTERN } from '@hub/order-model';
import type { IntegrationSettings } from './aggregator-adapter';
import { PlatformApiError } from './adapter.errors';
import { createDefaultRegistry } from './adapter.registry';
import { canonicalProblems, invariantProblems } from './conformance';
import type { OrderPoller, PollPage } from './order-poller';
import { createPlatformApi } from './platform-api';

export interface PlatformRequest {
  method: string;
  /** path and query, as the poller asked */
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

/** What the stand-in answers: JSON with 200, or a status and a body. */
export type PlatformAnswer = unknown | { status: number; json: unknown };

export interface PollerConformanceOptions {
  createPoller: () => OrderPoller;
  /** the integration; `apiBaseUrl` is set to the local server */
  integration: IntegrationSettings;
  /** the platform's API: the answer to each request (from the published or crafted fixtures) */
  serve: (request: PlatformRequest) => PlatformAnswer;
  /** what a first poll (null cursor) must find, in order */
  expect: { externalIds: string[]; totals: number[] };
  /** optional: checks on the requests the first poll made (auth headers, query) */
  checkRequests?: (requests: PlatformRequest[]) => void;
}

function isAnswer(value: unknown): value is { status: number; json: unknown } {
  return value !== null && typeof value === 'object' && 'status' in value && 'json' in value;
}

/** A local server answering through `serve`, or with `failWith` while it is set. */
export class PlatformStandIn {
  readonly requests: PlatformRequest[] = [];
  failWith?: number;
  private server?: Server;
  url = '';

  constructor(private readonly serve: (request: PlatformRequest) => PlatformAnswer) {}

  async start(): Promise<void> {
    this.server = createServer((incoming, response) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const request: PlatformRequest = {
          method: incoming.method ?? 'GET',
          url: new URL(incoming.url ?? '/', 'http://stand-in'),
          headers: incoming.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.requests.push(request);
        response.setHeader('content-type', 'application/json');
        if (this.failWith !== undefined) {
          response.statusCode = this.failWith;
          response.end(JSON.stringify({ error: 'stand-in failure' }));
          return;
        }
        const answer = this.serve(request);
        response.statusCode = isAnswer(answer) ? answer.status : 200;
        response.end(JSON.stringify(isAnswer(answer) ? answer.json : answer));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

export function orderPollerConformance(options: PollerConformanceOptions): void {
  const platform = options.createPoller().platform;
  const standIn = new PlatformStandIn(options.serve);
  const api = createPlatformApi(fetch, { timeoutMs: 5_000 });
  const integration = (): IntegrationSettings => ({ ...options.integration, apiBaseUrl: standIn.url });
  const poll = (cursor: string | null): Promise<PollPage> =>
    options.createPoller().fetchOrdersSince(cursor, integration(), { api, now: new Date() });

  describe(`${platform}: order poller conformance`, () => {
    beforeAll(() => standIn.start());
    afterAll(() => standIn.stop());
    beforeEach(() => {
      standIn.failWith = undefined;
      standIn.requests.length = 0;
    });

    it('is named by a channel route name, selected by canHandle and found by the default registry', () => {
      const poller = options.createPoller();
      expect(platform).toMatch(CHANNEL_PATTERN);
      expect(poller.canHandle(platform)).toBe(true);
      expect(poller.canHandle(`${platform}_other`)).toBe(false);
      expect(createDefaultRegistry().findPoller(platform)?.platform).toBe(platform);
    });

    it('maps a first poll to valid canonical orders with integer minor-unit totals', async () => {
      const page = await poll(null);
      expect(page.problems).toEqual([]);
      expect(page.orders.map((polled) => polled.externalId)).toEqual(options.expect.externalIds);
      expect(page.orders.map((polled) => polled.order.totals.total)).toEqual(options.expect.totals);
      for (const { order, externalId, raw } of page.orders) {
        expect(canonicalProblems(order)).toEqual([]);
        expect(invariantProblems(order)).toEqual([]);
        expect(order.externalId).toBe(externalId);
        expect(order.venueId).toBe(options.integration.venueId);
        expect(order.channel).toBe(platform);
        expect(order.source).toEqual({ platform, storeRef: options.integration.storeRef });
        expect(order.items.length).toBeGreaterThan(0);
        expect(raw).toBeDefined();
      }
      expect(page.nextCursor).not.toBe('');
      options.checkRequests?.(standIn.requests);
    });

    it('goes on from the cursor it returned', async () => {
      const first = await poll(null);
      const second = await poll(first.nextCursor);
      expect(typeof second.nextCursor).toBe('string');
      expect(second.nextCursor).not.toBe('');
    });

    it('fails with a retryable PlatformApiError when the platform answers 503', async () => {
      standIn.failWith = 503;
      const failure = await poll(null).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PlatformApiError);
      expect((failure as PlatformApiError).retryable).toBe(true);
    });

    it('fails with a PlatformApiError that is not retryable when the platform refuses the credentials', async () => {
      standIn.failWith = 401;
      const failure = await poll(null).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PlatformApiError);
      expect((failure as PlatformApiError).retryable).toBe(false);
    });
  });
}
