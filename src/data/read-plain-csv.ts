import { isUtf8 } from 'node:buffer';
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CsvParseJob, CsvParseReply } from './csv-parse-worker.js';
import { CSV_INPUT_BYTES, parseCsvRange, type CsvPlan, type ParsedBlock } from './csv-parser.js';
import type { CodedText, ColumnData } from './columns.js';
import { estimatedRows } from './estimated-rows.js';
import type { Source } from './source.js';

/** Files of at least this many bytes of rows are parsed on two worker threads. */
const PARALLEL_MIN_BYTES = 16 << 20;

/** Options of `readPlainCsv`. */
export interface PlainCsvOptions {
  readonly numeric: readonly string[];
  readonly coded: readonly string[];
  /** Worker threads (default: two for a file of 16 MB or more on two cores or more, else 0). */
  readonly threads?: number;
}

/**
 * Reads the named numeric and coded columns of a plain CSV file without DuckDB, by the
 * WebAssembly parser (`csvParser`): for a large file this thread reads chunks of whole lines
 * and two worker threads parse them in turn. A plain CSV is UTF-8 (checked chunk by chunk
 * as it is read, so the caller need not scan the file for its encoding first),
 * comma-separated, with a header that is the column names joined by commas, no double quote
 * or carriage return anywhere, every line as wide as the header, and numeric cells that are
 * plain numbers or missing (empty, NA, .). For any other
 * file it returns null (having read at most up to the first line it does not take), and the
 * caller reads it through DuckDB, which takes it or names the cell at fault. The columns are
 * what DuckDB's reader gives: the same doubles, NaN for missing, codes in order of first
 * appearance.
 * @example const data = await readPlainCsv(source, { numeric: ['income'], coded: ['county'] }) ?? await readThroughDuckDB()
 */
export async function readPlainCsv(
  source: Source,
  options: PlainCsvOptions,
): Promise<ColumnData | null> {
  if (source.format !== 'csv' || source.delim !== ',') return null;
  const { numeric, coded } = options;
  const wanted = [...numeric, ...coded];
  if (new Set(wanted).size !== wanted.length) return null;
  if (wanted.some((name) => !source.names.includes(name))) return null;
  const head = await fileHead(source.file);
  if (head === null) return null;
  const { header, size, firstLine } = head;
  if (header !== source.names.join(',') || size <= firstLine) return null;
  const fields = Int32Array.from(source.names, (name) => {
    const k = numeric.indexOf(name);
    if (k >= 0) return k;
    const t = coded.indexOf(name);
    return t >= 0 ? -2 - t : -1;
  });
  const plan: CsvPlan = { fields, numericCount: numeric.length, codedCount: coded.length };
  const workerFile = new URL('./csv-parse-worker.js', import.meta.url);
  const threads =
    options.threads ??
    (size - firstLine >= PARALLEL_MIN_BYTES && availableParallelism() > 1 ? 2 : 0);
  // Room for the rows the first megabyte's lines suggest, and 5% more (grown if need be).
  const sink = columnSink(options, await estimatedRows(source.file, { margin: 1.05 }));
  const ok =
    threads > 1 && existsSync(fileURLToPath(workerFile))
      ? await parseOnWorkers(workerFile, source.file, [firstLine, size], plan, sink, threads)
      : parseCsvRange(source.file, firstLine, size, plan, (b) => sink.append(b, 0)) === 'ok';
  return ok ? sink.finish(source.path) : null;
}

/** Chunks of whole lines in flight per worker. */
const IN_FLIGHT = 3;

/**
 * Reads the rows' bytes in chunks of whole lines on this thread and has `threads` workers
 * parse them in turn; their blocks are appended in file order as they come back. False when
 * a worker finds the file not plain.
 */
