import { Counter, Gauge, Histogram } from 'prom-client';

export const callbackOutcomes = new Counter({
  name: 'hub_status_callbacks_total',
  help: 'Callback outcomes by kind, target (platform, webhook, jira) and outcome (sent, failed, dead, superseded, unsupported, retried, rate_limited: deferred for the shared rate limit, not an attempt)',
  labelNames: ['kind', 'target', 'outcome'] as const,
});

export const callbackAttemptSeconds = new Histogram({
  name: 'hub_status_callback_attempt_seconds',
  help: 'Time of one callback attempt, by target',
  labelNames: ['target'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

type BreakerSource = () => Promise<Array<{ key: string; state: string }>>;
let breakerSource: BreakerSource | undefined;

/** Where the breaker gauge reads the shared breakers at each scrape. */
export function setBreakerSource(source: BreakerSource | undefined): void {
  breakerSource = source;
}

/** Breakers not closed (open, or half-open with a probe out), read from Postgres at each scrape: the same on every replica. */
export const breakerOpen = new Gauge({
  name: 'hub_status_breaker_open',
  help: '1 while the shared circuit breaker of an integration (or webhook, or Jira) is open or half-open',
  labelNames: ['breaker', 'state'] as const,
  async collect() {
    const rows = breakerSource ? await breakerSource().catch(() => []) : [];
    this.reset();
    for (const row of rows) this.set({ breaker: row.key, state: row.state }, 1);
  },
});

type CountsSource = () => Promise<Array<{ kind: string; target: string; state: string; count: string }>>;
let countsSource: CountsSource | undefined;

/** Where the callbacks gauge reads its counts at each scrape (the running worker's repository). */
export function setCallbackCountsSource(source: CountsSource | undefined): void {
  countsSource = source;
}

/** Callbacks in the table by kind, target and state, read from Postgres at each scrape. */
export const callbacksByState = new Gauge({
  name: 'hub_status_callbacks',
  help: 'Callbacks by kind, target and state (pending, sending, failed, sent, dead, superseded, unsupported)',
  labelNames: ['kind', 'target', 'state'] as const,
  async collect() {
    const rows = countsSource ? await countsSource().catch(() => []) : [];
    this.reset();
    for (const row of rows)
      this.set({ kind: row.kind, target: row.target, state: row.state }, Number(row.count));
  },
});
