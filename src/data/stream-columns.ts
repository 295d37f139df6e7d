import type { Connection } from '@duckdb/node-bindings';
import { bindings } from './duckdb-bindings.js';
import { copyChunk, type QueriedColumns } from './query-columns.js';

/** The shape of a streamed query's result, and how many rows to make room for at first. */
export interface StreamColumnsOptions {
  /** The first columns of the result, DOUBLE without NULLs. */
  readonly numericCount: number;
  /** The next columns, VARCHAR. */
  readonly textCount: number;
  /** Rows to allocate at first (grown by half again when exceeded); default 65,536. */
  readonly expectedRows?: number;
  /** Called once the query is running on DuckDB's threads. */
  readonly onStart?: () => void;
}

/**
 * Like `queryColumns`, but the result is streamed: DuckDB hands over one chunk at a time and
 * keeps none of it, so the read costs the columns and no more (a materialised result of 10⁷
 * rows holds a second copy of every number until it is freed). Each numeric column gets its
 * own buffer of `expectedRows` rows (pages never written are never touched, so an estimate on
 * the high side costs address space, not memory). No `block` is returned.
 *
 * A streamed result that fails part way just ends (`fetch_chunk` cannot tell an error from
 * the end), so the query must not be able to fail once running: read CSV with
 * `ignore_errors = true, store_rejects = true` and check `reject_errors` afterwards
 * (`csvRejects`).
 * @example const q = await streamColumns(con, 'SELECT x FROM t', { numericCount: 1, textCount: 0 });
 */
export async function streamColumns(
  connection: Connection,
  sql: string,
  options: StreamColumnsOptions,
): Promise<Omit<QueriedColumns, 'block'>> {
  const { numericCount, textCount } = options;
  const prepared = await bindings.prepare(connection, sql);
  const running = bindings.execute_prepared_streaming(prepared);
  options.onStart?.();
  const result = await running;
  let capacity = Math.max(2048, Math.ceil(options.expectedRows ?? 65536));
  let numeric = Array.from({ length: numericCount }, () => new Float64Array(capacity));
  const text: (string | null)[][] = Array.from({ length: textCount }, () => []);
  const missing = new Array<number>(numericCount).fill(0);
  let rows = 0;
  let badRow = -1;
  let badColumn = -1;
  while (badRow < 0) {
    const chunk = await bindings.fetch_chunk(result);
    if (!chunk) break;
    const m = bindings.data_chunk_get_size(chunk);
    if (m === 0) break;
    if (rows + m > capacity) {
      capacity = Math.max(rows + m, Math.ceil(capacity * 1.5));
      numeric = numeric.map((col) => {
        const grown = new Float64Array(capacity);
        grown.set(col.subarray(0, rows));
        return grown;
      });
    }
    const bad = copyChunk(chunk, m, { at: rows, numeric, missing, text });
    badRow = bad.row;
    badColumn = bad.column;
    rows += m;
  }
  return {
    rows,
    numeric: numeric.map((col) => col.subarray(0, rows)),
    missing,
    text,
    badRow,
    badColumn,
    reserve: 0,
  };
}

/**
 * How many rows the CSV reader of this connection set aside as bad (`store_rejects`): 0 when
 * the whole file was read.
 * @example if ((await csvRejects(con)) > 0) readAgainTheCheckingWay()
 */
export async function csvRejects(connection: Connection): Promise<number> {
  const result = await bindings.query(connection, 'SELECT count(*)::DOUBLE FROM reject_errors');
  const chunk = bindings.result_get_chunk(result, 0);
  const bytes = bindings.vector_get_data(bindings.data_chunk_get_vector(chunk, 0), 8);
  return new Float64Array(bytes.buffer, bytes.byteOffset, 1)[0];
}