async function parseOnWorkers(
  url: URL,
  path: string,
  [from, to]: [number, number],
  plan: CsvPlan,
  sink: ColumnSink,
  threads: number,
): Promise<boolean> {
  const workers = Array.from({ length: threads }, () => new Worker(url));
  const waiting = new Map<number, (reply: CsvParseReply) => void>();
  let failure: Error | null = null;
  for (const worker of workers) {
    worker.on('message', (reply: CsvParseReply) => {
      waiting.get(reply.id)?.(reply);
      waiting.delete(reply.id);
    });
    const fail = (e: Error): void => {
      failure ??= e;
      for (const resolve of waiting.values()) resolve({ id: -1, error: e.message });
      waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('the CSV parsing worker stopped')));
    worker.postMessage({ plan } satisfies CsvParseJob);
  }
  const handle = await open(path, 'r');
  try {
    const pending: { worker: number; reply: Promise<CsvParseReply> }[] = [];
    /** Appends the oldest chunk's blocks; false when the file is not plain. */
    const settle = async (): Promise<boolean> => {
      const { worker, reply } = pending.shift()!;
      const r = await reply;
      if ('error' in r) throw failure ?? new Error(r.error);
      if ('status' in r) return false;
      for (const block of r.blocks) sink.append(block, worker);
      return true;
    };
    let carry = Buffer.alloc(0);
    let position = from;
    for (let id = 0; position < to || carry.length > 0; id++) {
      const chunk = Buffer.allocUnsafeSlow(CSV_INPUT_BYTES);
      carry.copy(chunk);
      let end = carry.length;
      while (end < CSV_INPUT_BYTES - 1 && position < to) {
        const want = Math.min(CSV_INPUT_BYTES - 1 - end, to - position);
        const { bytesRead } = await handle.read(chunk, end, want, position);
        if (bytesRead === 0) break;
        end += bytesRead;
        position += bytesRead;
      }
      const eof = position >= to;
      if (eof && end > 0 && chunk[end - 1] !== 10) chunk[end++] = 10;
      const whole = eof ? end : chunk.lastIndexOf(10, end - 1) + 1;
      if (whole === 0 && !eof) return false; // a line longer than a chunk
      // Whole lines never cut a character: text in another encoding shows here.
      if (!isUtf8(chunk.subarray(0, whole))) return false;
      carry = Buffer.from(chunk.subarray(whole, end));
      const worker = id % threads;
      const reply = new Promise<CsvParseReply>((resolve) => waiting.set(id, resolve));
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, whole);
      workers[worker].postMessage({ id, bytes } satisfies CsvParseJob, [
        chunk.buffer as ArrayBuffer,
      ]);
      pending.push({ worker, reply });
      if (pending.length >= IN_FLIGHT * threads && !(await settle())) return false;
      if (eof) break;
    }
    while (pending.length > 0) if (!(await settle())) return false;
    return true;
  } finally {
    await handle.close();
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Growing columns that blocks are appended to in file order. */
interface ColumnSink {
  /** Appends a block parsed by parser `producer` (whose own level codes it maps). */
  append(block: ParsedBlock, producer: number): void;
  finish(path: string): ColumnData;
}

/**
 * Columns of `capacity` rows to start with, grown by a quarter when full; codes are mapped
 * from each parser's own levels to the file's (in order of first appearance in the file).
 */
function columnSink(options: PlainCsvOptions, capacity: number): ColumnSink {
  let numeric = options.numeric.map(() => new Float64Array(capacity));
  let codes = options.coded.map(() => new Int32Array(capacity));
  const missing = options.numeric.map(() => 0);
  const levels = options.coded.map(() => [] as string[]);
  const index = options.coded.map(() => new Map<string, number>());
  // Per parser: its levels so far, and their codes in the file.
  const own = new Map<number, { levels: string[][]; global: number[][] }>();
  let rows = 0;
  const grow = (needed: number): void => {
    const size = Math.max(needed, Math.ceil((numeric[0]?.length ?? codes[0].length) * 1.25));
    numeric = numeric.map((c) => {
      const bigger = new Float64Array(size);
      bigger.set(c.subarray(0, rows));
      return bigger;
    });
    codes = codes.map((c) => {
      const bigger = new Int32Array(size);
      bigger.set(c.subarray(0, rows));
      return bigger;
    });
  };
  return {
    append(b, producer) {
      if (rows + b.rows > (numeric[0]?.length ?? codes[0].length)) grow(rows + b.rows);
      b.numeric.forEach((values, k) => {
        numeric[k].set(values, rows);
        missing[k] += b.missing[k];
      });
      let mine = own.get(producer);
      if (mine === undefined) {
        mine = { levels: options.coded.map(() => []), global: options.coded.map(() => []) };
        own.set(producer, mine);
      }
      const { levels: ownLevels, global } = mine;
      b.codes.forEach((values, t) => {
        ownLevels[t].push(...b.newLevels[t]);
        const map = global[t];
        const out = codes[t];
        for (let i = 0; i < b.rows; i++) {
          const c = values[i];
          if (c < 0) {
            out[rows + i] = -1;
            continue;
          }
          let g: number | undefined = map[c];
          if (g === undefined) {
            // A value new to this parser: the file's code of the same text, or the next one.
            const level = ownLevels[t][c];
            g = index[t].get(level) ?? levels[t].push(level) - 1;
            index[t].set(level, g);
            map[c] = g;
          }
          out[rows + i] = g;
        }
      });
      rows += b.rows;
    },
    finish(path) {
      return Object.freeze({
        path,
        rows,
        numeric: new Map(options.numeric.map((name, k) => [name, numeric[k].subarray(0, rows)])),
        missing: new Map(options.numeric.map((name, k) => [name, missing[k]])),
        text: new Map(),
        coded: new Map<string, CodedText>(
          options.coded.map((name, t) => [
            name,
            Object.freeze({
              codes: codes[t].subarray(0, rows),
              levels: Object.freeze(levels[t]),
            }),
          ]),
        ),
      });
    },
  };
}

/** The header line (without its "\n"), where the rows start, and the file's size. */
async function fileHead(
  file: string,
): Promise<{ header: string; firstLine: number; size: number } | null> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const sample = Buffer.alloc(Math.min(size, 1 << 20));
    const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
    const newline = sample.subarray(0, bytesRead).indexOf(10);
    if (newline < 0) return null;
    return { header: sample.subarray(0, newline).toString('utf8'), firstLine: newline + 1, size };
  } finally {
    await handle.close();
  }
}
