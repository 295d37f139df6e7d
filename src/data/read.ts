import type { Connection } from '@duckdb/node-bindings';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { codeText } from './code-text.js';
import { readPlainCsv } from './read-plain-csv.js';
import { dataFormat } from './data-format.js';
import { estimatedRows } from './estimated-rows.js';
import { bindings } from './duckdb-bindings.js';
import { queryColumns, queryStrings, type QueriedColumns } from './query-columns.js';
import { describeSource, quoteIdent, streamedCsvSql, typedCsvSql, type Source } from './source.js';
import { csvRejects, streamColumns } from './stream-columns.js';

export type { CodedText, ColumnData, ColumnInfo, ReadOptions } from './columns.js';
import type { ColumnData, ReadOptions } from './columns.js';

/**
 * Reads the named columns of a CSV, TSV or Parquet file through DuckDB (an Excel .xlsx file
 * through `readXlsxColumns`, its first worksheet; a Stata .dta or SPSS .sav file through
 * `readLabelledColumns`, with labels in `info`), in file order,
 * into column-major typed arrays. Empty cells, `NA` and `.` are missing (NaN); any other
 * cell that is not a number is an error naming the column, the row and the value. Columns
 * named in `coded` come back as codes into their distinct values (`ColumnData.coded`).
 * @example const { numeric } = await readColumns('wages.csv', { numeric: ['wage', 'educ'] });
 */
export async function readColumns(path: string, options: ReadOptions = {}): Promise<ColumnData> {
  const coded = options.coded ?? [];
  if (coded.length === 0) return readAny(path, options, []);
  const asked = options.text ?? [];
  const data = await readAny(path, { ...options, text: [...new Set([...asked, ...coded])] }, coded);
  if (data.coded) return data; // read by readPlainCsv, which codes as it reads
  return Object.freeze({
    ...data,
    text: new Map([...data.text].filter(([name]) => asked.includes(name))),
    coded: new Map(coded.map((name) => [name, codeText(data.text.get(name) ?? [])])),
  });
}

/**
 * The columns of a plain CSV file read by povrisk's own parser (`readPlainCsv`), when only
 * numeric and coded columns are asked for, without `reserve` or `onRows`; null otherwise, or
 * when the file is not plain, and DuckDB reads it.
 */
async function readIfPlainCsv(
  source: Source,
  options: ReadOptions,
  coded: readonly string[],
): Promise<ColumnData | null> {
  const numeric = [...new Set(options.numeric ?? [])];
  const text = (options.text ?? []).filter((name) => !coded.includes(name));
  if (text.length > 0 || (options.reserve ?? 0) > 0 || options.onRows) return null;
  if (numeric.length + coded.length === 0) return null;
  // A failure of the plain reader itself (a worker that died, say) leaves the file to DuckDB.
  const data = await readPlainCsv(source, { numeric, coded: [...new Set(coded)] }).catch(
    () => null,
  );
  if (data !== null) options.onParse?.();
  return data;
}

/** Reads a file of any format; CSV the plain way when it can (then `coded` are coded). */
async function readAny(
  path: string,
  options: ReadOptions,
  coded: readonly string[],
): Promise<ColumnData> {
  // Excel (first worksheet); its reader loads only when needed, as exceljs is large.
  const format = dataFormat(path);
  if (format === 'xlsx') return (await import('./read-xlsx.js')).readXlsxColumns(path, options);
  if (format === 'dta' || format === 'sav')
    return (await import('./read-labelled.js')).readLabelledColumns(path, options);
  if (format === 'csv' && options.encoding === undefined) {
    // A plain CSV is read without scanning the whole file for its encoding first: the plain
    // reader checks each chunk is UTF-8 as it goes, and gives up on the first that is not.
    // (A header that is not UTF-8 may not even split: any failure here is left to the
    // general way, which detects the encoding and names what is wrong.)
    const utf8 = await describeSource(path, { encoding: 'utf-8' }).catch(() => null);
    const plain = utf8 && (await readIfPlainCsv(utf8, options, coded));
    if (plain) return plain;
  }
  const source = await describeSource(path, { encoding: options.encoding });
  try {
    // A file in another encoding is read from its UTF-8 copy, which may be plain.
    const retry =
      source.format === 'csv' && (options.encoding !== undefined || source.file !== path);
    const plain = retry ? await readIfPlainCsv(source, options, coded) : null;
    if (plain !== null) return plain;
    return await withConnection((connection) => readWith(connection, source, options));
  } finally {
    await source.release();
  }
}

/**
 * The column names of a data file, in file order.
 * @example await columnNames('wages.csv') // ['wage', 'educ', ...]
 */
