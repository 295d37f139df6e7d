import { existsSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CSV_KIND, csvFormatter, labelTable, type CsvBlockColumn } from './csv-formatter.js';
import type { CsvWorkerReply, CsvWorkerRequest } from './csv-format-worker.js';
import type { Table, TableColumn } from './table.js';

/** Rows per block formatted at once (about 10 MB of text at 150 bytes a row). */
const BLOCK_ROWS = 1 << 16;
/** Blocks in flight per worker. */
const IN_FLIGHT = 4;
/** Below this many rows the blocks are formatted on the calling thread. */
const PARALLEL_MIN_ROWS = 200_000;

/**
 * Writes a table as CSV to `path` (created or truncated): a header of the column names, then
 * one line per row, comma-separated, "\n"-terminated, byte for byte what DuckDB's
 * `COPY … (FORMAT csv, HEADER true)` writes for the same typed table. Doubles are written in
 * the shortest form that reads back to the same double; NaN, negative booleans and codes
 * outside the labels (or with an empty label) are empty cells; a text or label is quoted when
 * it is empty or holds a comma, a quote, `#`, CR or LF. Blocks of 65,536 rows are formatted
 * by WebAssembly (see `csvFormatter`) on `threads` worker threads (default: two on a machine
 * with two cores or more, for 200,000 rows or more; 0 formats on this thread) and written in
 * order, so memory stays a few blocks whatever the table's length. It does not make the file
 * appear atomically: `writeTable` writes it under a temporary name.
 * @example await writeCsv('out.csv', { rows: 2, columns: [{ name: 'v', type: 'double', values: v }] })
 */
export async function writeCsv(
  path: string,
  table: Table,
  options: { threads?: number; blockRows?: number } = {},
): Promise<void> {
  const blockRows = Math.max(1, Math.floor(options.blockRows ?? BLOCK_ROWS));
  const labels = table.columns.map((c) =>
    c.type === 'category'
      ? labelTable(c.labels.map((l) => (l === '' ? '' : quoteCsvCell(l))))
      : null,
  );
  const block = (from: number, to: number): CsvBlockColumn[] =>
    table.columns.map((c, j) => blockColumn(c, labels[j], from, to));
  const handle = await open(path, 'w');
  const workers = startWorkers(options.threads ?? csvThreads(table.rows));
  try {
    const header = `${table.columns.map((c) => quoteCsvCell(c.name)).join(',')}\n`;
    await writeAll(handle, Buffer.from(header, 'utf8'));
    if (workers.length === 0) {
      const formatter = csvFormatter();
      for (let from = 0; from < table.rows; from += blockRows) {
        const to = Math.min(table.rows, from + blockRows);
        await writeAll(handle, formatter.formatBlock(block(from, to), to - from));
      }
      return;
    }
    // Blocks go to the workers in turn; at most four per worker are in flight (so that the
    // workers keep formatting while a write waits on the disk), and each is written as soon
    // as the ones before it are.
    const pending: Promise<Uint8Array>[] = [];
    let id = 0;
    for (let from = 0; from < table.rows; from += blockRows) {
      const first = pending.length >= IN_FLIGHT * workers.length ? pending.shift() : undefined;
      if (first) await writeAll(handle, await first);
      const to = Math.min(table.rows, from + blockRows);
      const next = workers[id % workers.length].format(id++, block(from, to), to - from);
      next.catch(() => undefined); // awaited in order below
      pending.push(next);
    }
    for (const next of pending) await writeAll(handle, await next);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await handle.close();
  }
}

/** Writes all the bytes, however many calls the file system takes. */
async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length;) {
    const { bytesWritten } = await handle.write(bytes, at, bytes.length - at);
    at += bytesWritten;
  }
}

/**
 * A cell as a CSV writer that quotes like DuckDB writes it: quoted (with quotes doubled)
 * when empty or holding a comma, a double quote, `#`, CR or LF; as is otherwise.
 * @example quoteCsvCell('a,b') // '"a,b"'
 */
export function quoteCsvCell(text: string): string {
  return text === '' || /[,"#\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Worker threads for a table of `rows` rows (see `writeCsv`). */
function csvThreads(rows: number): number {
  return rows >= PARALLEL_MIN_ROWS && availableParallelism() > 1 ? 2 : 0;
}

/** Rows from … to − 1 of a column, copied, as the formatter takes them. */
function blockColumn(
  c: TableColumn,
  labels: Uint8Array | null,
  from: number,
  to: number,
): CsvBlockColumn {
  switch (c.type) {
    case 'double':
      return { kind: CSV_KIND.double, data: c.values.slice(from, to), labels: null };
    case 'integer':
      return c.values instanceof Int32Array
        ? { kind: CSV_KIND.int32, data: c.values.slice(from, to), labels: null }
        : { kind: CSV_KIND.whole, data: c.values.slice(from, to), labels: null };
    case 'boolean':
      return { kind: CSV_KIND.boolean, data: c.values.slice(from, to), labels: null };
    case 'category': {
      const codes = c.codes;
      const kind =
        codes instanceof Int8Array
          ? CSV_KIND.int8Code
          : codes instanceof Uint8Array
            ? CSV_KIND.uint8Code
            : codes instanceof Int16Array
              ? CSV_KIND.int16Code
              : CSV_KIND.uint16Code;
      return { kind, data: codes.slice(from, to), labels };
    }
    case 'text': {
      const cells: string[] = [];
      for (let r = from; r < to; r++) {
        const x = c.values[r];
        cells.push(x === null || x === undefined ? '' : quoteCsvCell(x));
      }
      return { kind: CSV_KIND.text, data: new Uint8Array(0), labels: labelTable(cells) };
    }
  }
}

interface FormatWorker {
  format(id: number, columns: readonly CsvBlockColumn[], rows: number): Promise<Uint8Array>;
  stop(): Promise<void>;
}

/** Starts `count` formatting workers; none when running from TypeScript sources. */
function startWorkers(count: number): FormatWorker[] {
  const url = new URL('./csv-format-worker.js', import.meta.url);
  if (count < 1 || !existsSync(fileURLToPath(url))) return [];
  return Array.from({ length: count }, () => {
    const worker = new Worker(url);
    const waiting = new Map<
      number,
      { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }
    >();
    const fail = (e: Error): void => {
      for (const w of waiting.values()) w.reject(e);
      waiting.clear();
    };
    worker.on('message', (reply: CsvWorkerReply) => {
      const w = waiting.get(reply.id);
      waiting.delete(reply.id);
      if ('error' in reply) w?.reject(new Error(reply.error));
      else w?.resolve(reply.bytes);
    });
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('the CSV formatting worker stopped')));
    return {
      format(id, columns, rows) {
        return new Promise<Uint8Array>((resolve, reject) => {
          waiting.set(id, { resolve, reject });
          const request: CsvWorkerRequest = { id, columns, rows };
          worker.postMessage(
            request,
            columns.flatMap((c) => [c.data.buffer as ArrayBuffer]),
          );
        });
      },
      async stop() {
        await worker.terminate();
      },
    };
  });
}
