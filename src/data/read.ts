import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { describeSource, quoteIdent, typedCsvSql, type Source } from './source.js';

const isXlsx = (path: string): boolean => /\.xlsx$/i.test(path);

/** Columns read from a file: numbers as Float64Array (NaN = missing), text as strings. */
export interface ColumnData {
  readonly path: string;
  readonly rows: number;
  readonly numeric: ReadonlyMap<string, Float64Array>;
  readonly text: ReadonlyMap<string, readonly (string | null)[]>;
  /**
   * The numeric columns' storage (CSV, TSV, Parquet): `reserve` free columns, then the numeric
   * columns in the order asked for, side by side (`rows` each) in one SharedArrayBuffer.
   */
  readonly block?: { readonly data: Float64Array; readonly reserve: number };
}

/**
 * Which columns to read, and how. Defaults: none of either; `reserve: 0`. `reserve` leaves
 * that many free columns before the numeric ones in `block`, for the caller to fill: a column
 * of ones there makes [1, numeric columns…] a design matrix without a copy.
 */
export interface ReadOptions {
  readonly numeric?: readonly string[];
  readonly text?: readonly string[];
  readonly reserve?: number;
}

/**
 * Reads the named columns of a CSV, TSV or Parquet file through DuckDB (an Excel .xlsx file
 * through `readXlsxColumns`, its first worksheet), in file order,
 * into column-major typed arrays. Empty cells, `NA` and `.` are missing (NaN); any other
 * cell that is not a number is an error naming the column, the row and the value.
 * @example const { numeric } = await readColumns('wages.csv', { numeric: ['wage', 'educ'] });
 */
