import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { Connection, Vector } from '@duckdb/node-bindings';
import { bindings } from './duckdb-bindings.js';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { quoteIdent } from './source.js';
import { writeCsv } from './write-csv.js';

/** DuckDB's type ids (`DUCKDB_TYPE` of the C API), as `@duckdb/node-bindings` numbers them. */
const { Type } = bindings;
type Type = (typeof bindings.Type)[keyof typeof bindings.Type];

export type { Table, TableColumn } from './table.js';
import type { Table, TableColumn } from './table.js';

/** Output formats, chosen from the file extension. */
export type TableFormat = 'csv' | 'parquet' | 'dta';

/**
 * The format a path's extension asks for: `.csv`, `.parquet`/`.pq` or `.dta` (Stata 14+);
 * anything else is a UserError naming the path.
 * @example tableFormat('out/vep.parquet') // 'parquet'
 */
export function tableFormat(path: string): TableFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  if (ext === '.dta') return 'dta';
  throw new UserError(messages.unknownOutputFormat(path));
}

const CHUNK = 2048;

/**
 * Writes a table to CSV (header, comma, doubles in the shortest form that reads back to the
 * same double, missing as an empty cell: see `writeCsv`, byte for byte what DuckDB's COPY
 * writes), Parquet (zstd, through an embedded DuckDB) or Stata .dta (`writeDta`, release 118;
 * category columns become value-labelled codes 1, 2, …), in row order. The file appears
 * atomically: it is written under a temporary name in the same directory and renamed, so a
 * failure never leaves a partial file (nor touches an existing one).
 * @example await writeTable('vep.csv', { rows: 2, columns: [{ name: 'v', type: 'double', values: v }] })
 */
export async function writeTable(
  path: string,
  table: Table,
  options: { format?: TableFormat } = {},
): Promise<void> {
  const format = options.format ?? tableFormat(path);
  for (const c of table.columns) {
    const length = c.type === 'category' ? c.codes.length : c.values.length;
    if (length !== table.rows)
      throw new RangeError(`writeTable: column ${c.name} has ${length} rows, not ${table.rows}`);
  }
  if (format === 'dta') {
    const { writeDta } = await import('./write-dta.js');
    const { dataTableOf } = await import('./table-columns.js');
    return writeDta(path, dataTableOf(path, table));
  }
  const temp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    if (format === 'csv') await writeCsv(temp, table);
    else await writeParquet(temp, table);
  } catch (e) {
    await rm(temp, { force: true, recursive: true });
    throw asUserError(path, e);
  }
  try {
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true, recursive: true });
    throw asUserError(path, e);
  }
}

/** Writes the table to a Parquet file (zstd) through an in-memory DuckDB. */
async function writeParquet(path: string, table: Table): Promise<void> {
  const db = await bindings.open(':memory:');
  const connection = await bindings.connect(db);
  try {
    // Rows leave in the order they were appended (DuckDB's default, made explicit).
    await bindings.query(connection, 'SET preserve_insertion_order = true');
    const columns = table.columns.map((c, j) => `${quoteIdent(`c${j}`)} ${sqlType(c)}`);
    await bindings.query(connection, `CREATE TABLE t (${columns.join(', ')})`);
    appendTable(connection, 't', table, 0, table.rows);
    const select = table.columns
      .map((c, j) => `${selectSql(c, `c${j}`)} AS ${quoteIdent(c.name)}`)
      .join(', ');
    await bindings.query(
      connection,
      `COPY (SELECT ${select} FROM t) TO '${path.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd)`,
    );
  } finally {
    bindings.disconnect_sync(connection);
    bindings.close_sync(db);
  }
}

function asUserError(path: string, e: unknown): Error {
  if (e instanceof UserError) return e;
  const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
  return new UserError(messages.writeFailed(path, detail));
}

function sqlType(c: TableColumn): string {
  switch (c.type) {
    case 'double':
      return 'DOUBLE';
    case 'integer':
      return 'INTEGER';
    case 'boolean':
      return 'BOOLEAN';
    case 'category':
      return 'SMALLINT';
    case 'text':
      return 'VARCHAR';
  }
}

