import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '@hub/persistence';
import { RATE_LIMIT_SETTINGS } from './constants/rate-limit-settings.constant';

export interface RateLimitSettings {
  /** tokens added a second, per key (`PLATFORM_RATE_PER_SECOND`) */
  perSecond: number;
  /** the most a bucket holds: how many calls may go at once after a quiet spell */
  burst: number;
}

export type TokenTake = { taken: true } | { taken: false; retryAt: Date };

/**
 * The rate limit per platform (a callback's target: the platform, `webhook`, `jira`), shared by
 * every replica: a token bucket per key in Postgres (`status_sync.rate_buckets`), `perSecond` tokens
 * a second up to `burst`. Together, all replicas make at most `burst + perSecond × t` calls to a
 * platform in any span of t seconds, however many there are.
 *
 * A token bucket rather than a fixed-window counter: it is what each process enforced before (same
 * settings, same meaning, only shared now), and a fixed window lets twice the limit through around
 * a window boundary (a full window's worth at its end, another at the next one's start), which is
 * exactly the burst a platform's limiter punishes. The bucket costs one row per key and one
 * statement per take, the same as a counter would.
 *
 * One statement per take: the UPDATE refills the row by the time since `updated_at` and takes a
 * token only WHERE the refilled bucket holds one; the row lock serialises replicas racing for the
 * same key, and the loser re-evaluates against the winner's row, so two replicas never take the same
 * token. Time is Postgres's `clock_timestamp()` (one clock for every replica, read after the row lock
 * is held, unlike `now()`, which is when the statement started and could count a lock wait as
 * refill). The refill is never negative and `updated_at` never moves back (a clock stepped back),
 * so odd timing can only make the limit stricter, never looser. When no token is there the
 * row is left alone and the answer says when the next one will be (the caller defers its callback
 * to then; nothing is reserved, so it may find the token taken again and wait once more).
 */
@Injectable()
export class PlatformRateLimiter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RATE_LIMIT_SETTINGS) private readonly settings: RateLimitSettings,
  ) {}

  /** Takes a token for `key`, or says when one will be there. */
  async take(key: string): Promise<TokenTake> {
    const { perSecond, burst } = this.settings;
    const refilled = `least($2::float8, b.tokens + $3::float8 * greatest(0, extract(epoch FROM clock_timestamp() - b.updated_at)::float8))`;
    const [row] = queryRows<{ taken: number; tokens: number | null; at: Date }>(
      await this.dataSource.query(
        `WITH took AS (
           INSERT INTO rate_buckets AS b (key, tokens, updated_at) VALUES ($1, $2::float8 - 1, clock_timestamp())
           ON CONFLICT (key) DO UPDATE SET tokens = ${refilled} - 1, updated_at = greatest(b.updated_at, clock_timestamp())
           WHERE ${refilled} >= 1
           RETURNING b.key)
         SELECT (SELECT count(*) FROM took)::int AS taken, ${refilled} AS tokens, clock_timestamp() AS at
         FROM (SELECT 1) AS one LEFT JOIN rate_buckets b ON b.key = $1`,
        [key, burst, perSecond],
      ),
    );
    if (row.taken > 0) return { taken: true };
    // on Postgres's clock, which the claim compares `next_attempt_at` with
    return {
      taken: false,
      retryAt: new Date(new Date(row.at).getTime() + msUntilToken(row.tokens, perSecond)),
    };
  }
}

/**
 * How long until a bucket that holds `tokens` (as last read) has a whole one, at `perSecond`. A
 * read that still shows a token (another replica took it after our snapshot) waits one token's time.
 */
export function msUntilToken(tokens: number | null, perSecond: number): number {
  const held = tokens === null ? 0 : Number(tokens);
  const missing = held >= 1 ? 1 : 1 - held;
  return Math.max(1, Math.ceil((missing * 1000) / perSecond));
}
