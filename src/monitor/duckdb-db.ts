import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { growingColumns, type Db, type NumericColumns, type Row, type TypedColumn } from './db.js';
import { plain } from './sql.js';

/** A `Db` on one DuckDB connection, with the connection itself for DuckDB-only work (staging). */
export interface DuckDb extends Db {
  readonly dialect: 'duckdb';
  readonly connection: DuckDBConnection;
}

/**
 * Wraps a DuckDB connection as a `Db`. Transactions take the one connection (callers that
 * share it, such as the server, serialise writes themselves); `close` closes the connection,
 * and `onClose` then runs (to close the database instance).
 * @example const db = duckDb(await instance.connect()); await db.all('SELECT 1 AS x') // [{ x: 1 }]
 */
export function duckDb(connection: DuckDBConnection, onClose: () => void = () => {}): DuckDb {
  const base = {
    dialect: 'duckdb' as const,
    connection,
    async run(sql: string, params?: readonly unknown[]) {
      return (await connection.run(sql, params as DuckDBValue[] | undefined)).rowsChanged;
    },
    async all(sql: string, params?: readonly unknown[]): Promise<Row[]> {
      const rows = (
        await connection.runAndReadAll(sql, params as DuckDBValue[] | undefined)
      ).getRowObjects();
      return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
    },
    insertColumns: (table: string, columns: readonly TypedColumn[]) =>
      appendColumns(connection, table, columns),
    numericColumns: (sql: string, numbers: number) => streamColumns(connection, sql, numbers),
  };
  const inside: DuckDb = Object.freeze({
    ...base,
    transaction: <T>(body: (db: Db) => Promise<T>) => body(inside),
    close: async () => {},
  });
  let closed = false;
  return Object.freeze({
    ...base,
    async transaction<T>(body: (db: Db) => Promise<T>): Promise<T> {
      await connection.run('BEGIN TRANSACTION');
      try {
        const result = await body(inside);
        await connection.run('COMMIT');
        return result;
      } catch (e) {
        try {
          await connection.run('ROLLBACK');
        } catch {
          // the transaction may already be aborted; the original error matters
        }
        throw e;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      connection.closeSync();
      onClose();
    },
  });
}

async function appendColumns(
  connection: DuckDBConnection,
  table: string,
  columns: readonly TypedColumn[],
): Promise<void> {
  const appender = await connection.createAppender(table);
  const n = columns[0]?.values.length ?? 0;
  for (let i = 0; i < n; i++) {
    for (const col of columns) {
      const v = col.values[i];
      if (v === null || (typeof v === 'number' && Number.isNaN(v))) appender.appendNull();
      else if (col.type === 'bigint') appender.appendBigInt(BigInt(v as number));
      else if (col.type === 'double') appender.appendDouble(v as number);
      else appender.appendVarchar(v as string);
    }
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
}

async function streamColumns(
  connection: DuckDBConnection,
  sql: string,
  numbers: number,
): Promise<NumericColumns> {
  const result = await connection.stream(sql);
  const ids: string[] = [];
  const g = growingColumns(numbers);
  let rows = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const m = chunk.rowCount;
    g.ensure(rows + m, rows);
    const idVector = chunk.getColumnVector(0);
    for (let i = 0; i < m; i++) ids.push(idVector.getItem(i) as string);
    for (let j = 0; j < numbers; j++) {
      const vector = chunk.getColumnVector(j + 1);
      const col = g.columns[j];
      for (let i = 0; i < m; i++) {
        const v = vector.getItem(i);
        col[rows + i] = v === null ? NaN : (v as number);
      }
    }
    rows += m;
  }
  return { ids, columns: g.columns.map((c) => c.subarray(0, rows)), rows };
}

/**
 * Whether a `Db` is DuckDB's (and has its connection).
 * @example if (isDuckDb(db)) await stageSource(db.connection, file)
 */
export function isDuckDb(db: Db): db is DuckDb {
  return db.dialect === 'duckdb' && 'connection' in db;
}
