import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from './query-rows';

/** statement text → its name; the text is the hot path's own constant, so the map stays small */
const names = new Map<string, string>();
/** per connection, how often its statements were found stale (the name's suffix) */
const generations = new WeakMap<PoolClient, number>();

const CACHED_PLAN_CHANGED = '0A000'; // "cached plan must not change result type"

function nameOf(text: string, generation: number): string {
  let name = names.get(text);
  if (!name) {
    name = `hub_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return generation === 0 ? name : `${name}_${generation}`;
}

/**
 * Runs a hot statement as a named prepared statement: Postgres parses it once per connection and,
 * after a few executions, plans it once too, instead of parsing and planning it on every call (for
 * the hot path's statements, parse and plan cost more than running them; docs/performance.md). With
 * an EntityManager it runs on the transaction's connection; with a DataSource, on any pooled one
 * (autocommit). Use it for constant statement texts only: each distinct text is prepared on every
 * pooled connection. Errors are pg's own (`code`, `constraint`), not wrapped in QueryFailedError.
 *
 * A statement whose result columns change under it (a migration altered a table it reads with `*`)
 * fails once with "cached plan must not change result type"; its connection then prepares it again
 * under a new name, so the retry the caller's transaction gets succeeds.
 */
export async function preparedRows<T>(
  source: EntityManager | DataSource,
  text: string,
  values: unknown[],
): Promise<T[]> {
  if (source instanceof DataSource) {
    const pool = (source.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    try {
      return await run<T>(client, text, values);
    } finally {
      client.release();
    }
  }
  const runner = source.queryRunner;
  if (!runner || runner.isReleased) return queryRows<T>(await source.query(text, values));
  return run<T>((await runner.connect()) as PoolClient, text, values);
}

async function run<T>(client: PoolClient, text: string, values: unknown[]): Promise<T[]> {
  const generation = generations.get(client) ?? 0;
  try {
    const result = await client.query({ name: nameOf(text, generation), text, values });
    return result.rows as T[];
  } catch (error) {
    if ((error as { code?: string }).code === CACHED_PLAN_CHANGED) generations.set(client, generation + 1);
    throw error;
  }
}
