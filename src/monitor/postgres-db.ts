import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { copyOutColumns } from '../data/copy-out-columns.js';
import { postgresStatement } from './dialect.js';
import type { Db, NumericColumns, Row, TypedColumn } from './db.js';

/** A `Db` on a PostgreSQL pool, with the pool itself for PostgreSQL-only work (LISTEN). */
export interface PostgresDb extends Db {
  readonly dialect: 'postgres';
  readonly pool: pg.Pool;
  /** Runs `body` on a client: the transaction's inside `transaction`, else one of the pool. */
  client<T>(body: (client: pg.ClientBase) => Promise<T>): Promise<T>;
}

/**
 * Whether a `Db` is PostgreSQL's (and has its pool).
 * @example if (isPostgresDb(db)) await db.client((c) => c.query('LISTEN x'))
 */
export function isPostgresDb(db: Db): db is PostgresDb {
  return db.dialect === 'postgres' && 'pool' in db;
}

/**
 * The numeric columns of a query through `copyOutColumns` (COPY … TO STDOUT).
 * @example await readNumericColumns(client, 'SELECT id, x FROM t', 1)
 */
async function readNumericColumns(
  client: pg.ClientBase,
  sql: string,
  numbers: number,
): Promise<NumericColumns> {
  const names = Array.from({ length: numbers }, (_, j) => `c${j + 1}`);
  const r = await copyOutColumns(client, sql, { numeric: names });
  return { ids: r.ids, columns: names.map((n) => r.numeric.get(n)!), rows: r.rows };
}

/**
 * The channel on which every committed transaction of povrisk is announced (NOTIFY), so
 * that dashboard servers sharing the database drop their cached answers.
 */
export const CHANGES_CHANNEL = 'povrisk_changed';

const identity = (s: string) => s;
const toNumber = (s: string) => Number(s);

/**
 * Values as DuckDB gives them to povrisk: int8 and numeric as numbers, dates and timestamps
 * as their text, JSON as text.
 */
const PARSERS: Record<number, (s: string) => unknown> = {
  20: toNumber, // int8
  1700: toNumber, // numeric
  1082: identity, // date
  1114: identity, // timestamp
  1184: identity, // timestamptz
  114: identity, // json
  3802: identity, // jsonb
};

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (format !== 'binary' && PARSERS[oid]) return PARSERS[oid];
    return pg.types.getTypeParser(oid, format);
  },
} as unknown as pg.CustomTypesConfig;

/**
 * Opens a pool of connections to a PostgreSQL database (a `postgres://` URL, or '' for the
 * standard PG* variables). Nothing is sent until the first query.
 * @example const db = postgresDb('postgres://povrisk@db.example/povrisk'); await db.all('SELECT 1 AS x')
 */
export function postgresDb(url: string, options: { max?: number } = {}): PostgresDb {
  const pool = new pg.Pool({
    ...(url === '' ? {} : { connectionString: url }),
    types,
    max: options.max ?? 10,
    application_name: 'povrisk',
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  let closed = false;
  const withClient = async <T>(body: (c: pg.ClientBase) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      return await body(client);
    } finally {
      client.release();
    }
  };
  const on = (
    q: pg.Pool | pg.ClientBase,
    client: <T>(b: (c: pg.ClientBase) => Promise<T>) => Promise<T>,
  ) => ({
    dialect: 'postgres' as const,
    pool,
    async run(sql: string, params?: readonly unknown[]) {
      const r = await q.query({
        text: postgresStatement(sql),
        values: params as unknown[] | undefined,
      });
      return Array.isArray(r) ? 0 : (r.rowCount ?? 0);
    },
    async all(sql: string, params?: readonly unknown[]): Promise<Row[]> {
      const r = await q.query({
        text: postgresStatement(sql),
        values: params as unknown[] | undefined,
      });
      return r.rows as Row[];
    },
    insertColumns: (table: string, columns: readonly TypedColumn[]) =>
      client((c) => copyColumns(c, table, columns)),
    numericColumns: (sql: string, numbers: number) =>
      client((c) => readNumericColumns(c, postgresStatement(sql), numbers)),
    client: <T>(body: (c: pg.ClientBase) => Promise<T>) => client(body),
  });
  return Object.freeze({
    ...on(pool, withClient),
    transaction: <T>(body: (db: Db) => Promise<T>): Promise<T> =>
      withClient(async (client) => {
        const same = <U>(b: (c: pg.ClientBase) => Promise<U>) => b(client);
        const inside: PostgresDb = Object.freeze({
          ...on(client, same),
          transaction: <U>(b: (db: Db) => Promise<U>) => b(inside),
          close: async () => {},
        });
        await client.query('BEGIN');
        try {
          const result = await body(inside);
          // Delivered at commit only: servers on this database drop their cached answers.
          await client.query(`SELECT pg_notify('${CHANGES_CHANNEL}', '')`);
          await client.query('COMMIT');
          return result;
        } catch (e) {
          await client.query('ROLLBACK').catch(() => {});
          throw e;
        }
      }),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  });
}

/** COPY text format: backslash, tab, newline and carriage return escaped; NULL as \N. */
function copyText(v: string): string {
  return v.replace(/[\\\t\n\r]/g, (ch) =>
    ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r',
  );
}

function cell(col: TypedColumn, i: number): string {
  const v = col.values[i];
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return '\\N';
    if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
    return col.type === 'bigint' ? String(Math.trunc(v)) : String(v);
  }
  return copyText(v);
}

/**
 * Appends columns to a table with `COPY … FROM STDIN` (text format), in chunks of rows.
 * @example await copyColumns(client, 'risk_scores', columns)
 */
export async function copyColumns(
  client: pg.ClientBase,
  table: string,
  columns: readonly TypedColumn[],
): Promise<void> {
  const n = columns[0]?.values.length ?? 0;
  if (n === 0) return;
  function* lines() {
    const step = 4096;
    for (let start = 0; start < n; start += step) {
      let text = '';
      for (let i = start; i < Math.min(n, start + step); i++) {
        text += columns.map((c) => cell(c, i)).join('\t') + '\n';
      }
      yield text;
    }
  }
  const stream = client.query(copyFrom(`COPY ${table} FROM STDIN`));
  await pipeline(Readable.from(lines()), stream);
}
