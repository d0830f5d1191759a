import { InProcessService, TestEnvironment } from '@hub/testing';
import { callbackOutcomes } from '../../src/callbacks/callbacks.metrics';
import { PlatformRateLimiter } from '../../src/callbacks/rate-limiter';
import {
  ACCEPTED,
  integrationsReplicated,
  move,
  RECEIVED,
  saveIntegration,
  startStatusSync,
  testOrder,
  told,
} from './fixtures';
import { PlatformStandIn } from './platform-stand-in';

jest.setTimeout(90_000);

const VENUE = 'venue-r';
const ORDERS = 8;
/** PLATFORM_RATE_PER_SECOND: one call a second, bursts of one, for every replica together */
const RATE = 1;
/** the span the counts are taken over, and the most a shared bucket lets through in it */
const WINDOW_MS = 2000;
const MOST_PER_WINDOW = RATE + (RATE * WINDOW_MS) / 1000;

/**
 * Two status-sync replicas on one database share each platform's rate limit (a token bucket in
 * `status_sync.rate_buckets`): whatever both send to the stand-in platform in any two-second span is
 * at most one burst plus two seconds' worth (3 at 1/s; two process-local buckets would let 4 through
 * in the first span alone). The counts hold for any delay between taking a token and the request
 * arriving that varies by less than a second. Callbacks that found no token were deferred, not
 * failed: each is delivered exactly once afterwards, with one attempt, and the breaker never heard
 * of them.
 */
describe('status-sync: two replicas share one rate limit per platform (Postgres)', () => {
  let environment: TestEnvironment;
  let api: PlatformStandIn;
  const replicas: InProcessService[] = [];

  const start = async () => {
    const replica = await startStatusSync(
      {
        PLATFORM_RATE_PER_SECOND: String(RATE),
        CALLBACK_POLL_MS: '50',
        CALLBACK_CONCURRENCY: '4',
        // a deferral counted as an attempt would kill the callback, counted as a failure would open the breaker
        CALLBACK_MAX_ATTEMPTS: '1',
        BREAKER_FAILURE_THRESHOLD: '1',
        CALLBACK_SHUTDOWN_GRACE_MS: '0',
      },
      environment,
    );
    replicas.push(replica);
    return replica;
  };
  const rateLimited = async (): Promise<number> =>
    (await callbackOutcomes.get()).values
      .filter((v) => v.labels.outcome === 'rate_limited' && v.labels.target === 'doordash')
      .reduce((sum, v) => sum + v.value, 0);

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    api = await PlatformStandIn.start();
    api.handler = () => ({ status: 202 });
  });

  afterAll(async () => {
    for (const replica of replicas) {
      await replica.nc.close().catch(() => undefined);
      await replica.app.close().catch(() => undefined);
    }
    await environment.stop();
    await api.close();
  });

  it('keeps both replicas together within the limit, and delivers every deferred callback once', async () => {
    const first = await start();
    await start();
    await saveIntegration(first, VENUE, 'doordash', {
      storeRef: 'dd-store-r',
      secret: 'dd-secret',
      apiBaseUrl: `${api.baseUrl}/dd`,
      credentials: { accessToken: 'dd-jwt' },
    });
    await integrationsReplicated(environment, 1);
    const deferredBefore = await rateLimited();
    const orders = Array.from({ length: ORDERS }, () => testOrder(VENUE, 'doordash'));
    for (const order of orders) await move(first, order, [[RECEIVED, ACCEPTED]]);
    for (const order of orders) await told(first, order.id);

    // every acceptance reached the platform exactly once, and was answered
    const calls = api.to('/dd/');
    expect(calls).toHaveLength(ORDERS);
    for (const order of orders) {
      const delivered = api.to(`/dd/marketplace/api/v1/orders/${order.externalId}`);
      expect(delivered.map((r) => r.answered)).toEqual([202]);
    }

    // in any two-second span (starting at each request: the fullest spans), at most burst + 2 s of refill
    const at = calls.map((r) => r.receivedAt).sort((a, b) => a - b);
    const perWindow = at.map((from) => at.filter((t) => t >= from && t < from + WINDOW_MS).length);
    expect(Math.max(...perWindow)).toBeLessThanOrEqual(MOST_PER_WINDOW);

    // some found no token when they came due and were deferred (eight came due within moments, at 1/s)
    expect((await rateLimited()) - deferredBefore).toBeGreaterThan(0);

    // a deferral is no attempt: each callback was tried once, sent, and the breaker saw no failure
    const rows = await environment.query<{ state: string; attempts: number; tried: number }>(
      `SELECT c.state, c.attempts, (SELECT count(*) FROM status_sync.callback_attempts a WHERE a.callback_id = c.id)::int AS tried
       FROM status_sync.callbacks c WHERE c.kind = 'status'`,
    );
    expect(rows).toHaveLength(ORDERS);
    expect(rows.every((r) => r.state === 'sent' && r.attempts === 1 && r.tried === 1)).toBe(true);
    expect(await environment.query('SELECT * FROM status_sync.breakers WHERE failures > 0')).toEqual([]);
  });

  it('of twenty takes racing from both replicas for one token, exactly one gets it', async () => {
    const [a, b] = replicas.map((replica) => replica.app.get(PlatformRateLimiter));
    // one token, and a refill clock in the future so none is added while the race runs
    await environment.query(
      "INSERT INTO status_sync.rate_buckets (key, tokens, updated_at) VALUES ('race', 1, now() + interval '1 hour')",
    );
    const takes = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).take('race')));
    expect(takes.filter((take) => take.taken)).toHaveLength(1);
    const [row] = await environment.query<{ tokens: number; now: Date }>(
      "SELECT tokens, now() AS now FROM status_sync.rate_buckets WHERE key = 'race'",
    );
    expect(row.tokens).toBe(0);
    for (const take of takes) {
      if (!take.taken) expect(take.retryAt.getTime()).toBeGreaterThan(new Date(row.now).getTime());
    }
  });
});