export async function readColumns(path: string, options: ReadOptions = {}): Promise<ColumnData> {
  // Excel (first worksheet); its reader loads only when needed, as exceljs is large.
  if (isXlsx(path)) return (await import('./read-xlsx.js')).readXlsxColumns(path, options);
  const source = await describeSource(path);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return await readWith(connection, source, options);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * The column names of a data file, in file order.
 * @example await columnNames('wages.csv') // ['wage', 'educ', ...]
 */
export async function columnNames(path: string): Promise<string[]> {
  if (isXlsx(path)) return (await import('./read-xlsx.js')).xlsxColumnNames(path);
  const source = await describeSource(path);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await schemaOf(connection, source)).map((c) => c.name);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function schemaOf(
  connection: DuckDBConnection,
  source: Source,
): Promise<{ name: string; type: string }[]> {
  if (source.format === 'csv') return source.names.map((name) => ({ name, type: 'VARCHAR' }));
  try {
    const r = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source.sql}`);
    return r.getRows().map((row) => ({ name: String(row[0]), type: String(row[1]) }));
  } catch (e) {
    throw new UserError(messages.malformed(source.path, firstLineOf(e)));
  }
}

/** DuckDB's error as one line; its CSV errors are rephrased to name the line at fault. */
function firstLineOf(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const line = /CSV Error on Line: (\d+)/.exec(text)?.[1];
  const columns = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(text);
  if (line && columns) return `line ${line} has ${columns[2]} fields, the header has ${columns[1]}`;
  if (line && /unterminated quote/i.test(text))
    return `line ${line}: a quoted value is never closed`;
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const head = (lines[0] ?? text).replace(/^[A-Za-z ]+Error: /, '');
  return line ? `line ${line}: ${head}` : head;
}

async function readWith(
  connection: DuckDBConnection,
  source: Source,
  options: ReadOptions,
): Promise<ColumnData> {
  const numericNames = [...(options.numeric ?? [])];
  const textNames = [...(options.text ?? [])];
  const reserve = Math.max(0, Math.floor(options.reserve ?? 0));
  const schema = await schemaOf(connection, source);
  const available = schema.map((c) => c.name);
  for (const name of [...numericNames, ...textNames]) {
    if (!available.includes(name)) {
      throw new UserError(messages.unknownColumn(source.path, name, available));
    }
  }
  const typeOf = new Map(schema.map((c) => [c.name, c.type]));
  const textSql = textNames.map((name) => `CAST(${quoteIdent(name)} AS VARCHAR)`);
  if (source.format === 'csv' && numericNames.length > 0) {
    // Fast path: DuckDB parses the numbers itself. Any failure, or an infinite value, is
    // read again the slow way below, which finds and names the cell at fault. A column also
    // read as text stays VARCHAR (its text must be the file's, '1' and not '1.0').
    const doubles = numericNames.filter((name) => !textNames.includes(name));
    const numericSql = numericNames.map((name) =>
      doubles.includes(name) ? `COALESCE(${quoteIdent(name)}, 'NaN'::DOUBLE)` : textToDouble(name),
    );
    const sql = `SELECT ${[...numericSql, ...textSql].join(', ')} FROM ${typedCsvSql(source, doubles)}`;
    const fast = await queryColumns(
      connection,
      sql,
      numericNames.length,
      textNames.length,
      reserve,
    ).catch(() => null);
    if (fast && fast.badRow < 0) return finish(source, numericNames, textNames, fast);
  }
  const numericSql = numericNames.map((name) =>
    typeOf.get(name) === 'VARCHAR'
      ? textToDouble(name)
      : `COALESCE(CAST(${quoteIdent(name)} AS DOUBLE), 'NaN'::DOUBLE)`,
  );
  const sql = `SELECT ${[...numericSql, ...textSql, '1'].join(', ')} FROM ${source.sql}`;
  let read: Streamed;
  try {
    read = await queryColumns(connection, sql, numericNames.length, textNames.length, reserve);
  } catch (e) {
    throw new UserError(messages.malformed(source.path, firstLineOf(e)));
  }
  const { badRow, badColumn } = read;
  if (badRow >= 0) {
    const name = numericNames[badColumn];
    const value = await cellAt(connection, source, name, badRow);
    const line = source.format === 'csv' ? badRow + 2 : undefined;
    throw new UserError(messages.nonNumeric(source.path, name, badRow + 1, value, line));
  }
  return finish(source, numericNames, textNames, read);
}

function finish(
  source: Source,
  numericNames: readonly string[],
  textNames: readonly string[],
  read: Streamed,
): ColumnData {
  const { rows, numeric, text, block, reserve } = read;
  if (rows === 0) throw new UserError(messages.headerOnly(source.path));
  return Object.freeze({
    path: source.path,
    rows,
    numeric: new Map(numericNames.map((n, c) => [n, numeric[c].subarray(0, rows)])),
    text: new Map(textNames.map((n, c) => [n, text[c]])),
    block: Object.freeze({ data: block, reserve }),
  });
}

/** Columns streamed out of a query, and the first row whose number was not finite. */
interface Streamed {
  readonly rows: number;
  readonly numeric: readonly Float64Array[];
  readonly text: readonly (string | null)[][];
  readonly badRow: number;
  readonly badColumn: number;
  /** The numeric columns' storage, after `reserve` free columns. */
  readonly block: Float64Array;
  readonly reserve: number;
}

/**
 * Runs a query whose first `numericCount` columns are DOUBLE without NULLs and whose next
 * `textCount` are VARCHAR, and collects them; stops at the first chunk holding ±Infinity.
 * The query is materialised (`run`), not streamed: a streamed result that fails part way
 * (a bad line past the first chunks) just ends, silently, in @duckdb/node-api 1.x.
 */
async function queryColumns(
  connection: DuckDBConnection,
  sql: string,
  numericCount: number,
  textCount: number,
  reserve: number,
): Promise<Streamed> {
  const result = await connection.run(sql);
  const total = result.rowCount;
  const block = new Float64Array(new SharedArrayBuffer((reserve + numericCount) * total * 8));
  const numeric = Array.from({ length: numericCount }, (_, c) =>
    block.subarray((reserve + c) * total, (reserve + c + 1) * total),
  );
  const text: (string | null)[][] = Array.from({ length: textCount }, () => []);
  let rows = 0;
  let badRow = -1;
  let badColumn = -1;
  for (let k = 0; k < result.chunkCount && badRow < 0; k++) {
    const chunk = result.getChunk(k);
    const m = chunk.rowCount;
    for (let c = 0; c < numericCount; c++) {
      const col = numeric[c];
      copyDoubles(chunk.getColumnVector(c), m, col, rows);
      for (let i = rows; i < rows + m; i++) {
        const v = col[i];
        if (v === Infinity || v === -Infinity) {
          if (badRow < 0 || i < badRow) {
            badRow = i;
            badColumn = c;
          }
          break;
        }
      }
    }
    for (let c = 0; c < textCount; c++) {
      const vector = chunk.getColumnVector(numericCount + c);
      const col = text[c];
      for (let i = 0; i < m; i++) col.push(vector.getItem(i) as string | null);
    }
    rows += m;
  }
  return { rows, numeric, text, badRow, badColumn, block, reserve };
}

/**
 * SQL turning a text column into DOUBLE without NULLs: a missing cell becomes NaN, a cell
 * that is present but not a number (or is infinite) +Infinity, so that the result's buffers
 * can be copied whole and the bad cell found. TRY_CAST skips surrounding blanks itself.
 */
function textToDouble(name: string): string {
  const q = quoteIdent(name);
  return `CASE WHEN ${q} IS NULL THEN 'NaN'::DOUBLE ELSE COALESCE(TRY_CAST(${q} AS DOUBLE), 'Infinity'::DOUBLE) END`;
}

/** The parts of a DuckDB vector `copyDoubles` uses. */
interface DoubleVector {
  getItem(i: number): unknown;
}

/**
 * Copies m doubles of a DOUBLE vector that has no NULLs into `out` at `offset`. The public
 * API reads one cell per call (with a BigInt validity test each); the vector's own
 * Float64Array (`items`, private in @duckdb/node-api 1.x) is copied whole when it is there.
 */
function copyDoubles(vector: DoubleVector, m: number, out: Float64Array, offset: number): void {
  const items = (vector as unknown as { items?: unknown }).items;
  if (items instanceof Float64Array && items.length === m) {
    out.set(items, offset);
    return;
  }
  for (let i = 0; i < m; i++) {
    const v = vector.getItem(i);
    out[offset + i] = typeof v === 'number' ? v : Infinity;
  }
}

async function cellAt(
  connection: DuckDBConnection,
  source: Source,
  name: string,
  row: number,
): Promise<string> {
  const r = await connection.runAndReadAll(
    `SELECT CAST(${quoteIdent(name)} AS VARCHAR) FROM ${source.sql} LIMIT 1 OFFSET ${row}`,
  );
  return String(r.getRows()[0]?.[0] ?? '');
}
