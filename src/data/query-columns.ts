import type { Connection, DataChunk, Result } from '@duckdb/node-bindings';
import { bindings } from './duckdb-bindings.js';

/** Columns collected from a query, and the first row whose number was not finite. */
export interface QueriedColumns {
  readonly rows: number;
  /** The numeric columns, `rows` each, views into `block`. */
  readonly numeric: readonly Float64Array[];
  /** Missing (NaN) numbers in each numeric column, up to `rows`. */
  readonly missing: readonly number[];
  readonly text: readonly (string | null)[][];
  /** The first row holding ±Infinity in a numeric column (−1: none), and that column. */
  readonly badRow: number;
  readonly badColumn: number;
  /** The numeric columns' storage, after `reserve` free columns. */
  readonly block: Float64Array;
  readonly reserve: number;
}

/** The shape of a query's result. Defaults: `reserve: 0`, no callbacks. */
export interface QueryColumnsOptions {
  /** The first columns of the result, DOUBLE without NULLs. */
  readonly numericCount: number;
  /** The next columns, VARCHAR. */
  readonly textCount: number;
  /** Free columns left before the numeric ones in `block`. */
  readonly reserve?: number;
  /** Called once the query is running on DuckDB's threads. */
  readonly onStart?: () => void;
  /** Called after each chunk: rows 0..rows−1 of the numeric columns are in `block`. */
  readonly onRows?: (block: Float64Array, rows: number) => void;
}

/**
 * Runs a query whose first `numericCount` columns are DOUBLE without NULLs and whose next
 * `textCount` are VARCHAR, and collects them column-major: the numbers side by side in one
 * SharedArrayBuffer (after `reserve` free columns), one copy per chunk and column. Stops at
 * the first chunk holding ±Infinity. The result is materialised, not streamed: a streamed
 * result that fails part way (a bad line past the first chunks) just ends, silently.
 * @example const q = await queryColumns(con, 'SELECT 1.5::DOUBLE', { numericCount: 1, textCount: 0 });
 */
export async function queryColumns(
  connection: Connection,
  sql: string,
  options: QueryColumnsOptions,
): Promise<QueriedColumns> {
  const { numericCount, textCount } = options;
  const reserve = Math.max(0, Math.floor(options.reserve ?? 0));
  const running = bindings.query(connection, sql);
  options.onStart?.();
  const result = await running;
  const total = bindings.row_count(result);
  const block = new Float64Array(new SharedArrayBuffer((reserve + numericCount) * total * 8));
  const numeric = Array.from({ length: numericCount }, (_, c) =>
    block.subarray((reserve + c) * total, (reserve + c + 1) * total),
  );
  const text: (string | null)[][] = Array.from({ length: textCount }, () => []);
  const chunks = bindings.result_chunk_count(result);
  const missing = new Array<number>(numericCount).fill(0);
  let rows = 0;
  let badRow = -1;
  let badColumn = -1;
  for (let k = 0; k < chunks && badRow < 0; k++) {
    const chunk = bindings.result_get_chunk(result, k);
    const m = bindings.data_chunk_get_size(chunk);
    const bad = copyChunk(chunk, m, { at: rows, numeric, missing, text });
    badRow = bad.row;
    badColumn = bad.column;
    rows += m;
    if (badRow < 0) options.onRows?.(block, rows);
  }
  return { rows, numeric, missing, text, badRow, badColumn, block, reserve };
}

/** Where `copyChunk` puts a chunk's rows. */
export interface ChunkTarget {
  /** The row the chunk's first row goes to. */
  readonly at: number;
  /** Numeric columns with room for the chunk's rows at `at`: the chunk's first vectors. */
  readonly numeric: readonly Float64Array[];
  /** Missing (NaN) numbers so far in each numeric column, added to. */
  readonly missing: number[];
  /** Text columns, appended to: the chunk's next vectors (VARCHAR). */
  readonly text: readonly (string | null)[][];
}

/**
 * Copies the m rows of a result chunk into columns: each DOUBLE vector (without NULLs) into its
 * column at row `at`, counting its NaNs, then each VARCHAR vector appended to its array. Returns
 * the first row holding ±Infinity in a numeric column (`row` −1: none) and that column; a
 * column's count of NaNs stops at its first infinite value.
 * @example const bad = copyChunk(chunk, m, { at: rows, numeric, missing, text });
 */
