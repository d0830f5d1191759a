import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '@hub/persistence';
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
}

/** Delivery states: `awaiting_fetch` (a thin event whose order is not fetched yet), `stored`, `needs_attention`. */
export type DeliveryState = 'stored' | 'needs_attention' | 'awaiting_fetch';

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
    const inserted: unknown[] = await manager.query(
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
      fetch_attempts: number;
    }>(
      await this.dataSource.query(
        `UPDATE deliveries d SET fetch_attempts = d.fetch_attempts + 1,
                next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
           FROM (SELECT id FROM deliveries
                  WHERE state = 'awaiting_fetch' AND next_attempt_at <= now()
                  ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) due
          WHERE d.id = due.id
          RETURNING d.id, d.platform, d.venue_id, d.raw_body, d.headers, d.received_at, d.fetch_attempts`,
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
}