function duckType(c: TableColumn): Type {
  switch (c.type) {
    case 'double':
      return Type.DOUBLE;
    case 'integer':
      return Type.INTEGER;
    case 'boolean':
      return Type.BOOLEAN;
    case 'category':
      return Type.SMALLINT;
    case 'text':
      return Type.VARCHAR;
  }
}

function selectSql(c: TableColumn, column: string): string {
  const q = quoteIdent(column);
  if (c.type !== 'category') return q;
  const labels = c.labels
    .map((l) => (l === '' ? 'NULL' : `'${l.replaceAll("'", "''")}'`))
    .join(', ');
  return `list_extract([${labels}]::VARCHAR[], ${q} + 1)`;
}

/**
 * Appends rows from..to−1 of the table to DuckDB table `name` through one data chunk of 2048 rows, reused: each
 * column's values are copied into the chunk's vector at once (straight from the column when it
 * already has the vector's type), and its validity mask with them. A new chunk per 2048 rows
 * would leave native memory to the garbage collector, which does not see it: about 200 bytes
 * a row until it ran.
 */
function appendTable(
  connection: Connection,
  name: string,
  table: Table,
  from: number,
  to: number,
): void {
  const appender = bindings.appender_create(connection, null, name);
  const types = table.columns.map((c) => bindings.create_logical_type(duckType(c)));
  const chunk = bindings.create_data_chunk(types);
  const scratch = new ArrayBuffer(CHUNK * 8);
  const validity = new Uint8Array(CHUNK / 8);
  try {
    for (let start = from; start < to; start += CHUNK) {
      const m = Math.min(CHUNK, to - start);
      bindings.data_chunk_reset(chunk);
      bindings.data_chunk_set_size(chunk, m);
      table.columns.forEach((c, j) => {
        const vector = bindings.data_chunk_get_vector(chunk, j);
        validity.fill(255);
        fillVector(vector, c, start, m, scratch, validity);
        bindings.vector_ensure_validity_writable(vector);
        bindings.copy_data_to_vector_validity(vector, 0, validity.buffer, 0, validity.length);
      });
      bindings.append_data_chunk(appender, chunk);
    }
  } finally {
    bindings.appender_close_sync(appender);
  }
}

/**
 * Copies rows start..start+m−1 of a column into a vector (NaN and negative codes missing),
 * clearing their bits in `validity`; `scratch` holds a converted copy when one is needed.
 */
function fillVector(
  vector: Vector,
  c: TableColumn,
  start: number,
  m: number,
  scratch: ArrayBuffer,
  validity: Uint8Array,
): void {
  const invalid = (i: number): void => {
    validity[i >> 3] &= ~(1 << (i & 7));
  };
  const copy = (bytes: number): void => bindings.copy_data_to_vector(vector, 0, scratch, 0, bytes);
  switch (c.type) {
    case 'double': {
      const v = c.values;
      for (let i = 0; i < m; i++) if (v[start + i] !== v[start + i]) invalid(i);
      const from = v.buffer as ArrayBuffer;
      bindings.copy_data_to_vector(vector, 0, from, v.byteOffset + start * 8, m * 8);
      break;
    }
    case 'integer': {
      const items = new Int32Array(scratch, 0, m);
      for (let i = 0; i < m; i++) {
        const x = c.values[start + i];
        if (x !== x) invalid(i);
        items[i] = x;
      }
      copy(m * 4);
      break;
    }
    case 'boolean': {
      const items = new Uint8Array(scratch, 0, m);
      for (let i = 0; i < m; i++) {
        const x = c.values[start + i];
        if (x < 0) invalid(i);
        items[i] = x === 1 ? 1 : 0;
      }
      copy(m);
      break;
    }
    case 'category': {
      const items = new Int16Array(scratch, 0, m);
      const labels = c.labels.length;
      for (let i = 0; i < m; i++) {
        const x = c.codes[start + i];
        if (x < 0 || x >= labels) {
          invalid(i);
          items[i] = 0;
        } else items[i] = x;
      }
      copy(m * 2);
      break;
    }
    case 'text':
      for (let i = 0; i < m; i++) {
        const x = c.values[start + i];
        if (x === null || x === undefined) invalid(i);
        else bindings.vector_assign_string_element(vector, i, x);
      }
      break;
  }
}
