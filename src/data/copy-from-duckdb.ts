import type { DuckDBConnection } from '@duckdb/node-api';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * How DuckDB writes a column of each type (by `DuckDBTypeId`, a const enum in its declarations)
 * as a field of COPY's text format; `$` is the column. DuckDB's VARCHAR of a double is the
 * shortest decimal that reads back to the same double (`-0.0`, `nan`, `inf`, `-inf` included,
 * which PostgreSQL reads too); a float is widened to double first, so that a float8 column gets
 * its exact value.
 */
const TEXT =
  "replace(replace(replace(replace($::VARCHAR, '\\', '\\\\'), chr(9), '\\t'), chr(10), '\\n'), chr(13), '\\r')";
const AS_IS = '$::VARCHAR';
const FIELD: Record<number, string> = {
  1: AS_IS, // BOOLEAN: true, false
  2: AS_IS, // TINYINT
  3: AS_IS, // SMALLINT
  4: AS_IS, // INTEGER
  5: AS_IS, // BIGINT
  6: AS_IS, // UTINYINT
  7: AS_IS, // USMALLINT
  8: AS_IS, // UINTEGER
  9: AS_IS, // UBIGINT
  10: '$::DOUBLE::VARCHAR', // FLOAT
  11: AS_IS, // DOUBLE
  12: AS_IS, // TIMESTAMP
  13: AS_IS, // DATE
  14: AS_IS, // TIME
  16: AS_IS, // HUGEINT
  17: TEXT, // VARCHAR
  18: "'\\\\x' || lower(hex($))", // BLOB, as bytea's hex form
  19: AS_IS, // DECIMAL
  20: AS_IS, // TIMESTAMP_S
  21: AS_IS, // TIMESTAMP_MS
  22: AS_IS, // TIMESTAMP_NS
  23: TEXT, // ENUM, its label
  27: AS_IS, // UUID
  31: AS_IS, // TIMESTAMP_TZ, with its offset
  32: AS_IS, // UHUGEINT
};

/**
 * Copies the result of a DuckDB query into a PostgreSQL table with `COPY table (columns) FROM
 * STDIN` in COPY's text format, sent chunk by chunk (DuckDB's 2048 rows). DuckDB writes each
 * line, on its own threads: NULL as `\N`; tabs, newlines, carriage returns and backslashes in
 * text escaped; doubles in the shortest form that reads back to the same double (`-0`, NaN,
 * ±Infinity included); booleans, integers of any width, decimals, dates, timestamps (with time
 * zone too, with their offset), times, UUIDs, enums (their labels) and blobs (bytea hex). The
 * query's columns go to `columns` in order; other types (lists, structs, intervals …) are
 * refused before anything runs. The lines are materialised in DuckDB before the COPY starts, so
 * a query failing part way fails before PostgreSQL sees a row; PostgreSQL rejecting a row aborts
 * the COPY with a CopyFail. Either error is thrown, PostgreSQL keeps none of the rows, and the
 * client is ready for the caller's ROLLBACK. `table` is an identifier (a dot separates schema and
 * table); it and the column names are quoted. Returns the number of rows copied.
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
  const prepared = await duck.prepare(sql);
  const width = prepared.columnCount;
  if (width !== columns.length) {
    throw new Error(
      `copyFromDuckDb: the query gives ${width} columns for the ${columns.length} of ${table} (${columns.join(', ')})`,
    );
  }
  const fields = Array.from({ length: width }, (_, c) => {
    const field = FIELD[prepared.columnTypeId(c)];
    if (field === undefined) {
      throw new Error(
        `copyFromDuckDb: column ${prepared.columnName(c)} is ${prepared.columnType(c).toString()}, which COPY text is not written for`,
      );
    }
    return `coalesce(${field.replaceAll('$', `q.c${c}`)}, '\\N')`;
  });
  const names = Array.from({ length: width }, (_, c) => `c${c}`).join(', ');
  // Materialised, then sent a chunk at a time: a streamed DuckDB result whose query fails part
  // way (a CSV reader meeting a bad line past the first chunks) just ends, as if complete, and
  // the COPY would commit the rows before the bad one.
  const result = await duck.run(
    `SELECT ${fields.join(' || chr(9) || ')} AS line FROM (${sql}) AS q(${names})`,
  );
  async function* chunks(): AsyncGenerator<string> {
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) return;
      const lines = chunk.getColumnVector(0);
      let out = '';
      for (let i = 0; i < chunk.rowCount; i++) out += `${lines.getItem(i) as string}\n`;
      yield out;
    }
  }
  const target = table.split('.').map(quoteIdentifier).join('.');
  const copy = client.query(
    copyStreams.from(`COPY ${target} (${columns.map(quoteIdentifier).join(', ')}) FROM STDIN`),
  );
  await pipeline(Readable.from(chunks(), { objectMode: false }), copy);
  return copy.rowCount;
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
