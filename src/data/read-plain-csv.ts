import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CsvParseJob, CsvParseMessage } from './csv-parse-worker.js';
import { parseCsvRange, type CsvPlan, type ParsedBlock } from './csv-parser.js';
import type { CodedText, ColumnData } from './columns.js';
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
 * WebAssembly parser (`parseCsvRange`), on two worker threads for a large file, each parsing
 * half of its lines. A plain CSV is comma-separated, with a header that is the column names
 * joined by commas, no double quote or carriage return anywhere, every line as wide as the
 * header, and numeric cells that are plain numbers or missing (empty, NA, .). For any other
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
  const ranges =
    threads > 1 && existsSync(fileURLToPath(workerFile))
      ? await lineRanges(source.file, firstLine, size, threads)
      : null;
  const collected = ranges
    ? await parseOnWorkers(workerFile, source.file, ranges, plan)
    : parseHere(source.file, firstLine, size, plan);
  if (collected === null) return null;
  return assemble(source.path, collected, options);
}

/** The blocks of each range, in order, or null when the file is not plain. */
type Collected = ParsedBlock[][];

function parseHere(path: string, from: number, to: number, plan: CsvPlan): Collected | null {
  const blocks: ParsedBlock[] = [];
  return parseCsvRange(path, from, to, plan, (b) => blocks.push(b)) === 'ok' ? [blocks] : null;
}

async function parseOnWorkers(
  url: URL,
  path: string,
  ranges: readonly [number, number][],
  plan: CsvPlan,
): Promise<Collected | null> {
  const workers = ranges.map(() => new Worker(url));
  try {
    const results = await Promise.all(
      ranges.map(
        ([from, to], k) =>
          new Promise<ParsedBlock[] | null>((resolve, reject) => {
            const blocks: ParsedBlock[] = [];
            const worker = workers[k];
            worker.on('message', (message: CsvParseMessage) => {
              if ('block' in message) blocks.push(message.block);
              else if ('status' in message) resolve(message.status === 'ok' ? blocks : null);
              else reject(new Error(message.error));
            });
            worker.on('error', reject);
            worker.on('exit', () => reject(new Error('the CSV parsing worker stopped')));
            const job: CsvParseJob = { path, from, to, plan };
            worker.postMessage(job);
          }),
      ),
    );
    return results.some((r) => r === null) ? null : (results as Collected);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

const EMPTY: ParsedBlock = { rows: 0, numeric: [], codes: [], missing: [], newLevels: [] };

/** Puts the blocks end to end in columns; codes become codes into the levels of the file. */
function assemble(path: string, collected: Collected, options: PlainCsvOptions): ColumnData {
  let rows = 0;
  for (const blocks of collected) for (const b of blocks) rows += b.rows;
  const numeric = options.numeric.map(() => new Float64Array(rows));
  const missing = options.numeric.map(() => 0);
  const codes = options.coded.map(() => new Int32Array(rows));
  const levels = options.coded.map(() => [] as string[]);
  const index = options.coded.map(() => new Map<string, number>());
  let at = 0;
  for (const blocks of collected) {
    // This range's own levels, and their codes in the file (given in order of first sight).
    const own = options.coded.map(() => [] as string[]);
    const global = options.coded.map(() => [] as number[]);
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i];
      // Each block is let go once copied, so that the file's numbers are not held twice.
      blocks[i] = EMPTY;
      b.numeric.forEach((values, k) => {
        numeric[k].set(values, at);
        missing[k] += b.missing[k];
      });
      b.codes.forEach((values, t) => {
        own[t].push(...b.newLevels[t]);
        const map = global[t];
        const out = codes[t];
        for (let i = 0; i < b.rows; i++) {
          const c = values[i];
          if (c < 0) {
            out[at + i] = -1;
            continue;
          }
          let g: number | undefined = map[c];
          if (g === undefined) {
            // A value of this range: the file's code of the same text, or the next one.
            const level = own[t][c];
            g = index[t].get(level) ?? levels[t].push(level) - 1;
            index[t].set(level, g);
            map[c] = g;
          }
          out[at + i] = g;
        }
      });
      at += b.rows;
    }
  }
  return Object.freeze({
    path,
    rows,
    numeric: new Map(options.numeric.map((name, k) => [name, numeric[k]])),
    missing: new Map(options.numeric.map((name, k) => [name, missing[k]])),
    text: new Map(),
    coded: new Map<string, CodedText>(
      options.coded.map((name, t) => [
        name,
        Object.freeze({ codes: codes[t], levels: Object.freeze(levels[t]) }),
      ]),
    ),
  });
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
    return {
      header: sample.subarray(0, newline).toString('utf8'),
      firstLine: newline + 1,
      size,
    };
  } finally {
    await handle.close();
  }
}

/**
 * Splits the rows' bytes (from … to − 1) into `count` ranges that start at line starts: each
 * cut moves forward to just after the next "\n". Fewer ranges when lines are long.
 */
async function lineRanges(
  file: string,
  from: number,
  to: number,
  count: number,
): Promise<[number, number][]> {
  const handle = await open(file, 'r');
  try {
    const cuts = [from];
    const probe = Buffer.alloc(1 << 16);
    for (let k = 1; k < count; k++) {
      const target = from + Math.floor(((to - from) * k) / count);
      const { bytesRead } = await handle.read(probe, 0, probe.length, target - 1);
      const newline = probe.subarray(0, bytesRead).indexOf(10);
      const cut = newline < 0 ? to : target + newline;
      if (cut > cuts[cuts.length - 1] && cut < to) cuts.push(cut);
    }
    cuts.push(to);
    return cuts.slice(1).map((end, k) => [cuts[k], end] as [number, number]);
  } finally {
    await handle.close();
  }
}
