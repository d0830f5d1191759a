import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { queryRows, preparedRows } from '@hub/persistence';
import type { AttemptRow, CallbackRow, CallbackState, NewCallback } from './callback.type';

export interface CallbackFilter {
  states?: CallbackState[];
  /** only these venues (a manager's); undefined: every venue */
  venueIds?: string[];
  orderId?: string;
  kind?: string;
  target?: string;
  limit: number;
}

/** Everything status-sync does to its callback tables, in SQL. Controllers and handlers never touch the DataSource. */
@Injectable()
export class CallbacksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts a callback unless one with its dedupe key exists (an event applied twice, a second dead letter ...). */
  async insert(manager: EntityManager, callback: NewCallback): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO callbacks (id, kind, venue_id, target, integration_id, breaker_key, subject_key, seq, order_id, external_id,
         status, item_code, correlation_id, dedupe_key, payload, state, idempotency_key, last_reason, not_before, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, COALESCE($19, now()))
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        uuidv7(),
        callback.kind,
        callback.venueId,
        callback.target,
        callback.integrationId ?? null,
        callback.breakerKey,
        callback.subjectKey,
        callback.seq,
        callback.orderId ?? null,
        callback.externalId ?? null,
        callback.status ?? null,
        callback.itemCode ?? null,
        callback.correlationId,
        callback.dedupeKey,
        JSON.stringify(callback.payload),
        callback.state,
        uuidv7(),
        callback.reason ?? null,
        callback.notBefore ?? null,
      ],
    );
    return inserted.length > 0;
  }

  /**
   * Marks undelivered callbacks of one kind, for the same subject and target, superseded: all of
   * them, or those ordered before `seq` (a new ready time replaces an older one; a status that makes
   * a ready time meaningless replaces those made before it). One in flight is left alone.
   */
  async supersedeKind(
    manager: EntityManager,
    subjectKey: string,
    target: string,
    kind: string,
    seq: number | undefined,
    by: string,
  ): Promise<number> {
    const rows = queryRows<{ id: string }>(
      await manager.query(
        `UPDATE callbacks SET state = 'superseded', last_reason = $5, updated_at = now()
         WHERE subject_key = $1 AND target = $2 AND kind = $3 AND ($4::bigint IS NULL OR seq < $4::bigint)
           AND state IN ('pending', 'failed', 'dead')
         RETURNING id`,
        [subjectKey, target, kind, seq ?? null, `superseded by ${by}`],
      ),
    );
    return rows.length;
  }

  /**
   * Marks undelivered earlier callbacks of the same subject and target superseded: those of the
   * given statuses (orders), or all of them (`statuses` undefined: availability, latest wins). One in
   * flight (`sending`) is left alone: it may already have reached the platform.
   */
  async supersede(
    manager: EntityManager,
    subjectKey: string,
    target: string,
    seq: number,
    statuses: string[] | undefined,
    by: string,
  ): Promise<number> {
    const rows = queryRows<{ id: string }>(
      await manager.query(
        `UPDATE callbacks SET state = 'superseded', last_reason = $5, updated_at = now()
         WHERE subject_key = $1 AND target = $2 AND seq < $3 AND state IN ('pending', 'failed', 'dead')
           AND ($4::text[] IS NULL OR status = ANY($4::text[]))
         RETURNING id`,
        [subjectKey, target, seq, statuses ?? null, `superseded by ${by}`],
      ),
    );
    return rows.length;
  }

  /**
   * Leases up to `limit` due callbacks to `owner`: pending or failed ones whose time has come, and
   * sending ones whose lease expired (their worker died mid-call). Only the earliest undelivered
   * callback of each subject and target is due, so one order's statuses go out in order; a dead
   * one blocks those after it until it is retried or superseded. Targets whose breaker (shared, in
   * `breakers`) is open within its cool-down, or half-open with its one probe out, are skipped. SKIP
   * LOCKED lets replicas claim side by side without waiting on each other.
   */
  async claim(
    owner: string,
    limit: number,
    leaseMs: number,
    breakerCooldownMs: number,
  ): Promise<CallbackRow[]> {
    return preparedRows<CallbackRow>(
      this.dataSource,
      `WITH due AS (
           SELECT c.id FROM callbacks c
           WHERE ((c.state IN ('pending', 'failed') AND c.next_attempt_at <= now())
                  OR (c.state = 'sending' AND c.lease_until < now()))
             AND NOT EXISTS (
               SELECT 1 FROM breakers b
               WHERE b.key = c.breaker_key
                 AND ((b.state = 'open' AND b.opened_at > now() - ($1::bigint * interval '1 millisecond'))
                      OR (b.state = 'half_open' AND b.probe_until > now())))
             AND NOT EXISTS (
               SELECT 1 FROM callbacks e
               WHERE e.subject_key = c.subject_key AND e.target = c.target AND e.seq < c.seq
                 AND e.state IN ('pending', 'failed', 'sending', 'dead'))
           ORDER BY c.next_attempt_at, c.seq
           LIMIT $2
           FOR UPDATE OF c SKIP LOCKED)
         UPDATE callbacks c SET state = 'sending', lease_owner = $3,
           lease_until = now() + ($4::int * interval '1 millisecond'), updated_at = now()
         FROM due WHERE c.id = due.id
         RETURNING c.*`,
      [breakerCooldownMs, limit, owner, leaseMs],
    );
  }

  /** Gives a leased callback back without an attempt (breaker open, rate limit): due again at `at`. */
  async release(id: string, owner: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE callbacks SET state = CASE WHEN attempts > 0 THEN 'failed' ELSE 'pending' END, lease_owner = NULL,
         lease_until = NULL, next_attempt_at = $3, updated_at = now()
       WHERE id = $1 AND lease_owner = $2 AND state = 'sending'`,
      [id, owner, at],
    );
  }

  /**
   * Counts an attempt and records its start; an earlier attempt that never finished (its worker
   * died) is closed as interrupted. Null when the lease was lost meanwhile. One statement: the
   * attempt rows change only when the lease check let the count through, and the interrupted-attempt
   * update does not see the attempt inserted beside it (every part of a statement reads the same
   * snapshot).
   */
  async startAttempt(id: string, owner: string, action: string): Promise<number | null> {
    const rows = queryRows<{ attempts: number }>(
      await this.dataSource.query(
        `WITH counted AS (
           UPDATE callbacks SET attempts = attempts + 1, updated_at = now()
           WHERE id = $1 AND lease_owner = $2 AND state = 'sending' RETURNING attempts),
         interrupted AS (
           UPDATE callback_attempts SET finished_at = now(), outcome = 'interrupted',
             reason = 'the worker stopped mid-call (lease expired): outcome unknown, retried'
           WHERE callback_id = $1 AND finished_at IS NULL AND EXISTS (SELECT 1 FROM counted)),
         started AS (
           INSERT INTO callback_attempts (callback_id, attempt, action) SELECT $1, attempts, $3 FROM counted)
         SELECT attempts FROM counted`,
        [id, owner, action],
      ),
    );
    return rows.length === 0 ? null : rows[0].attempts;
  }

  private async finishAttempt(
    manager: EntityManager | DataSource,
    id: string,
    attempt: number,
    outcome: string,
    httpStatus: number | undefined,
    reason: string,
    action: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE callback_attempts SET finished_at = now(), outcome = $3, http_status = $4, reason = $5, action = $6
       WHERE callback_id = $1 AND attempt = $2`,
      [id, attempt, outcome, httpStatus ?? null, reason.slice(0, 300), action.slice(0, 200)],
    );
  }

  /**
   * Marks the callback sent and finishes its attempt, in one statement (the attempt only when the
   * lease check let the callback through). False when the lease was lost meanwhile.
   */
  async markSent(
    id: string,
    owner: string,
    attempt: number,
    httpStatus: number | undefined,
    reason: string,
    action: string,
    resultRef?: string,
    /** the caller's transaction (to emit with it); autocommit otherwise */
    inTransaction?: EntityManager,
  ): Promise<boolean> {
    const rows = queryRows<{ id: string }>(
      await (inTransaction ?? this.dataSource).query(
        `WITH marked AS (
           UPDATE callbacks SET state = 'sent', sent_at = now(), lease_owner = NULL, lease_until = NULL, last_http_status = $3,
             last_reason = $4, result_ref = COALESCE($5, result_ref), updated_at = now()
           WHERE id = $1 AND lease_owner = $2 AND state = 'sending' RETURNING id),
         finished AS (
           UPDATE callback_attempts SET finished_at = now(), outcome = 'sent', http_status = $3, reason = $4, action = $7
           WHERE callback_id = $1 AND attempt = $6 AND EXISTS (SELECT 1 FROM marked))
         SELECT id FROM marked`,
        [
          id,
          owner,
          httpStatus ?? null,
          reason.slice(0, 300),
          resultRef ?? null,
          attempt,
          action.slice(0, 200),
        ],
      ),
    );
    return rows.length > 0;
  }

  /** A failed attempt, due again at `nextAt`: callback and attempt in one statement, as markSent. */
  async markFailed(
    id: string,
    owner: string,
    attempt: number,
    httpStatus: number | undefined,
    reason: string,
    action: string,
    nextAt: Date,
  ): Promise<boolean> {
    const rows = queryRows<{ id: string }>(
      await this.dataSource.query(
        `WITH marked AS (
           UPDATE callbacks SET state = 'failed', lease_owner = NULL, lease_until = NULL, last_http_status = $3,
             last_reason = $4, next_attempt_at = $5, updated_at = now()
           WHERE id = $1 AND lease_owner = $2 AND state = 'sending' RETURNING id),
         finished AS (
           UPDATE callback_attempts SET finished_at = now(), outcome = 'failed', http_status = $3, reason = $4, action = $7
           WHERE callback_id = $1 AND attempt = $6 AND EXISTS (SELECT 1 FROM marked))
         SELECT id FROM marked`,
        [id, owner, httpStatus ?? null, reason.slice(0, 300), nextAt, attempt, action.slice(0, 200)],
      ),
    );
    return rows.length > 0;
  }

  /** Dead letter, in the caller's transaction (it emits the event and opens the Jira job with it). */
  async markDead(
    manager: EntityManager,
    id: string,
    owner: string,
    attempt: number | undefined,
    httpStatus: number | undefined,
    reason: string,
    action: string,
  ): Promise<CallbackRow | undefined> {
    const rows = queryRows<CallbackRow>(
      await manager.query(
        `UPDATE callbacks SET state = 'dead', dead_at = now(), lease_owner = NULL, lease_until = NULL,
           last_http_status = COALESCE($3, last_http_status), last_reason = $4, updated_at = now()
         WHERE id = $1 AND lease_owner = $2 AND state = 'sending' RETURNING *`,
        [id, owner, httpStatus ?? null, reason.slice(0, 300)],
      ),
    );
    if (rows.length > 0 && attempt !== undefined) {
      await this.finishAttempt(manager, id, attempt, 'dead', httpStatus, reason, action);
    }
    return rows[0];
  }

  /** Undelivered callbacks older than `maxAgeMs` (since created, due when scheduled, or last retried) go dead, in the caller's transaction. */
  async deadByAge(manager: EntityManager, maxAgeMs: number, limit = 100): Promise<CallbackRow[]> {
    return queryRows<CallbackRow>(
      await manager.query(
        `UPDATE callbacks SET state = 'dead', dead_at = now(), updated_at = now(),
           last_reason = 'not delivered within ' || ($1::bigint / 1000) || ' s'
         WHERE id IN (
           SELECT id FROM callbacks WHERE state IN ('pending', 'failed')
             AND COALESCE(retried_at, GREATEST(created_at, COALESCE(not_before, created_at)))
               < now() - ($1::bigint * interval '1 millisecond')
           LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [maxAgeMs, limit],
      ),
    );
  }

  /** The last (at most 10) finished attempts, oldest first, for the callback-failed event. */
  async lastAttempts(
    manager: EntityManager,
    id: string,
  ): Promise<Array<{ attempt: number; at: string; httpStatus?: number; reason: string }>> {
    const rows: AttemptRow[] = await manager.query(
      `SELECT * FROM (SELECT * FROM callback_attempts WHERE callback_id = $1 AND finished_at IS NOT NULL
         ORDER BY attempt DESC LIMIT 10) last ORDER BY attempt`,
      [id],
    );
    return rows.map((row) => ({
      attempt: row.attempt,
      at: new Date(row.started_at).toISOString(),
      ...(row.http_status ? { httpStatus: row.http_status } : {}),
      reason: (row.reason ?? row.outcome ?? '').slice(0, 300),
    }));
  }

  async markUnsupported(id: string, owner: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE callbacks SET state = 'unsupported', lease_owner = NULL, lease_until = NULL, last_reason = $3, updated_at = now()
       WHERE id = $1 AND lease_owner = $2 AND state = 'sending'`,
      [id, owner, reason.slice(0, 300)],
    );
  }

  async get(id: string): Promise<CallbackRow | undefined> {
    const rows: CallbackRow[] = await this.dataSource.query('SELECT * FROM callbacks WHERE id = $1', [id]);
    return rows[0];
  }

  /** A manual retry: due now, with a fresh attempt budget and age; its attempt history is kept. */
  async retry(id: string): Promise<CallbackRow | undefined> {
    const rows = queryRows<CallbackRow>(
      await this.dataSource.query(
        `UPDATE callbacks SET state = CASE WHEN attempts > 0 THEN 'failed' ELSE 'pending' END, next_attempt_at = now(),
           attempts_before_retry = attempts, retried_at = now(), dead_at = NULL, updated_at = now()
         WHERE id = $1 AND state IN ('dead', 'failed', 'pending') RETURNING *`,
        [id],
      ),
    );
    return rows[0];
  }

  async list(filter: CallbackFilter): Promise<CallbackRow[]> {
    return this.dataSource.query(
      `SELECT * FROM callbacks
       WHERE ($1::text[] IS NULL OR state = ANY($1::text[]))
         AND ($2::text[] IS NULL OR venue_id = ANY($2::text[]))
         AND ($3::uuid IS NULL OR order_id = $3::uuid)
         AND ($4::text IS NULL OR kind = $4)
         AND ($5::text IS NULL OR target = $5)
       ORDER BY created_at DESC, id DESC LIMIT $6`,
      [
        filter.states ?? null,
        filter.venueIds ?? null,
        filter.orderId ?? null,
        filter.kind ?? null,
        filter.target ?? null,
        filter.limit,
      ],
    );
  }

  async attemptsOf(ids: string[]): Promise<AttemptRow[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(
      `SELECT callback_id, attempt, started_at, finished_at, http_status, outcome, reason, action
       FROM callback_attempts WHERE callback_id = ANY($1::uuid[]) ORDER BY callback_id, attempt`,
      [ids],
    );
  }

  /** For the metrics: callbacks per kind, target and state. */
  async countsByState(): Promise<Array<{ kind: string; target: string; state: string; count: string }>> {
    return this.dataSource.query(
      'SELECT kind, target, state, count(*)::text AS count FROM callbacks GROUP BY kind, target, state',
    );
  }
}
