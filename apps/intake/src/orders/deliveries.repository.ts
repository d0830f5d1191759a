import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { queryRows, preparedRows } from '@hub/persistence';
import { DeliveryEntity } from './entities/delivery.entity';

/** A thin event's delivery claimed by the fetcher: what it needs to parse it again and fetch its order. */
export interface ClaimedFetch {
  id: string;
  platform: string;
  venueId: string;
  rawBody: Buffer;
  headers: Record<string, string | undefined>;
  receivedAt: Date;
  /** this attempt's number, from 1 */
  attempt: number;
  /** when its fetching began: received, or re-queued by hand (the age limit counts from here) */
  since: Date;
}

/** Delivery states: `awaiting_fetch` (a thin event whose order is not fetched yet), `stored`, `needs_attention`. */
export type DeliveryState = 'stored' | 'needs_attention' | 'awaiting_fetch';

export const DELIVERY_STATES: readonly DeliveryState[] = ['needs_attention', 'awaiting_fetch', 'stored'];

/** What a delivery is: an order (or a thin event naming one), a status update, or a body that could not be normalised. */
export type DeliveryKind = 'order' | 'status' | 'unparsed';

/** One delivery as the list shows it: no body, so no customer data. */
export interface DeliverySummary {
  id: string;
  platform: string;
  venueId: string;
  kind: DeliveryKind;
  state: DeliveryState;
  receivedAt: Date;
  /** thin events: fetch attempts since it was received or last re-queued */
  fetchAttempts: number;
  nextAttemptAt: Date | null;
  /** retries by hand */
  retries: number;
  retriedAt: Date | null;
  /** the last error or reason it needs attention */
  error: string | null;
  dedupeKey: string;
  /** an `intake.v1.order-received` went out for it (its order claimed in `received_orders`, or a direct order) */
  orderAnnounced: boolean;
  /** `webhook`, `poll` or `direct` */
  receivedBy: 'webhook' | 'poll' | 'direct';
}

/** One delivery with its evidence: the raw bytes (or a direct order's body) and the headers kept. */
export interface DeliveryEvidence extends DeliverySummary {
  rawBody: Buffer | null;
  /** a direct order has no raw bytes: its canonical body */
  body: unknown;
  bodySha256: string;
  headers: Record<string, string | undefined>;
}

export interface DeliveryListFilter {
  venueId: string;
  state?: DeliveryState;
  platform?: string;
  /** the last id of the previous page (ids are UUIDv7: newest first) */
  cursor?: string;
  limit: number;
}

interface SummaryRow {
  id: string;
  platform: string;
  venue_id: string;
  kind: DeliveryKind;
  state: DeliveryState;
  received_at: Date;
  fetch_attempts: number;
  next_attempt_at: Date | null;
  retries: number;
  retried_at: Date | null;
  error: string | null;
  dedupe_key: string;
  order_announced: boolean;
  received_by: string | null;
  direct: boolean;
}

const SUMMARY_COLUMNS = `d.id, d.platform, d.venue_id, d.kind, d.state, d.received_at, d.fetch_attempts, d.next_attempt_at,
  d.retries, d.retried_at, d.error, d.dedupe_key, d.headers->>'x-hub-received-by' AS received_by,
  (d.raw_body IS NULL AND d.body IS NOT NULL) AS direct,
  ((d.raw_body IS NULL AND d.body IS NOT NULL) OR EXISTS (SELECT 1 FROM received_orders r WHERE r.delivery_id = d.id)) AS order_announced`;

function summaryOf(row: SummaryRow): DeliverySummary {
  return {
    id: row.id,
    platform: row.platform,
    venueId: row.venue_id,
    kind: row.kind,
    state: row.state,
    receivedAt: new Date(row.received_at),
    fetchAttempts: row.fetch_attempts,
    nextAttemptAt: row.next_attempt_at ? new Date(row.next_attempt_at) : null,
    retries: row.retries,
    retriedAt: row.retried_at ? new Date(row.retried_at) : null,
    error: row.error,
    dedupeKey: row.dedupe_key,
    orderAnnounced: row.order_announced,
    receivedBy: row.direct ? 'direct' : row.received_by?.startsWith('poll') ? 'poll' : 'webhook',
  };
}

/** How a retried delivery was resolved, in the retry's transaction. */
export interface RetryResolution {
  state: DeliveryState;
  kind: DeliveryKind;
  /** the platform's own dedupe key, now that the body parses; kept when another delivery holds it */
  dedupeKey?: string;
  /** a note on what became of it (`null` clears the error) */
  error: string | null;
}

export type NewDelivery = Pick<
  DeliveryEntity,
  'id' | 'platform' | 'venueId' | 'dedupeKey' | 'bodySha256' | 'body'
>;

