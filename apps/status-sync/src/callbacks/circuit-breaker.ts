import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '@hub/persistence';
import { BREAKER_SETTINGS } from './constants/breaker-settings.constant';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerSettings {
  /** failures within `windowMs` that open a closed breaker */
  threshold: number;
  windowMs: number;
  /** how long an open breaker refuses calls before one probe */
  cooldownMs: number;
  /** how long a probe holds the half-open slot (a prober that dies frees it after this) */
  probeLeaseMs: number;
}

export type Admission = { allowed: true; probe: boolean } | { allowed: false; retryAt: Date };

interface BreakerRow {
  key: string;
  state: BreakerState;
  failures: number;
  window_started_at: Date | null;
  opened_at: Date | null;
  probe_owner: string | null;
  now: Date;
}

/**
 * One circuit breaker per integration (or webhook endpoint, or Jira), kept in Postgres
 * (`status_sync.breakers`) so every replica agrees: `threshold` failures within `windowMs` open it;
 * while open nothing is claimed for it (the claim query reads this table); after `cooldownMs` exactly
 * one call across all replicas is let through as the probe (a conditional UPDATE takes the half-open
 * slot, so of two replicas racing for it one wins and the other is refused); the probe's success
 * closes it, its failure opens it for another cool-down. A probe whose process dies frees the slot
 * after `probeLeaseMs`. A key without a row is closed: the common path costs one indexed read per
 * call and one UPDATE that matches nothing on success.
 */
@Injectable()
export class CircuitBreakers {
  /** told of every transition this process makes (metrics, logs) */
  onChange: (key: string, state: BreakerState) => void = () => undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(BREAKER_SETTINGS) private readonly settings: BreakerSettings,
  ) {}

  /** May a call to `key` go now? Open: no, until the cool-down ends; half-open: only as the one probe. */
  async tryAcquire(key: string, owner: string): Promise<Admission> {
    const [row] = queryRows<{ probe: number; state: BreakerState | null; retry_at: Date | null }>(
      await this.dataSource.query(
        `WITH probe AS (
           UPDATE breakers SET state = 'half_open', probe_owner = $2,
             probe_until = now() + ($4::bigint * interval '1 millisecond'), updated_at = now()
           WHERE key = $1
             AND ((state = 'open' AND opened_at <= now() - ($3::bigint * interval '1 millisecond'))
                  OR (state = 'half_open' AND probe_until <= now()))
           RETURNING key)
         SELECT (SELECT count(*) FROM probe)::int AS probe, b.state,
           CASE WHEN b.state = 'open' THEN b.opened_at + ($3::bigint * interval '1 millisecond') END AS retry_at
         FROM (SELECT 1) AS one LEFT JOIN breakers b ON b.key = $1`,
        [key, owner, this.settings.cooldownMs, this.settings.probeLeaseMs],
      ),
    );
    if (row.probe > 0) {
      this.onChange(key, 'half_open');
      return { allowed: true, probe: true };
    }
    if (row.state === null || row.state === 'closed') return { allowed: true, probe: false };
    const soon = Date.now() + Math.min(this.settings.cooldownMs, 1000);
    const retryAt = row.retry_at ? Math.max(new Date(row.retry_at).getTime(), soon) : soon;
    return { allowed: false, retryAt: new Date(retryAt) };
  }

  /** A call to `key` succeeded: the breaker closes and its failures are forgotten. */
  async success(key: string): Promise<void> {
    const rows = queryRows<{ was: BreakerState }>(
      await this.dataSource.query(
        `WITH old AS (SELECT key, state FROM breakers WHERE key = $1 FOR UPDATE)
         UPDATE breakers b SET state = 'closed', failures = 0, window_started_at = NULL, opened_at = NULL,
           probe_owner = NULL, probe_until = NULL, updated_at = now()
         FROM old WHERE b.key = old.key AND (old.state <> 'closed' OR b.failures > 0)
         RETURNING old.state AS was`,
        [key],
      ),
    );
    if (rows[0] && rows[0].was !== 'closed') this.onChange(key, 'closed');
  }

  /** A call to `key` failed: counted in the window; the threshold, or a failed probe, opens the breaker. */
  async failure(key: string, owner: string): Promise<void> {
    const opened = await this.dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO breakers (key) VALUES ($1) ON CONFLICT (key) DO NOTHING', [key]);
      const [row] = queryRows<BreakerRow>(
        await manager.query('SELECT *, now() AS now FROM breakers WHERE key = $1 FOR UPDATE', [key]),
      );
      const next = nextOnFailure(row, owner, this.settings);
      await manager.query(
        `UPDATE breakers SET state = $2, failures = $3, window_started_at = $4, opened_at = $5,
           probe_owner = CASE WHEN $2 = 'half_open' THEN probe_owner END,
           probe_until = CASE WHEN $2 = 'half_open' THEN probe_until END, updated_at = now()
         WHERE key = $1`,
        [key, next.state, next.failures, next.windowStartedAt, next.openedAt],
      );
      return next.opened;
    });
    if (opened) this.onChange(key, 'open');
  }

  /** A probe that never ran (rate limited, lease lost) gives the half-open slot back. */
  async release(key: string, owner: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE breakers SET state = 'open', probe_owner = NULL, probe_until = NULL, updated_at = now()
       WHERE key = $1 AND state = 'half_open' AND probe_owner = $2`,
      [key, owner],
    );
  }

  /** Breaker keys that are not closed, with their state (for the metrics). */
  async notClosed(): Promise<Array<{ key: string; state: BreakerState }>> {
    return this.dataSource.query("SELECT key, state FROM breakers WHERE state <> 'closed'");
  }
}

/** The pure transition on a failure (exported for its unit test). */
export function nextOnFailure(
  row: Pick<BreakerRow, 'state' | 'failures' | 'window_started_at' | 'opened_at' | 'probe_owner' | 'now'>,
  owner: string,
  settings: Pick<BreakerSettings, 'threshold' | 'windowMs'>,
): {
  state: BreakerState;
  failures: number;
  windowStartedAt: Date | null;
  openedAt: Date | null;
  opened: boolean;
} {
  const now = new Date(row.now);
  if (row.state === 'half_open') {
    // the probe failed: open for another cool-down; a straggler's failure leaves the probe be
    if (row.probe_owner === owner) {
      return {
        state: 'open',
        failures: row.failures + 1,
        windowStartedAt: null,
        openedAt: now,
        opened: true,
      };
    }
    return {
      state: 'half_open',
      failures: row.failures + 1,
      windowStartedAt: row.window_started_at,
      openedAt: row.opened_at,
      opened: false,
    };
  }
  if (row.state === 'open') {
    return {
      state: 'open',
      failures: row.failures + 1,
      windowStartedAt: row.window_started_at,
      openedAt: row.opened_at,
      opened: false,
    };
  }
  const inWindow =
    row.window_started_at !== null &&
    now.getTime() - new Date(row.window_started_at).getTime() < settings.windowMs;
  const failures = inWindow ? row.failures + 1 : 1;
  const windowStartedAt = inWindow ? row.window_started_at : now;
  if (failures >= settings.threshold) {
    return { state: 'open', failures, windowStartedAt, openedAt: now, opened: true };
  }
  return { state: 'closed', failures, windowStartedAt, openedAt: null, opened: false };
}
