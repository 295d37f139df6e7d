import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  computeChunk,
  DONE,
  slotSize,
  workChunks,
  type ChunkJob,
  type ChunkRun,
} from './row-chunks.js';

/** Per-chunk outputs of `runChunks`, in row order, and how many chunks workers computed. */
export interface ChunkResult {
  readonly chunks: number;
  /** chunks × slot numbers: chunk c's output at c·slot. */
  readonly out: Float64Array;
  readonly slot: number;
  readonly byWorkers: number;
}

/** Options of `runChunks`. Defaults: `threads: 2`, `chunkRows: 65536`. */
export interface RunChunksOptions {
  readonly threads?: number;
  readonly chunkRows?: number;
}

const workers: Worker[] = [];

/** n·p (rows × columns) above which row work is split over worker threads by default. */
export const PARALLEL_MIN_CELLS = 2e6;

/**
 * The default number of threads for row work on n rows of p columns: two where the machine
 * has them and n·p exceeds `PARALLEL_MIN_CELLS`, else one.
 * @example rowThreads(1_000_000, 11) // 2 on a two-core machine
 */
export function rowThreads(n: number, p: number): number {
  return n * p > PARALLEL_MIN_CELLS ? Math.min(2, availableParallelism()) : 1;
}

/**
 * Starts (once per process) the worker threads that `runChunks` uses besides the calling
 * thread, so that their start-up overlaps other work, e.g. reading the data. Workers are
 * unreferenced: they never keep the process alive. Returns how many are running; 0 when the
 * worker file is not there (running from TypeScript sources), and the caller does all chunks.
 * @example startRowWorkers({ threads: 2 }) // during the parse
 */
export function startRowWorkers(options: { threads?: number } = {}): number {
  const wanted = Math.max(1, Math.floor(options.threads ?? 2)) - 1;
  const url = new URL('./row-worker.js', import.meta.url);
  if (wanted > workers.length && !existsSync(fileURLToPath(url))) return workers.length;
  while (workers.length < wanted) {
    const worker = new Worker(url, { workerData: { thread: workers.length + 1 } });
    worker.on('error', () => undefined); // its chunks are then computed by the caller
    worker.unref();
    workers.push(worker);
  }
  return workers.length;
}

/**
 * Posts a message to the first row worker, starting it if needed (see `startRowWorkers`):
 * false when there is none (running from TypeScript sources), and the caller works alone.
 * @example if (!postToRowWorker(run)) foldEverythingHere()
 */
export function postToRowWorker(message: unknown): boolean {
  if (startRowWorkers({ threads: Math.max(2, workers.length + 1) }) < 1) return false;
  workers[0].postMessage(message);
  return true;
}

/**
 * Computes a job over n rows in fixed chunks of `chunkRows`, on this thread and `threads − 1`
 * worker threads at once (inputs must be in shared memory). Chunks are claimed as threads come
 * free, and each has its own output slot, so the result is the same whoever computed what; a
 * chunk a worker failed on is computed again here. Blocks the calling thread until done.
 * @example const { out, chunks } = runChunks(job, n, { threads: 2 })
 */
export function runChunks(job: ChunkJob, n: number, options: RunChunksOptions = {}): ChunkResult {
  return startChunks(job, n, { ...options, available: n }).finish();
}

/** A chunked run whose rows are still arriving (see `startChunks`). */
export interface ChunkStream {
  /** Rows 0..rows−1 of every input are now in place: workers may compute their chunks. */
  advance(rows: number): void;
  /** All rows are in place: computes what is left, here and on the workers, and waits. */
  finish(): ChunkResult;
  /** Abandons the run: workers stop waiting for rows, and nothing more is computed. */
  cancel(): void;
}

/**
 * Starts `runChunks` before the rows are all there: worker threads compute each chunk as soon
 * as `advance` says its rows have arrived, while this thread goes on producing them (reading
 * a file, say); `finish` then joins in, as `runChunks` does, and the result is the same.
 * Options as `runChunks`, and `available`: the rows already there (default 0). Call `finish`
 * or `cancel`: a worker waiting for rows serves no other run meanwhile.
 * @example const s = startChunks(job, n, { threads: 2 }); s.advance(65536); …; s.finish()
 */
export function startChunks(
  job: ChunkJob,
  n: number,
  options: RunChunksOptions & { readonly available?: number } = {},
): ChunkStream {
  const threads = Math.max(1, Math.floor(options.threads ?? 2));
  const chunkRows = Math.max(1, Math.floor(options.chunkRows ?? 65536));
  const chunks = Math.max(1, Math.ceil(n / chunkRows));
  const bounds = new Int32Array(chunks + 1);
  for (let c = 0; c <= chunks; c++) bounds[c] = Math.round((c * n) / chunks);
  const slot = slotSize(job);
  const ready = new Int32Array(new SharedArrayBuffer(4));
  ready[0] = Math.min(n, Math.max(0, Math.floor(options.available ?? 0)));
  const run: ChunkRun = {
    job,
    bounds,
    out: new Float64Array(new SharedArrayBuffer(chunks * slot * 8)),
    state: new Int32Array(new SharedArrayBuffer((1 + 2 * chunks) * 4)),
    ready,
  };
  const helpers = threads > 1 ? startRowWorkers({ threads }) : 0;
  for (let t = 0; t < Math.min(helpers, threads - 1); t++) workers[t].postMessage(run);
  const advance = (rows: number): void => {
    if (Atomics.load(ready, 0) < 0) return;
    Atomics.store(ready, 0, Math.min(n, Math.max(Atomics.load(ready, 0), rows)));
    Atomics.notify(ready, 0);
  };
  return {
    advance,
    cancel: () => {
      Atomics.store(run.state, 0, chunks); // nothing left to claim
      Atomics.store(ready, 0, -1);
      Atomics.notify(ready, 0);
    },
    finish: () => {
      if (Atomics.load(ready, 0) < 0) throw new Error('finish after cancel');
      advance(n);
      workChunks(run, 0);
      let byWorkers = 0;
      for (let c = 0; c < chunks; c++) {
        let s = Atomics.load(run.state, 1 + c);
        while (s !== DONE && s < DONE) {
          Atomics.wait(run.state, 1 + c, s, 1000);
          s = Atomics.load(run.state, 1 + c);
        }
        if (s !== DONE)
          computeChunk(job, run.out.subarray(c * slot, (c + 1) * slot), bounds[c], bounds[c + 1]);
        else if (run.state[1 + chunks + c] !== 0) byWorkers++;
      }
      return { chunks, out: run.out, slot, byWorkers };
    },
  };
}
