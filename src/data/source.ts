import { open, stat } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { dataFormat } from './data-format.js';
import { encodingName } from './text-encoding.js';
import { fileEncoding, transcodeToUtf8 } from './transcode.js';

/** How a data file is read: the DuckDB table expression and the header it declares. */
export interface Source {
  readonly path: string;
  readonly format: 'csv' | 'parquet';
  /** Column names in file order (for CSV read from the header line, never guessed). */
  readonly names: readonly string[];
  /** A DuckDB table expression that yields the file's rows in file order. */
  readonly sql: string;
  /** The field delimiter of a CSV/TSV file ('' for Parquet). */
  readonly delim: string;
  /** The text encoding of a CSV/TSV file as read ('utf-8' for Parquet). */
  readonly encoding: string;
  /** The file DuckDB reads: `path`, or a UTF-8 copy of a file in another encoding. */
  readonly file: string;
  /** Removes the UTF-8 copy, if one was made; call when done with `sql`. */
  readonly release: () => Promise<void>;
}

const nothing = async (): Promise<void> => {};

const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** Quotes an identifier for DuckDB SQL. @example quoteIdent('a"b') // "a""b" */
export const quoteIdent = (s: string): string => `"${s.replaceAll('"', '""')}"`;

/**
 * Splits one delimited header line, honouring double quotes.
 * @example splitHeader('a,"b,c",d', ',') // ['a', 'b,c', 'd']
 */
export function splitHeader(line: string, delim: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delim) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

async function firstLine(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    let text = buf.subarray(0, bytesRead).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const end = text.search(/\r?\n/);
    return end < 0 ? text : text.slice(0, end);
  } finally {
    await handle.close();
  }
}

/**
 * Inspects a data file and returns how to read it. CSV/TSV headers are read by povrisk
 * itself and every column is declared VARCHAR, so DuckDB never guesses a dialect or a type
 * (`auto_detect = false`; its sniffer would hide a bad row behind "could not detect the
 * dialect"): a ragged row or an unclosed quote is an error naming its line, and numbers are
 * validated cell by cell.
 * Delimiters: `.csv` comma, `.tsv`/`.tab` tab, `.txt` comma, tab, semicolon or bar,
 * whichever the header uses most.
 * Encodings: `options.encoding` when given; otherwise UTF-8 (with or without a byte-order
 * mark), UTF-16 with a byte-order mark, or else GB18030 (`fileEncoding`). A file in another
 * encoding than UTF-8 is read through a temporary UTF-8 copy, removed by `release()`.
 * @example const src = await describeSource('survey.csv'); try { … } finally { await src.release(); }
 */
export async function describeSource(
  path: string,
  options: { encoding?: string | undefined } = {},
): Promise<Source> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UserError(messages.fileNotFound(path));
    size = info.size;
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(messages.fileNotFound(path));
  }
  if (size === 0) throw new UserError(messages.fileEmpty(path));
  const format = dataFormat(path);
  if (format === 'parquet') {
    return {
      path,
      format: 'parquet',
      names: [],
      sql: `read_parquet(${sqlString(path)})`,
      delim: '',
      encoding: 'utf-8',
      file: path,
      release: nothing,
    };
  }
  if (format !== 'csv') throw new UserError(messages.unknownFormat(path));
  const encoding =
    options.encoding !== undefined ? encodingName(options.encoding) : await fileEncoding(path);
  const copy = encoding === 'utf-8' ? null : await transcodeToUtf8(path, encoding);
  const file = copy?.path ?? path;
  const release = copy?.remove ?? nothing;
  try {
    return { ...(await csvSource(path, file)), encoding, file, release };
  } catch (e) {
    await release();
    throw e;
  }
}

async function csvSource(
  path: string,
  file: string,
): Promise<Omit<Source, 'encoding' | 'file' | 'release'>> {
  const ext = path.toLowerCase().slice(path.lastIndexOf('.'));
  const line = await firstLine(file);
  if (line.trim() === '') throw new UserError(messages.fileEmpty(path));
  let delim = ext === '.csv' ? ',' : '\t';
  if (ext === '.txt') {
    const counts = [',', '\t', ';', '|'].map((d) => [d, line.split(d).length] as const);
    delim = counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  }
  const names = splitHeader(line, delim);
  const seen = new Set<string>();
  for (const [i, name] of names.entries()) {
    if (name === '')
      throw new UserError(messages.malformed(path, `header column ${i + 1} has no name`));
    if (seen.has(name))
      throw new UserError(messages.malformed(path, `header repeats column '${name}'`));
    seen.add(name);
  }
  return { path, format: 'csv', names, sql: csvSql(file, delim, names, new Set()), delim };
}

/**
 * The table expression of a CSV/TSV source with the named columns parsed as DOUBLE by DuckDB
 * itself (the others stay VARCHAR). Faster than casting text, but a cell that is not a
 * number fails the whole read without naming its column: callers fall back to `source.sql`.
 * @example typedCsvSql(source, ['wage', 'educ'])
 */
export function typedCsvSql(source: Source, doubles: readonly string[]): string {
  return csvSql(source.file, source.delim, source.names, new Set(doubles));
}

/**
 * `typedCsvSql`, but a bad row (a cell that is not a number, a ragged row, an unclosed quote)
 * is set aside in the connection's `reject_errors` table instead of failing the query: for a
 * streamed read, which cannot see a failure part way (see `streamColumns`). Callers check
 * `reject_errors` after the read, and read the file the checking way when it holds any row.
 * @example streamedCsvSql(source, ['wage', 'educ'])
 */
export function streamedCsvSql(source: Source, doubles: readonly string[]): string {
  const sql = csvSql(source.file, source.delim, source.names, new Set(doubles));
  return `${sql.slice(0, -1)}, ignore_errors = true, store_rejects = true)`;
}

function csvSql(
  path: string,
  delim: string,
  names: readonly string[],
  doubles: ReadonlySet<string>,
): string {
  const columns = names
    .map((n) => `${sqlString(n)}: '${doubles.has(n) ? 'DOUBLE' : 'VARCHAR'}'`)
    .join(', ');
  return (
    `read_csv(${sqlString(path)}, header = true, delim = ${sqlString(delim)}, quote = '"', ` +
    `escape = '"', strict_mode = true, auto_detect = false, nullstr = ['', 'NA', '.'], ` +
    `columns = {${columns}})`
  );
}
