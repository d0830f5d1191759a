import { Counter, Gauge } from 'prom-client';

type AttentionCountsSource = () => Promise<Array<{ platform: string; kind: string; count: number }>>;
let attentionCountsSource: AttentionCountsSource | undefined;

/** Where the attention gauge reads its counts at each scrape (the running app's repository). */
export function setAttentionCountsSource(source: AttentionCountsSource | undefined): void {
  attentionCountsSource = source;
}

/** Deliveries kept as needing attention, by platform and kind, read from Postgres at each scrape: alert on it. */
export const deliveriesNeedingAttention = new Gauge({
  name: 'hub_intake_deliveries_needing_attention',
  help: 'Deliveries needing attention (listed at GET /v1/venues/:venueId/deliveries?state=needs_attention), by platform and kind (unparsed: cannot be normalised; order: a thin event whose fetch gave up)',
  labelNames: ['platform', 'kind'] as const,
  async collect() {
    const rows = attentionCountsSource ? await attentionCountsSource().catch(() => []) : [];
    this.reset();
    for (const row of rows) this.set({ platform: row.platform, kind: row.kind }, row.count);
  },
});

/**
 * Retries by hand of deliveries needing attention, by platform and outcome: `announced` (stored, its
 * order(s) announced), `stored` (normalised, nothing new to announce: a status update, an ignored
 * delivery, an order received before), `awaiting_fetch` (a thin event's fetch re-queued),
 * `needs_attention` (still cannot be normalised), `conflict` (not needing attention: 409),
 * `unsupported` (cannot be re-run here: 422).
 */
export const deliveryRetries = new Counter({
  name: 'hub_intake_delivery_retries_total',
  help: 'Retries by hand of deliveries needing attention, by platform and outcome (announced, stored, awaiting_fetch, needs_attention, conflict, unsupported)',
  labelNames: ['platform', 'outcome'] as const,
});