export function copyChunk(
  chunk: DataChunk,
  m: number,
  target: ChunkTarget,
): { row: number; column: number } {
  const { at, numeric, missing, text } = target;
  let row = -1;
  let column = -1;
  for (let c = 0; c < numeric.length; c++) {
    const col = numeric[c];
    const bytes = bindings.vector_get_data(bindings.data_chunk_get_vector(chunk, c), m * 8);
    col.set(new Float64Array(bytes.buffer, bytes.byteOffset, m), at);
    let nan = 0;
    for (let i = at; i < at + m; i++) {
      const v = col[i];
      if (v !== v) nan++;
      else if (v === Infinity || v === -Infinity) {
        if (row < 0 || i < row) {
          row = i;
          column = c;
        }
        break;
      }
    }
    missing[c] += nan;
  }
  for (let c = 0; c < text.length; c++) appendStrings(chunk, numeric.length + c, m, text[c]);
  return { row, column };
}

/**
 * Runs a query and returns its VARCHAR columns row by row (for small results: a schema, a
 * cell).
 * @example await queryStrings(con, 'DESCRIBE SELECT * FROM t') // [['id', 'BIGINT', …], …]
 */
export async function queryStrings(
  connection: Connection,
  sql: string,
): Promise<(string | null)[][]> {
  const result: Result = await bindings.query(connection, sql);
  const width = bindings.column_count(result);
  const rows: (string | null)[][] = [];
  for (let k = 0; k < bindings.result_chunk_count(result); k++) {
    const chunk = bindings.result_get_chunk(result, k);
    const m = bindings.data_chunk_get_size(chunk);
    const columns = Array.from({ length: width }, (_, c) => {
      const out: (string | null)[] = [];
      appendStrings(chunk, c, m, out);
      return out;
    });
    for (let i = 0; i < m; i++) rows.push(columns.map((col) => col[i]));
  }
  return rows;
}

const decoder = new TextDecoder();

/** A short string kept in a vector entry: ASCII by hand (a third faster), else UTF-8 decoded. */
function inlineString(data: Uint8Array, start: number, length: number): string {
  let s = '';
  for (let b = start; b < start + length; b++) {
    const c = data[b];
    if (c > 127) return decoder.decode(data.subarray(start, start + length));
    s += String.fromCharCode(c);
  }
  return s;
}

/** Distinct short strings kept once each (a county name repeated on 10⁷ rows is one string). */
const INTERN_LIMIT = 4096;
const interned = new Map<string, string>();

/** The one copy of a short string, while fewer than INTERN_LIMIT distinct ones were seen. */
function intern(s: string): string {
  const seen = interned.get(s);
  if (seen !== undefined) return seen;
  if (interned.size < INTERN_LIMIT) interned.set(s, s);
  return s;
}

/**
 * Appends the m strings of a VARCHAR column of a chunk (null where missing). DuckDB keeps a
 * string of up to 12 bytes inside its 16-byte entry, a longer one behind a pointer. Short
 * strings are interned (`intern`), so repeated values share one copy.
 * @example appendStrings(chunk, 0, bindings.data_chunk_get_size(chunk), names)
 */
export function appendStrings(
  chunk: DataChunk,
  column: number,
  m: number,
  out: (string | null)[],
): void {
  const vector = bindings.data_chunk_get_vector(chunk, column);
  const data = bindings.vector_get_data(vector, m * 16);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const words = Math.ceil(m / 64);
  const validity = bindings.vector_get_validity(vector, words * 8) as Uint8Array | null;
  for (let i = 0; i < m; i++) {
    if (validity && (validity[i >> 3] & (1 << (i & 7))) === 0) {
      out.push(null);
      continue;
    }
    const offset = i * 16;
    const length = view.getUint32(offset, true);
    if (length <= 12) out.push(intern(inlineString(data, offset + 4, length)));
    else {
      const at = data.byteOffset + offset + 8;
      out.push(
        decoder.decode(bindings.get_data_from_pointer(data.buffer as ArrayBuffer, at, length)),
      );
    }
  }
}
