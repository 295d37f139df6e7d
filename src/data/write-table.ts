import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { Connection, Vector } from '@duckdb/node-bindings';
import { bindings } from './duckdb-bindings.js';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { quoteIdent } from './source.js';

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
/** Rows per COPY when writing CSV (see `writeTable`). */
const PART = 1 << 20;

/**
 * Writes a table to CSV (header, comma, doubles at full round-trip precision, missing as an
 * empty cell) or Parquet (zstd), through an embedded DuckDB, in row order. The file appears
 * atomically: it is written under a temporary name in the same directory and renamed, so a
 * failure never leaves a partial file (nor touches an existing one). A `.dta` path is written by
 * `writeDta` (release 118; category columns become value-labelled codes 1, 2, …).
 * CSV is written in parts of `options.partRows` rows (default 1,048,576), one COPY each, put
 * end to end: memory stays that of two parts however long the table (one is appended while
 * DuckDB formats the other on its threads), and the file is the same,
 * byte for byte, as one COPY of the whole table.
 * @example await writeTable('vep.csv', { rows: 2, columns: [{ name: 'v', type: 'double', values: v }] })
 */
export async function writeTable(
  path: string,
  table: Table,
  options: { format?: TableFormat; partRows?: number } = {},
): Promise<void> {
  const format = options.format ?? tableFormat(path);
  const part = Math.max(1, Math.floor(options.partRows ?? PART));
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
  const db = await bindings.open(':memory:');
  const connection = await bindings.connect(db);
  // CSV parts alternate between two connections and tables, so that the rows of one part are
  // appended on this thread while DuckDB formats the previous one on its own threads.
  const second = format === 'csv' ? await bindings.connect(db) : null;
  try {
    // Rows leave in the order they were appended (DuckDB's default, made explicit).
    await bindings.query(connection, 'SET preserve_insertion_order = true');
    const columnSql = table.columns
      .map((c, j) => `${quoteIdent(`c${j}`)} ${sqlType(c)}`)
      .join(', ');
    const create = (name: string): string => `CREATE TABLE ${name} (${columnSql})`;
    const select = table.columns
      .map((c, j) => `${selectSql(c, `c${j}`)} AS ${quoteIdent(c.name)}`)
      .join(', ');
    const copy = (name: string, target: string, options: string): string =>
      `COPY (SELECT ${select} FROM ${name}) TO '${target.replaceAll("'", "''")}' (${options})`;
    if (second !== null) {
      // In parts of `partRows` rows, each appended to the file as soon as DuckDB has written it:
      // DuckDB's tables and its CSV writer then hold two parts at a time, not 80 + 80 bytes for
      // every row of the table. DuckDB writes each row whole, carrying nothing from one row to
      // the next, so the parts put end to end are the file one COPY would write.
      await bindings.query(second, 'SET preserve_insertion_order = true');
      const out = await open(temp, 'w');
      // The previous part's COPY (resolving to its file), and the appending of the parts before.
      let copied: Promise<string | null> = Promise.resolve(null);
      let appended: Promise<void> = Promise.resolve();
      const settle = async (): Promise<void> => {
        await copied.catch(() => undefined);
        await appended.catch(() => undefined);
      };
      try {
        for (let from = 0, k = 0; from === 0 || from < table.rows; from += part, k++) {
          const con = k % 2 === 0 ? connection : second;
          const name = `t${k % 2}`;
          await bindings.query(con, create(name));
          appendTable(con, name, table, from, Math.min(table.rows, from + part));
          const previous = await copied;
          if (previous !== null) {
            appended = appended.then(() => appendPart(out, previous));
            appended.catch(() => undefined); // awaited after the loop
          }
          const file = `${temp}.${from}`;
          const header = from === 0 ? 'true' : 'false';
          copied = (async () => {
            await bindings.query(
              con,
              copy(name, file, `FORMAT csv, HEADER ${header}, DELIMITER ','`),
            );
            await bindings.query(con, `DROP TABLE ${name}`);
            return file;
          })();
          // Awaited on the next turn or after the loop; meanwhile a failure is not unhandled.
          copied.catch(() => undefined);
        }
        const last = await copied;
        if (last !== null) appended = appended.then(() => appendPart(out, last));
        await appended;
      } finally {
        await settle();
        await out.close();
      }
    } else {
      await bindings.query(connection, create('t'));
      appendTable(connection, 't', table, 0, table.rows);
      await bindings.query(connection, copy('t', temp, 'FORMAT parquet, COMPRESSION zstd'));
    }
  } catch (e) {
    await rm(temp, { force: true, recursive: true });
    await removeParts(temp);
    throw asUserError(path, e);
  } finally {
    if (second !== null) bindings.disconnect_sync(second);
    bindings.disconnect_sync(connection);
    bindings.close_sync(db);
  }
  try {
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true, recursive: true });
    throw asUserError(path, e);
  }
}

/** Appends a file to an open one in 8 MB reads, then removes it. */
async function appendPart(out: FileHandle, part: string): Promise<void> {
  const input = await open(part, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 23);
    for (;;) {
      const { bytesRead } = await input.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      await out.write(buffer, 0, bytesRead);
    }
  } finally {
    await input.close();
    await rm(part, { force: true });
  }
}

/** Removes the part files a failed CSV write may have left next to `temp`. */
async function removeParts(temp: string): Promise<void> {
  const prefix = `${basename(temp)}.`;
  const names = await readdir(dirname(temp)).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n.startsWith(prefix))
      .map((n) => rm(join(dirname(temp), n), { force: true })),
  );
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
