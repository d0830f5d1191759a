import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '@hub/persistence';

/** A polled integration whose poll this process now holds (leased until `leaseUntil`). */
export interface LeasedPoll {
  integrationId: string;
  platform: string;
  storeRef: string;
  venueId: string;
  cursor: string | null;
  /** null: polled only by hand (manual sync) */
  pollIntervalSeconds: number | null;
  consecutiveFailures: number;
}

/** What the integration's GET shows of its polling. */
export interface PollState {
  integrationId: string;
  cursor: string | null;
  nextPollAt: Date;
  lastPolledAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  consecutiveFailures: number;
}

interface LeasedRow {
  integration_id: string;
  platform: string;
  store_ref: string;
  venue_id: string;
  cursor: string | null;
  poll_interval_seconds: number | null;
  consecutive_failures: number;
}

function leased(row: LeasedRow): LeasedPoll {
  return {
    integrationId: row.integration_id,
    platform: row.platform,
    storeRef: row.store_ref,
    venueId: row.venue_id,
    cursor: row.cursor,
    pollIntervalSeconds: row.poll_interval_seconds,
    consecutiveFailures: row.consecutive_failures,
  };
}

const LEASED_COLUMNS = `c.integration_id, i.platform, i.store_ref, i.venue_id, c.cursor, i.poll_interval_seconds, c.consecutive_failures`;

/**
 * `intake.poll_cursors`: one row per polled integration. Replicas share the work through leases:
 * a due row is taken with FOR UPDATE SKIP LOCKED and leased to one process, which then stores each
 * page and moves the cursor only while it still holds the lease (checked under a row lock in the
 * page's own transaction). A process that dies leaves its lease to expire; nothing it committed is
 * lost, nothing it had not committed was acknowledged.
 */
