import { Counter, Gauge } from 'prom-client';

type FetchCountsSource = () => Promise<Array<{ platform: string; state: string; count: number }>>;
let fetchCountsSource: FetchCountsSource | undefined;

/** Where the thin-fetch gauge reads its counts at each scrape (the running fetcher's repository). */
export function setThinFetchCountsSource(source: FetchCountsSource | undefined): void {
  fetchCountsSource = source;
}

/** Thin events by platform and state, read from Postgres at each scrape. */
export const thinFetches = new Gauge({
  name: 'hub_intake_thin_fetches',
  help: 'Thin events (Square, Uber Eats) by platform and state: awaiting_fetch (pending) or needs_attention (given up on)',
  labelNames: ['platform', 'state'] as const,
  async collect() {
    const rows = fetchCountsSource ? await fetchCountsSource().catch(() => []) : [];
    this.reset();
    for (const row of rows) this.set({ platform: row.platform, state: row.state }, row.count);
  },
});

export const thinFetchAttempts = new Counter({
  name: 'hub_intake_thin_fetch_attempts_total',
  help: 'Attempts to fetch a thin event order, by platform and outcome (fetched, retry, needs_attention, superseded)',
  labelNames: ['platform', 'outcome'] as const,
});

export const unknownStores = new Counter({
  name: 'hub_intake_webhook_unknown_stores_total',
  help: 'Store references in a webhook with no integration (a GloriaFood push for a restaurant not connected), by platform',
  labelNames: ['platform'] as const,
});
