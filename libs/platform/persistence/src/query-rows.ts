/**
 * The rows of a `manager.query(...)` result. TypeORM returns plain rows for SELECT and INSERT, but
 * `[rows, affectedCount]` for UPDATE and DELETE, which makes `UPDATE ... RETURNING` easy to misread.
 */
export function queryRows<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
