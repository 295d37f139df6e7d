/** Quotes a string literal for DuckDB SQL. @example sqlString("O'Brien") // 'O''Brien' */
export const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** A literal for a value that may be null. @example sqlValue(null) // NULL */
export function sqlValue(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NULL';
  return sqlString(v);
}

/** Converts DuckDB's JS values (bigint counts, date objects) to plain JSON-friendly ones. */
export function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v !== null && typeof v === 'object' && v.constructor.name.startsWith('DuckDB')) {
    return String(v);
  }
  return v;
}

/**
 * Runs a query and returns its rows as plain objects (bigints as numbers, dates and
 * timestamps as ISO-like strings).
 * @example await rowsOf(store.db, 'SELECT wave FROM waves')
 */
export function rowsOf(
  db: { all(sql: string): Promise<Record<string, unknown>[]> },
  sql: string,
): Promise<Record<string, unknown>[]> {
  return db.all(sql);
}
