import { foldRows, type FoldSource } from './fold-rows.js';

/**
 * Work split into fixed row chunks, each with its own output slot, so the result does not depend
 * on which thread did which chunk: `fold` folds the chunk's rows into a q×q triangular factor
 * (q = p + 1), `fit` writes fitted values ŷ = Xβ (over `columns`, summed in that order) and
 * residuals and sums [Σ wᵢeᵢ², Σ wᵢ, Σ wᵢŷᵢ], `crossprod` sums Σ ωᵢ xᵢxᵢ' over the chunk for
 * the design columns `columns`.
 */
export type ChunkJob =
  | { readonly kind: 'fold'; readonly src: FoldSource }
  | {
      readonly kind: 'fit';
      readonly x: Float64Array;
      readonly n: number;
      readonly columns: Int32Array;
      readonly coefficients: Float64Array;
      readonly y: Float64Array;
      readonly weights: Float64Array | null;
      /** Outputs, written row by row: Xβ and y − Xβ. */
      readonly fitted: Float64Array;
      readonly residuals: Float64Array;
    }
  | {
      readonly kind: 'crossprod';
      readonly x: Float64Array;
      readonly n: number;
      readonly columns: Int32Array;
      readonly weights: Float64Array;
    };

/** Shared state of a chunked run: the job, its chunk bounds and per-chunk output and state. */
export interface ChunkRun {
  readonly job: ChunkJob;
  /** chunks + 1 row bounds. */
  readonly bounds: Int32Array;
  /** chunks × slot numbers. */
  readonly out: Float64Array;
  /** [next chunk to claim, then one state per chunk, then the thread (0 = main) of each]. */
  readonly state: Int32Array;
  /**
   * [rows available so far], −1 once the run is abandoned: a chunk is computed only when all
   * its rows are there (rows may still be arriving, see `startChunks`).
   */
  readonly ready: Int32Array;
}

/** Chunk states in `ChunkRun.state[1 + c]`. */
export const CLAIMED = 1;
export const DONE = 2;
export const FAILED = 3;

/** Numbers in one chunk's output slot. */
export function slotSize(job: ChunkJob): number {
  if (job.kind === 'fold') return (job.src.p + 1) ** 2;
  if (job.kind === 'fit') return 3;
  return job.columns.length ** 2;
}

/**
 * Claims chunks of `run` one at a time until none is left, computing each into its slot
 * (waiting, when rows are still arriving, until the chunk's rows are there; returning if the
 * run is abandoned meanwhile). Called by every thread taking part; a chunk whose computation
 * throws is marked failed.
 * @example workChunks(run, 0) // on the main thread, and workChunks(run, t) on worker t
 */
export function workChunks(run: ChunkRun, thread: number): void {
  const chunks = run.bounds.length - 1;
  const size = slotSize(run.job);
  for (;;) {
    const c = Atomics.add(run.state, 0, 1);
    if (c >= chunks) return;
    Atomics.store(run.state, 1 + c, CLAIMED);
    run.state[1 + chunks + c] = thread;
    if (!awaitRows(run.ready, run.bounds[c + 1])) return;
    let s = DONE;
    try {
      computeChunk(
        run.job,
        run.out.subarray(c * size, (c + 1) * size),
        run.bounds[c],
        run.bounds[c + 1],
      );
    } catch {
      s = FAILED;
    }
    Atomics.store(run.state, 1 + c, s);
    Atomics.notify(run.state, 1 + c);
  }
}

/** Waits until `rows` rows are ready; false if the run was abandoned (ready = −1). */
function awaitRows(ready: Int32Array, rows: number): boolean {
  for (;;) {
    const r = Atomics.load(ready, 0);
    if (r < 0) return false;
    if (r >= rows) return true;
    Atomics.wait(ready, 0, r);
  }
}

/** Computes one chunk's output (zeroed first). */
export function computeChunk(job: ChunkJob, slot: Float64Array, start: number, end: number): void {
  slot.fill(0);
  if (job.kind === 'fold') {
    foldRows(slot, job.src, start, end);
    return;
  }
  if (job.kind === 'fit') {
    fitChunk(job, slot, start, end);
    return;
  }
  const { x, n, columns, weights } = job;
  const k = columns.length;
  const wa = new Float64Array(ROW_BLOCK);
  // rows in blocks that stay in cache while every pair of columns is summed
  for (let s0 = start; s0 < end; s0 += ROW_BLOCK) {
    const len = Math.min(ROW_BLOCK, end - s0);
    for (let a = 0; a < k; a++) {
      const oa = columns[a] * n + s0;
      for (let i = 0; i < len; i++) wa[i] = x[oa + i] * weights[s0 + i];
      let b = a;
      for (; b + 1 < k; b += 2) {
        // two columns per pass: each weighted entry is loaded once for both
        const ob = columns[b] * n + s0;
        const oc = columns[b + 1] * n + s0;
        let s = slot[a + b * k];
        let t = slot[a + (b + 1) * k];
        for (let i = 0; i < len; i++) {
          const v = wa[i];
          s += v * x[ob + i];
          t += v * x[oc + i];
        }
        slot[a + b * k] = s;
        slot[a + (b + 1) * k] = t;
      }
      for (; b < k; b++) {
        const ob = columns[b] * n + s0;
        let s = slot[a + b * k];
        for (let i = 0; i < len; i++) s += wa[i] * x[ob + i];
        slot[a + b * k] = s;
      }
    }
  }
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) slot[b + a * k] = slot[a + b * k];
}

function fitChunk(
  job: Extract<ChunkJob, { kind: 'fit' }>,
  slot: Float64Array,
  start: number,
  end: number,
): void {
  const { x, n, columns, coefficients, y, weights: w, fitted, residuals } = job;
  let rss = 0;
  let sw = 0;
  let swf = 0;
  for (let s0 = start; s0 < end; s0 += ROW_BLOCK) {
    const s1 = Math.min(end, s0 + ROW_BLOCK);
    fitted.fill(0, s0, s1);
    for (let c = 0; c < columns.length; c++) {
      const off = columns[c] * n;
      const bc = coefficients[c];
      for (let i = s0; i < s1; i++) fitted[i] += x[off + i] * bc;
    }
    for (let i = s0; i < s1; i++) {
      const e = y[i] - fitted[i];
      residuals[i] = e;
      const wi = w ? w[i] : 1;
      rss += wi * e * e;
      sw += wi;
      swf += wi * fitted[i];
    }
  }
  slot[0] = rss;
  slot[1] = sw;
  slot[2] = swf;
}

/** Rows per cache block in `crossprod` (k columns × 1024 rows × 8 bytes stay in L2). */
const ROW_BLOCK = 1024;
