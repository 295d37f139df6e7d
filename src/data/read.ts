import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { describeSource, quoteIdent, type Source } from './source.js';

/** Columns read from a file: numbers as Float64Array (NaN = missing), text as strings. */
export interface ColumnData {
  readonly path: string;
  readonly rows: number;
  readonly numeric: ReadonlyMap<string, Float64Array>;
  readonly text: ReadonlyMap<string, readonly (string | null)[]>;
}

/** Which columns to read, and how. Defaults: none of either. */
export interface ReadOptions {
  readonly numeric?: readonly string[];
  readonly text?: readonly string[];
}

/**
 * Reads the named columns of a CSV, TSV or Parquet file through DuckDB, in file order,
 * into column-major typed arrays. Empty cells, `NA` and `.` are missing (NaN); any other
 * cell that is not a number is an error naming the column, the row and the value.
 * @example const { numeric } = await readColumns('wages.csv', { numeric: ['wage', 'educ'] });
 */
export async function readColumns(path: string, options: ReadOptions = {}): Promise<ColumnData> {
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
  const schema = await schemaOf(connection, source);
  const available = schema.map((c) => c.name);
  for (const name of [...numericNames, ...textNames]) {
    if (!available.includes(name)) {
      throw new UserError(messages.unknownColumn(source.path, name, available));
    }
  }
  const typeOf = new Map(schema.map((c) => [c.name, c.type]));
  // A cell that is missing becomes NaN; a cell that is present but not a number becomes NULL.
  const numericSql = numericNames.map((name) => {
    const q = quoteIdent(name);
    const isText = typeOf.get(name) === 'VARCHAR';
    const cast = isText ? `TRY_CAST(trim(${q}) AS DOUBLE)` : `CAST(${q} AS DOUBLE)`;
    return `CASE WHEN ${q} IS NULL THEN 'NaN'::DOUBLE ELSE ${cast} END`;
  });
  const textSql = textNames.map((name) => `CAST(${quoteIdent(name)} AS VARCHAR)`);
  const select = [...numericSql, ...textSql, '1'].join(', ');
  let capacity = 1024;
  let rows = 0;
  let numeric = numericNames.map(() => new Float64Array(capacity));
  const text: (string | null)[][] = textNames.map(() => []);
  let badRow = -1;
  let badColumn = -1;
  try {
    const result = await connection.stream(`SELECT ${select} FROM ${source.sql}`);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const m = chunk.rowCount;
      if (rows + m > capacity) {
        while (rows + m > capacity) capacity *= 2;
        numeric = numeric.map((col) => {
          const grown = new Float64Array(capacity);
          grown.set(col.subarray(0, rows));
          return grown;
        });
      }
      for (let c = 0; c < numericNames.length; c++) {
        const vector = chunk.getColumnVector(c);
        const col = numeric[c];
        for (let i = 0; i < m; i++) {
          const v = vector.getItem(i) as number | null;
          if (v === null || v === Infinity || v === -Infinity) {
            if (badRow < 0 || rows + i < badRow) {
              badRow = rows + i;
              badColumn = c;
            }
            col[rows + i] = NaN;
          } else col[rows + i] = v;
        }
      }
      for (let c = 0; c < textNames.length; c++) {
        const vector = chunk.getColumnVector(numericNames.length + c);
        const col = text[c];
        for (let i = 0; i < m; i++) col.push(vector.getItem(i) as string | null);
      }
      rows += m;
      if (badRow >= 0) break;
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(messages.malformed(source.path, firstLineOf(e)));
  }
  if (badRow >= 0) {
    const name = numericNames[badColumn];
    const value = await cellAt(connection, source, name, badRow);
    const line = source.format === 'csv' ? badRow + 2 : undefined;
    throw new UserError(messages.nonNumeric(source.path, name, badRow + 1, value, line));
  }
  if (rows === 0) throw new UserError(messages.headerOnly(source.path));
  return Object.freeze({
    path: source.path,
    rows,
    numeric: new Map(numericNames.map((n, c) => [n, numeric[c].subarray(0, rows)])),
    text: new Map(textNames.map((n, c) => [n, text[c]])),
  });
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