@Injectable()
export class DeliveriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the delivery unless its dedupe key was seen; true when inserted. */
  async insertIfNew(manager: EntityManager, delivery: NewDelivery): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO deliveries (id, platform, venue_id, dedupe_key, body_sha256, body)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT deliveries_dedupe_uq DO NOTHING RETURNING id`,
      [
        delivery.id,
        delivery.platform,
        delivery.venueId,
        delivery.dedupeKey,
        delivery.bodySha256,
        JSON.stringify(delivery.body),
      ],
    );
    return inserted.length > 0;
  }

  async findByDedupeKey(
    manager: EntityManager,
    platform: string,
    venueId: string,
    dedupeKey: string,
  ): Promise<DeliveryEntity | null> {
    return manager.findOne(DeliveryEntity, { where: { platform, venueId, dedupeKey } });
  }

  /**
   * Stores a webhook delivery with its raw bytes and signature headers as evidence; false when its
   * dedupe key was seen before (for this platform and venue).
   */
  async insertWebhook(
    manager: EntityManager,
    delivery: {
      id: string;
      platform: string;
      venueId: string;
      dedupeKey: string;
      kind: 'order' | 'status' | 'unparsed';
      state: DeliveryState;
      error?: string;
      rawBody: Buffer;
      headers: Record<string, string | undefined>;
    },
  ): Promise<boolean> {
    const inserted = await preparedRows(
      manager,
      `INSERT INTO deliveries (id, platform, venue_id, dedupe_key, body_sha256, raw_body, headers, kind, state, error, next_attempt_at)
       VALUES ($1, $2, $3, $4, encode(sha256($5), 'hex'), $5, $6, $7, $8, $9, CASE WHEN $8 = 'awaiting_fetch' THEN now() END)
       ON CONFLICT ON CONSTRAINT deliveries_dedupe_uq DO NOTHING RETURNING id`,
      [
        delivery.id,
        delivery.platform,
        delivery.venueId,
        delivery.dedupeKey,
        delivery.rawBody,
        JSON.stringify(delivery.headers),
        delivery.kind,
        delivery.state,
        delivery.error ?? null,
      ],
    );
    return inserted.length > 0;
  }

  /**
   * Claims up to `limit` thin events that are due: locked with FOR UPDATE SKIP LOCKED so replicas
   * never take the same row, counted as one more attempt, and leased (`next_attempt_at` pushed
   * `leaseMs` ahead) so a process that dies mid-fetch leaves the row to be claimed again after it.
   */
  async claimDueFetches(limit: number, leaseMs: number): Promise<ClaimedFetch[]> {
    const rows = queryRows<{
      id: string;
      platform: string;
      venue_id: string;
      raw_body: Buffer;
      headers: Record<string, string | undefined> | null;
      received_at: Date;
      retried_at: Date | null;
      fetch_attempts: number;
    }>(
      await this.dataSource.query(
        `UPDATE deliveries d SET fetch_attempts = d.fetch_attempts + 1,
                next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
           FROM (SELECT id FROM deliveries
                  WHERE state = 'awaiting_fetch' AND next_attempt_at <= now()
                  ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) due
          WHERE d.id = due.id
          RETURNING d.id, d.platform, d.venue_id, d.raw_body, d.headers, d.received_at, d.retried_at, d.fetch_attempts`,
        [limit, leaseMs],
      ),
    );
    return rows.map((row) => ({
      id: row.id,
      platform: row.platform,
      venueId: row.venue_id,
      rawBody: row.raw_body,
      headers: row.headers ?? {},
      receivedAt: new Date(row.received_at),
      attempt: row.fetch_attempts,
      since: new Date(row.retried_at ?? row.received_at),
    }));
  }

  /** Marks a fetched delivery stored, in the caller's transaction; false when it is no longer awaiting (another replica finished it). */
  async completeFetch(manager: EntityManager, id: string): Promise<boolean> {
    const updated = queryRows(
      await manager.query(
        `UPDATE deliveries SET state = 'stored', error = NULL, next_attempt_at = NULL
          WHERE id = $1 AND state = 'awaiting_fetch' RETURNING id`,
        [id],
      ),
    );
    return updated.length > 0;
  }

  /** A failed attempt that may succeed later: due again after `delayMs`, with the error kept. */
  async retryFetchLater(id: string, delayMs: number, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000), error = $3
        WHERE id = $1 AND state = 'awaiting_fetch'`,
      [id, delayMs, error.slice(0, 2000)],
    );
  }

  /** A fetch that can no longer succeed on its own: kept, and surfaced as needing attention. */
  async fetchNeedsAttention(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET state = 'needs_attention', next_attempt_at = NULL, error = $2
        WHERE id = $1 AND state = 'awaiting_fetch'`,
      [id, error.slice(0, 2000)],
    );
  }

  /** Thin events by platform: still awaiting their fetch, and given up on (needing attention). */
  async fetchCounts(): Promise<Array<{ platform: string; state: string; count: number }>> {
    return queryRows<{ platform: string; state: string; count: number }>(
      await this.dataSource.query(
        `SELECT platform, state, count(*)::int AS count FROM deliveries
          WHERE state = 'awaiting_fetch' OR (state = 'needs_attention' AND fetch_attempts > 0)
          GROUP BY platform, state`,
      ),
    );
  }

  /** Deliveries needing attention by platform and kind (`unparsed`: cannot be normalised; `order`: a thin event's fetch gave up). */
  async attentionCounts(): Promise<Array<{ platform: string; kind: string; count: number }>> {
    return queryRows<{ platform: string; kind: string; count: number }>(
      await this.dataSource.query(
        `SELECT platform, kind, count(*)::int AS count FROM deliveries
          WHERE state = 'needs_attention' GROUP BY platform, kind`,
      ),
    );
  }

  /**
   * A venue's deliveries, newest first (ids are UUIDv7), optionally of one state and platform; one
   * more row than asked tells whether there is a next page. Open states are read through the partial
   * index of deliveries not stored; `stored` walks the primary key backwards.
   */
  async list(
    filter: DeliveryListFilter,
  ): Promise<{ deliveries: DeliverySummary[]; nextCursor: string | null }> {
    const where = ['d.venue_id = $1'];
    const params: unknown[] = [filter.venueId];
    if (filter.state) {
      params.push(filter.state);
      where.push(`d.state = $${params.length}`);
    }
    if (filter.platform) {
      params.push(filter.platform);
      where.push(`d.platform = $${params.length}`);
    }
    if (filter.cursor) {
      params.push(filter.cursor);
      where.push(`d.id < $${params.length}`);
    }
    params.push(filter.limit + 1);
    const rows = queryRows<SummaryRow>(
      await this.dataSource.query(
        `SELECT ${SUMMARY_COLUMNS} FROM deliveries d WHERE ${where.join(' AND ')}
          ORDER BY d.id DESC LIMIT $${params.length}`,
        params,
      ),
    );
    const page = rows.slice(0, filter.limit).map(summaryOf);
    return { deliveries: page, nextCursor: rows.length > filter.limit ? page[page.length - 1].id : null };
  }

  /** One delivery of the venue with its evidence, or null. */
  async findEvidence(venueId: string, id: string): Promise<DeliveryEvidence | null> {
    const rows = queryRows<
      SummaryRow & {
        raw_body: Buffer | null;
        body: unknown;
        body_sha256: string;
        headers: Record<string, string | undefined> | null;
      }
    >(
      await this.dataSource.query(
        `SELECT ${SUMMARY_COLUMNS}, d.raw_body, d.body, d.body_sha256, d.headers
           FROM deliveries d WHERE d.id = $1 AND d.venue_id = $2`,
        [id, venueId],
      ),
    );
    if (rows.length === 0) return null;
    const row = rows[0];
    return {
      ...summaryOf(row),
      rawBody: row.raw_body,
      body: row.body,
      bodySha256: row.body_sha256,
      headers: row.headers ?? {},
    };
  }

  /**
   * In a retry's transaction: the delivery locked (a concurrent retry waits, then sees what this one
   * did), with what a re-run needs; null when the venue has no such delivery.
   */
  async lockForRetry(
    manager: EntityManager,
    venueId: string,
    id: string,
  ): Promise<{
    state: DeliveryState;
    kind: DeliveryKind;
    rawBody: Buffer | null;
    headers: Record<string, string | undefined>;
  } | null> {
    const rows = queryRows<{
      state: DeliveryState;
      kind: DeliveryKind;
      raw_body: Buffer | null;
      headers: Record<string, string | undefined> | null;
    }>(
      await manager.query(
        `SELECT state, kind, raw_body, headers FROM deliveries WHERE id = $1 AND venue_id = $2 FOR UPDATE`,
        [id, venueId],
      ),
    );
    if (rows.length === 0) return null;
    return {
      state: rows[0].state,
      kind: rows[0].kind,
      rawBody: rows[0].raw_body,
      headers: rows[0].headers ?? {},
    };
  }

  /**
   * A retried delivery's new state, in the retry's transaction (the row is locked). The platform's
   * dedupe key replaces the `raw:` one when no other delivery holds it, so a later resend of the
   * same delivery is a duplicate; a re-queued fetch starts counting its attempts and age again.
   */
  async resolveRetry(manager: EntityManager, id: string, resolution: RetryResolution): Promise<void> {
    await manager.query(
      `UPDATE deliveries d SET state = $2, kind = $3, error = $4,
              dedupe_key = CASE WHEN $5::text IS NOT NULL AND NOT EXISTS (
                  SELECT 1 FROM deliveries o WHERE o.platform = d.platform AND o.venue_id = d.venue_id AND o.dedupe_key = $5)
                THEN $5 ELSE d.dedupe_key END,
              fetch_attempts = CASE WHEN $2 = 'awaiting_fetch' THEN 0 ELSE d.fetch_attempts END,
              next_attempt_at = CASE WHEN $2 = 'awaiting_fetch' THEN now() END,
              retries = d.retries + 1, retried_at = now()
        WHERE d.id = $1`,
      [
        id,
        resolution.state,
        resolution.kind,
        resolution.error?.slice(0, 2000) ?? null,
        resolution.dedupeKey ?? null,
      ],
    );
  }
}
