import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export interface UpsertedRow {
  id: string;
  outcome: UpsertOutcome;
}

/**
 * Inserts a row by its natural key, or updates it only when a value differs, and says which. The id
 * of an existing row never changes, so ids stay stable across imports. Table, constraint and column
 * names come from code, never from input.
 */
export async function upsertRow(
  manager: EntityManager,
  table: string,
  constraint: string,
  key: Record<string, unknown>,
  values: Record<string, unknown>,
  options: { touchUpdatedAt?: boolean } = {},
): Promise<UpsertedRow> {
  const keyColumns = Object.keys(key);
  const valueColumns = Object.keys(values);
  const columns = ['id', ...keyColumns, ...valueColumns];
  const params = [uuidv7(), ...keyColumns.map((c) => key[c]), ...valueColumns.map((c) => values[c])];
  const placeholders = columns.map((_, i) => `$${i + 1}`).join(', ');
  const sets = valueColumns.map((c) => `${c} = EXCLUDED.${c}`);
  if (options.touchUpdatedAt !== false) sets.push('updated_at = now()');
  const distinct =
    valueColumns.length > 0
      ? `WHERE (${valueColumns.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${valueColumns
          .map((c) => `EXCLUDED.${c}`)
          .join(', ')})`
      : 'WHERE false';
  const keyMatch = keyColumns.map((c, i) => `${c} = $${i + 2}`).join(' AND ');
  const rows: Array<{ id: string; inserted: boolean; touched: boolean }> = await manager.query(
    `WITH up AS (
       INSERT INTO ${table} AS t (${columns.join(', ')}) VALUES (${placeholders})
       ON CONFLICT ON CONSTRAINT ${constraint} DO UPDATE SET ${sets.length > 0 ? sets.join(', ') : `${keyColumns[0]} = EXCLUDED.${keyColumns[0]}`}
       ${distinct}
       RETURNING id, (xmax = 0) AS inserted
     )
     SELECT id, inserted, true AS touched FROM up
     UNION ALL
     SELECT id, false, false FROM ${table} WHERE ${keyMatch} AND NOT EXISTS (SELECT 1 FROM up)`,
    params,
  );
  const row = rows[0];
  return { id: row.id, outcome: row.inserted ? 'created' : row.touched ? 'updated' : 'unchanged' };
}