export async function columnNames(
  path: string,
  options: { encoding?: string | undefined } = {},
): Promise<string[]> {
  const format = dataFormat(path);
  if (format === 'xlsx') return (await import('./read-xlsx.js')).xlsxColumnNames(path);
  if (format === 'dta') {
    const layout = await (await import('./read-dta.js')).dtaLayout(path, options);
    return layout.variables.map((v) => v.name);
  }
  if (format === 'sav') return (await import('./read-sav.js')).savColumnNames(path, options);
  const source = await describeSource(path, options);
  try {
    return await withConnection(async (connection) =>
      (await schemaOf(connection, source)).map((c) => c.name),
    );
  } finally {
    await source.release();
  }
}

/** Runs `work` on a connection to a new in-memory DuckDB, closed afterwards. */
async function withConnection<T>(work: (connection: Connection) => Promise<T>): Promise<T> {
  const db = await bindings.open(':memory:');
  try {
    const connection = await bindings.connect(db);
    try {
      return await work(connection);
    } finally {
      bindings.disconnect_sync(connection);
    }
  } finally {
    bindings.close_sync(db);
  }
}

async function schemaOf(
  connection: Connection,
  source: Source,
): Promise<{ name: string; type: string }[]> {
  if (source.format === 'csv') return source.names.map((name) => ({ name, type: 'VARCHAR' }));
  try {
    const rows = await queryStrings(connection, `DESCRIBE SELECT * FROM ${source.sql}`);
    return rows.map((row) => ({ name: String(row[0]), type: String(row[1]) }));
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
  connection: Connection,
  source: Source,
  options: ReadOptions,
): Promise<ColumnData> {
  const numericNames = [...(options.numeric ?? [])];
  const textNames = [...(options.text ?? [])];
  const reserve = Math.max(0, Math.floor(options.reserve ?? 0));
  let onParse = options.onParse; // called once, by whichever query starts first
  const shape = {
    numericCount: numericNames.length,
    textCount: textNames.length,
    reserve,
    onStart: (): void => {
      onParse?.();
      onParse = undefined;
    },
    onRows: options.onRows,
  };
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
    const select = `SELECT ${[...numericSql, ...textSql].join(', ')} FROM `;
    if (reserve === 0 && options.onRows === undefined) {
      // Nobody needs the columns side by side as they arrive: stream them, so that DuckDB
      // holds no second copy of the file's numbers (see `streamColumns`).
      const sql = select + streamedCsvSql(source, doubles);
      // DuckDB's threads parse ahead of the consumer only as far as this buffer lets them;
      // its default (about 1 MB) keeps the parse on one thread at a time.
      await bindings.query(connection, `SET streaming_buffer_size = '128MB'`);
      const expectedRows = await estimatedRows(source.file);
      const streamed = await streamColumns(connection, sql, { ...shape, expectedRows })
        .then(async (read) => ((await csvRejects(connection)) === 0 ? read : null))
        .catch(() => null);
      if (streamed && streamed.badRow < 0) return finish(source, numericNames, textNames, streamed);
    } else {
      const sql = select + typedCsvSql(source, doubles);
      const fast = await queryColumns(connection, sql, shape).catch(() => null);
      if (fast && fast.badRow < 0) return finish(source, numericNames, textNames, fast);
    }
  }
  const numericSql = numericNames.map((name) =>
    typeOf.get(name) === 'VARCHAR'
      ? textToDouble(name)
      : `COALESCE(CAST(${quoteIdent(name)} AS DOUBLE), 'NaN'::DOUBLE)`,
  );
  const sql = `SELECT ${[...numericSql, ...textSql, '1'].join(', ')} FROM ${source.sql}`;
  let read: QueriedColumns;
  try {
    read = await queryColumns(connection, sql, shape);
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
  read: QueriedColumns | Omit<QueriedColumns, 'block'>,
): ColumnData {
  const { rows, numeric, missing, text, reserve } = read;
  if (rows === 0) throw new UserError(messages.headerOnly(source.path));
  return Object.freeze({
    path: source.path,
    rows,
    numeric: new Map(numericNames.map((n, c) => [n, numeric[c].subarray(0, rows)])),
    missing: new Map(numericNames.map((n, c) => [n, missing[c]])),
    text: new Map(textNames.map((n, c) => [n, text[c]])),
    ...('block' in read ? { block: Object.freeze({ data: read.block, reserve }) } : {}),
  });
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

async function cellAt(
  connection: Connection,
  source: Source,
  name: string,
  row: number,
): Promise<string> {
  const rows = await queryStrings(
    connection,
    `SELECT CAST(${quoteIdent(name)} AS VARCHAR) FROM ${source.sql} LIMIT 1 OFFSET ${row}`,
  );
  return String(rows[0]?.[0] ?? '');
}