@Injectable()
export class PollingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Gives every integration that polls on a schedule a cursor row (due now), once. */
  async ensureCursors(platforms: readonly string[], now: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO poll_cursors (integration_id, next_poll_at)
       SELECT id, $2 FROM integrations WHERE poll_interval_seconds IS NOT NULL AND platform = ANY($1::text[])
       ON CONFLICT DO NOTHING`,
      [platforms, now],
    );
  }

  /** Leases up to `limit` due polls to `owner`; rows another process holds are skipped, never waited on. */
  async leaseDue(
    owner: string,
    platforms: readonly string[],
    now: Date,
    leaseUntil: Date,
    limit: number,
  ): Promise<LeasedPoll[]> {
    const rows = queryRows<LeasedRow>(
      await this.dataSource.query(
        `WITH due AS (
           SELECT c.integration_id FROM poll_cursors c JOIN integrations i ON i.id = c.integration_id
            WHERE c.next_poll_at <= $3 AND (c.lease_until IS NULL OR c.lease_until < $3)
              AND i.poll_interval_seconds IS NOT NULL AND i.platform = ANY($2::text[])
            ORDER BY c.next_poll_at LIMIT $5
            FOR UPDATE OF c SKIP LOCKED)
         UPDATE poll_cursors c SET lease_owner = $1, lease_until = $4, updated_at = $3
           FROM due, integrations i
          WHERE c.integration_id = due.integration_id AND i.id = c.integration_id
          RETURNING ${LEASED_COLUMNS}`,
        [owner, platforms, now, leaseUntil, limit],
      ),
    );
    return rows.map(leased);
  }

  /**
   * Leases one integration's poll now, due or not (manual sync); creates its cursor row when it has
   * none. Null when another process holds the lease.
   */
  async leaseNow(
    integrationId: string,
    owner: string,
    now: Date,
    leaseUntil: Date,
  ): Promise<LeasedPoll | null> {
    await this.dataSource.query(
      `INSERT INTO poll_cursors (integration_id, next_poll_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [integrationId, now],
    );
    const rows = queryRows<LeasedRow>(
      await this.dataSource.query(
        `UPDATE poll_cursors c SET lease_owner = $2, lease_until = $4, updated_at = $3
           FROM integrations i
          WHERE c.integration_id = $1 AND i.id = c.integration_id
            AND (c.lease_until IS NULL OR c.lease_until < $3 OR c.lease_owner = $2)
          RETURNING ${LEASED_COLUMNS}`,
        [integrationId, owner, now, leaseUntil],
      ),
    );
    return rows.length > 0 ? leased(rows[0]) : null;
  }

  /**
   * In a page's transaction: locks the cursor row and says whether `owner` still holds the lease;
   * the page is stored and the cursor moved only when it does.
   */
  async holdsLease(manager: EntityManager, integrationId: string, owner: string): Promise<boolean> {
    const rows = queryRows<{ lease_owner: string | null }>(
      await manager.query(`SELECT lease_owner FROM poll_cursors WHERE integration_id = $1 FOR UPDATE`, [
        integrationId,
      ]),
    );
    return rows[0]?.lease_owner === owner;
  }

  /** Moves the cursor, in the page's transaction. */
  async advance(manager: EntityManager, integrationId: string, cursor: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE poll_cursors SET cursor = $2, last_polled_at = $3, updated_at = $3 WHERE integration_id = $1`,
      [integrationId, cursor, now],
    );
  }

  /** A poll that finished: due again at `nextPollAt`, the lease given back. */
  async succeeded(integrationId: string, owner: string, now: Date, nextPollAt: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE poll_cursors SET next_poll_at = $4, last_success_at = $3, last_polled_at = $3,
              consecutive_failures = 0, lease_owner = NULL, lease_until = NULL, updated_at = $3
        WHERE integration_id = $1 AND lease_owner = $2`,
      [integrationId, owner, now, nextPollAt],
    );
  }

  /** A poll that failed: the error kept (secret-free), retried at `nextPollAt`, the lease given back. */
  async failed(
    integrationId: string,
    owner: string,
    now: Date,
    nextPollAt: Date,
    error: string,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE poll_cursors SET next_poll_at = $4, last_error = $5, last_error_at = $3, last_polled_at = $3,
              consecutive_failures = consecutive_failures + 1, lease_owner = NULL, lease_until = NULL, updated_at = $3
        WHERE integration_id = $1 AND lease_owner = $2`,
      [integrationId, owner, now, nextPollAt, error.slice(0, 2000)],
    );
  }

  /** The venue's integration with a platform: its id and store reference, or null. */
  async integrationOf(venueId: string, platform: string): Promise<{ id: string; storeRef: string } | null> {
    const rows = queryRows<{ id: string; store_ref: string }>(
      await this.dataSource.query(
        'SELECT id, store_ref FROM integrations WHERE venue_id = $1 AND platform = $2',
        [venueId, platform],
      ),
    );
    return rows.length > 0 ? { id: rows[0].id, storeRef: rows[0].store_ref } : null;
  }

  /** The polling state of the given integrations (those polled at least once, or scheduled). */
  async states(integrationIds: readonly string[]): Promise<Map<string, PollState>> {
    if (integrationIds.length === 0) return new Map();
    const rows = queryRows<{
      integration_id: string;
      cursor: string | null;
      next_poll_at: Date;
      last_polled_at: Date | null;
      last_success_at: Date | null;
      last_error: string | null;
      last_error_at: Date | null;
      consecutive_failures: number;
    }>(
      await this.dataSource.query(`SELECT * FROM poll_cursors WHERE integration_id = ANY($1::uuid[])`, [
        integrationIds,
      ]),
    );
    return new Map(
      rows.map((row) => [
        row.integration_id,
        {
          integrationId: row.integration_id,
          cursor: row.cursor,
          nextPollAt: row.next_poll_at,
          lastPolledAt: row.last_polled_at,
          lastSuccessAt: row.last_success_at,
          lastError: row.last_error,
          lastErrorAt: row.last_error_at,
          consecutiveFailures: row.consecutive_failures,
        },
      ]),
    );
  }
}
