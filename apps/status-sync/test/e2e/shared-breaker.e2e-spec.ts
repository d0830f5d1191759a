import { eventually, InProcessService, TestEnvironment } from '@hub/testing';
import { CircuitBreakers } from '../../src/callbacks/circuit-breaker';
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
import { PlatformStandIn, type StandInAnswer } from './platform-stand-in';

jest.setTimeout(90_000);

const COOLDOWN_MS = 1500;
const VENUE = 'venue-b';

interface BreakerRow {
  state: string;
  failures: number;
  opened_at: Date | null;
  probe_owner: string | null;
}

/**
 * Two status-sync replicas on one database share each integration's circuit breaker: failures seen
 * by one open it for both (the second, started after, sends nothing during the cool-down), and in
 * half-open exactly one probe goes out across both; its success closes the breaker and every
 * callback is delivered once.
 */
describe('status-sync: two replicas share one circuit breaker (Postgres)', () => {
  let environment: TestEnvironment;
  let api: PlatformStandIn;
  const replicas: InProcessService[] = [];
  let mode: 'fail' | 'hold' | 'ok' = 'fail';
  let releaseProbe: (() => void) | undefined;

  const start = async () => {
    const replica = await startStatusSync(
      {
        CALLBACK_POLL_MS: '50',
        CALLBACK_CONCURRENCY: '1',
        CALLBACK_BACKOFF_BASE_MS: '20',
        CALLBACK_BACKOFF_MAX_MS: '80',
        CALLBACK_MAX_ATTEMPTS: '100',
        CALLBACK_LEASE_MS: '8000',
        CALLBACK_TIMEOUT_MS: '8000',
        CALLBACK_SHUTDOWN_GRACE_MS: '0',
        BREAKER_FAILURE_THRESHOLD: '2',
        BREAKER_WINDOW_MS: '60000',
        BREAKER_COOLDOWN_MS: String(COOLDOWN_MS),
      },
      environment,
    );
    replicas.push(replica);
    return replica;
  };
  const breaker = async (): Promise<BreakerRow | undefined> =>
    (await environment.query<BreakerRow>('SELECT * FROM status_sync.breakers'))[0];

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    api = await PlatformStandIn.start();
    api.handler = (): StandInAnswer | Promise<StandInAnswer> => {
      if (mode === 'fail') return { status: 503 };
      if (mode === 'hold') {
        mode = 'ok';
        return new Promise<StandInAnswer>((resolve) => {
          releaseProbe = () => resolve({ status: 202 });
        });
      }
      return { status: 202 };
    };
  });

  afterAll(async () => {
    releaseProbe?.();
    for (const replica of replicas) {
      await replica.nc.close().catch(() => undefined);
      await replica.app.close().catch(() => undefined);
    }
    await environment.stop();
    await api.close();
  });

  it('opens on one replica, holds on the other, and lets exactly one probe through across both', async () => {
    const first = await start();
    await saveIntegration(first, VENUE, 'doordash', {
      storeRef: 'dd-store-b',
      secret: 'dd-secret',
      apiBaseUrl: `${api.baseUrl}/dd`,
      credentials: { accessToken: 'dd-jwt' },
    });
    await integrationsReplicated(environment, 1);
    const orders = [testOrder(VENUE, 'doordash'), testOrder(VENUE, 'doordash'), testOrder(VENUE, 'doordash')];
    for (const order of orders) await move(first, order, [[RECEIVED, ACCEPTED]]);

    // the platform answers 503: two failures on the first replica open the shared breaker
    const opened = await eventually(
      async () => {
        const row = await breaker();
        return row?.state === 'open' ? row : undefined;
      },
      15_000,
      'the breaker to open',
    );
    const sentWhileClosed = api.requests.length;
    expect(sentWhileClosed).toBe(2);
    expect(opened.failures).toBe(2);

    // a second replica starts: it has never seen a failure, yet holds too
    const second = await start();
    mode = 'hold';
    await eventually(
      async () => (api.requests.length > sentWhileClosed ? true : undefined),
      15_000,
      'the half-open probe',
    );
    const probe = api.requests[sentWhileClosed];
    // nothing went out, from either replica, before the cool-down ended
    expect(probe.receivedAt).toBeGreaterThanOrEqual(new Date(opened.opened_at!).getTime() + COOLDOWN_MS - 50);
    const halfOpen = await breaker();
    expect(halfOpen).toMatchObject({ state: 'half_open' });
    expect(halfOpen!.probe_owner).toMatch(/^status-sync:/);

    // while the probe is out, both replicas keep polling (every 50 ms) and send nothing else
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(api.requests.length).toBe(sentWhileClosed + 1);

    // the probe succeeds: the breaker closes and every acceptance is delivered exactly once
    releaseProbe!();
    for (const order of orders) await told(second, order.id);
    expect(await breaker()).toMatchObject({ state: 'closed', failures: 0 });
    for (const order of orders) {
      const delivered = api
        .to(`/dd/marketplace/api/v1/orders/${order.externalId}`)
        .filter((r) => r.answered === 202);
      expect(delivered).toHaveLength(1);
    }
    const sent = await environment.query<{ state: string }>(
      "SELECT state FROM status_sync.callbacks WHERE kind = 'status'",
    );
    expect(sent.map((r) => r.state)).toEqual(['sent', 'sent', 'sent']);
  });

  it('of many replicas racing for a half-open breaker, exactly one gets the probe', async () => {
    const [a, b] = replicas.map((replica) => replica.app.get(CircuitBreakers));
    await environment.query(
      "INSERT INTO status_sync.breakers (key, state, failures, opened_at) VALUES ('integration:race', 'open', 5, now() - interval '1 hour')",
    );
    const race = () =>
      Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? a : b).tryAcquire('integration:race', `owner-${i}`),
        ),
      );
    const first = await race();
    const probes = first.filter((admission) => admission.allowed);
    expect(probes).toEqual([{ allowed: true, probe: true }]);
    const winner = `owner-${first.findIndex((admission) => admission.allowed)}`;
    expect(
      (
        await environment.query<{ probe_owner: string }>(
          "SELECT probe_owner FROM status_sync.breakers WHERE key = 'integration:race'",
        )
      )[0].probe_owner,
    ).toBe(winner);
    // the probe fails: open again for a cool-down, nobody gets through
    await a.failure('integration:race', winner);
    expect((await race()).filter((admission) => admission.allowed)).toEqual([]);
  });
});
