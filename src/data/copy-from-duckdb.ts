import type { DuckDBConnection, DuckDBVector } from '@duckdb/node-api';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** DuckDB type ids (`DuckDBTypeId`, a const enum in its declarations) and how each is written. */
const TEXT = 0;
const NUMBER = 1;
const DOUBLE = 2;
const BOOLEAN = 3;
const BLOB = 4;
const FORMAT: Record<number, number> = {
  1: BOOLEAN,
  2: NUMBER, // TINYINT
  3: NUMBER, // SMALLINT
  4: NUMBER, // INTEGER
  5: NUMBER, // BIGINT
  6: NUMBER, // UTINYINT
  7: NUMBER, // USMALLINT
  8: NUMBER, // UINTEGER
  9: NUMBER, // UBIGINT
  10: DOUBLE, // FLOAT: its double is exact, and reads back to the same float4
  11: DOUBLE,
  12: TEXT, // TIMESTAMP
  13: TEXT, // DATE
  14: TEXT, // TIME
  16: NUMBER, // HUGEINT
  17: TEXT, // VARCHAR
  18: BLOB,
  19: TEXT, // DECIMAL
  20: TEXT, // TIMESTAMP_S
  21: TEXT, // TIMESTAMP_MS
  22: TEXT, // TIMESTAMP_NS
  23: TEXT, // ENUM
  27: TEXT, // UUID
  31: TEXT, // TIMESTAMP_TZ
  32: NUMBER, // UHUGEINT
};

/**
 * Copies the result of a DuckDB query into a PostgreSQL table with `COPY table (columns) FROM
 * STDIN`, streamed chunk by chunk (DuckDB's 2048 rows; the result is materialised in DuckDB's
 * memory first, so that a query failing part way fails before the COPY), in COPY's text format: NULL as `\N`; tabs,
 * newlines, carriage returns and backslashes in text escaped; doubles in the shortest form that
 * reads back to the same double (`-0`, `NaN`, `Infinity`, `-Infinity` included); booleans,
 * integers of any width, decimals, dates, timestamps (with time zone too), times, UUIDs, enums
 * (as their labels) and blobs (as bytea hex). The query's columns go to `columns` in order;
 * other types (lists, structs, intervals …) are refused before the COPY starts. An error on
 * either side (the DuckDB query failing part way, PostgreSQL rejecting a row) aborts the COPY
 * with a CopyFail and is thrown: PostgreSQL keeps none of its rows, and the client is ready for
 * the caller's ROLLBACK. `table` is an identifier (a dot separates schema and table); it and
 * the column names are quoted. Returns the number of rows copied.
 * @example
 * await client.query('BEGIN');
 * const n = await copyFromDuckDb(duck, 'SELECT id, income FROM staged', client, 'households',
 *   ['household_id', 'income']);
 * await client.query('COMMIT');
 */
export async function copyFromDuckDb(
  duck: DuckDBConnection,
  sql: string,
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
): Promise<number> {
  if (columns.length === 0) throw new Error(`copyFromDuckDb: no columns of ${table} given`);
  // Materialised in DuckDB, then sent a chunk at a time: a streamed DuckDB result whose query
  // fails part way (a CSV reader meeting a bad line past the first chunks) just ends, as if
  // complete, and the COPY would commit the rows before the bad one.
  const result = await duck.run(sql);
  if (result.columnCount !== columns.length) {
    throw new Error(
      `copyFromDuckDb: the query gives ${result.columnCount} columns for the ${columns.length} of ${table} (${columns.join(', ')})`,
    );
  }
  const formats = result.columnTypes().map((type, c) => {
    const format = FORMAT[type.typeId];
    if (format === undefined) {
      throw new Error(
        `copyFromDuckDb: column ${result.columnName(c)} is ${type.toString()}, which COPY text is not written for`,
      );
    }
    return format;
  });
  async function* lines(): AsyncGenerator<string> {
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) return;
      yield chunkText(
        formats.map((_, c) => chunk.getColumnVector(c)),
        formats,
        chunk.rowCount,
      );
    }
  }
  const target = table.split('.').map(quoteIdentifier).join('.');
  const copy = client.query(
    copyStreams.from(`COPY ${target} (${columns.map(quoteIdentifier).join(', ')}) FROM STDIN`),
  );
  await pipeline(Readable.from(lines(), { objectMode: false }), copy);
  return copy.rowCount;
}

/** The COPY text of a chunk: m lines of tab-separated fields. */
function chunkText(vectors: DuckDBVector[], formats: readonly number[], m: number): string {
  const fields: string[][] = vectors.map((v, c) => columnText(v, formats[c], m));
  let out = '';
  for (let i = 0; i < m; i++) {
    out += fields[0][i];
    for (let c = 1; c < fields.length; c++) out += '\t' + fields[c][i];
    out += '\n';
  }
  return out;
}

function columnText(vector: DuckDBVector, format: number, m: number): string[] {
  const out = new Array<string>(m);
  for (let i = 0; i < m; i++) {
    const v = vector.getItem(i);
    if (v === null) out[i] = '\\N';
    else if (format === DOUBLE) out[i] = formatDouble(v as number);
    else if (format === NUMBER) out[i] = String(v);
    else if (format === BOOLEAN) out[i] = v ? 't' : 'f';
    else if (format === BLOB)
      out[i] = '\\\\x' + Buffer.from((v as { bytes: Uint8Array }).bytes).toString('hex');
    else out[i] = escapeText(String(v));
  }
  return out;
}

/** Shortest round-trip decimal (JavaScript's), with the sign of zero kept. */
function formatDouble(x: number): string {
  return x === 0 && 1 / x < 0 ? '-0' : String(x);
}

const SPECIAL = /[\\\t\n\r]/;

/** Escapes COPY text's special characters: backslash, tab, newline, carriage return. */
function escapeText(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
