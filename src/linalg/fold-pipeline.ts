import {
  BY_MAIN,
  CLAIM,
  CONSUMED,
  FINAL,
  PRODUCED,
  SIZES,
  type FoldPipelineRun,
} from './fold-pipeline-worker.js';
import { FOLD_BLOCK as BLOCK, foldBlock, foldReflections } from './fold-rows.js';
import { postToRowWorker } from './parallel-rows.js';

const RING = 16;

export type { FoldPipelineRun } from './fold-pipeline-worker.js';

/** Blocks of rows being folded into one triangular factor, on this thread and a worker. */
export interface FoldPipeline {
  /** Where to write the next block: q columns of up to 256 rows, leading dimension 256. */
  slot(): Float64Array;
  /** The block in `slot()` holds m rows: fold it in (on its way to the worker). */
  push(m: number): void;
  /** Every block is pushed: the q×q upper-triangular factor, column-major. */
  finish(): Float64Array;
  /** Blocks whose last reflections the worker applied (0 when this thread folded alone). */
  workerBlocks(): number;
}

/** Options of `startFoldPipeline`. Defaults: `threads: 2`, `claimMs: 200`. */
export interface FoldPipelineOptions {
  /** 1: fold on this thread only; 2: share each block's reflections with a row worker. */
  readonly threads?: number;
  /** How long to wait for the worker to take its part before folding alone. */
  readonly claimMs?: number;
}

/**
 * Folds row blocks into the triangular factor of [T₀ = 0; A₁; A₂; …] exactly as `foldBlock`
 * on each block in turn does, bit for bit, with two threads: this one applies the first
 * reflections of block b (rows 0..L−1 of T) while a row worker applies the last ones of block
 * b − 1 (rows L..q−1), which touch other numbers (see `foldReflections`). Blocks pass through
 * a ring of 16 slots in shared memory. When no worker is free within `claimMs` (or with
 * `threads: 1`, or running from TypeScript sources), this thread folds every block itself.
 * @example const f = startFoldPipeline(q); for (…) { fill(f.slot()); f.push(m); } const T = f.finish();
 */
export function startFoldPipeline(q: number, options: FoldPipelineOptions = {}): FoldPipeline {
  const size = BLOCK * q;
  const run: FoldPipelineRun = {
    foldPipeline: true,
    T: new Float64Array(new SharedArrayBuffer(q * q * 8)),
    ring: new Float64Array(new SharedArrayBuffer(RING * size * 8)),
    state: new Int32Array(new SharedArrayBuffer((SIZES + RING) * 4)),
    q,
    split: splitPoint(q),
    slots: RING,
  };
  const { T, ring, state, split } = run;
  const claimMs = options.claimMs ?? 200;
  let alone = (options.threads ?? 2) < 2 || !postToRowWorker(run);
  let produced = 0;
  let consumed = 0; // blocks whose last reflections are done (read from the worker)
  let byWorker = 0;
  const slotOf = (b: number): Float64Array =>
    ring.subarray((b % RING) * size, ((b % RING) + 1) * size);
  /** Takes the worker's part back (it never started): folds the blocks waiting in the ring. */
  const takeOver = (): boolean => {
    if (Atomics.compareExchange(state, CLAIM, 0, BY_MAIN) !== 0) return false;
    for (let b = consumed; b < produced; b++) {
      foldReflections(T, q, slotOf(b), state[SIZES + (b % RING)], split, q);
    }
    consumed = produced;
    alone = true;
    return true;
  };
  /** Waits until the worker has finished `blocks` blocks (or takes over if it never started). */
  const waitFor = (blocks: number): void => {
    const since = performance.now();
    while (!alone && consumed < blocks) {
      consumed = Atomics.load(state, CONSUMED);
      if (consumed >= blocks) break;
      if (Atomics.load(state, CLAIM) === 0) {
        if (performance.now() - since > claimMs && takeOver()) break;
        Atomics.wait(state, CLAIM, 0, 5);
      } else Atomics.wait(state, CONSUMED, consumed, 50);
    }
  };
  return {
    slot: () => {
      if (!alone && produced - consumed >= RING) waitFor(produced - RING + 1);
      return slotOf(produced);
    },
    push: (m: number) => {
      const A = slotOf(produced);
      if (alone) {
        foldBlock(T, q, A, m);
        produced++;
        consumed = produced;
        return;
      }
      foldReflections(T, q, A, m, 0, split);
      state[SIZES + (produced % RING)] = m;
      produced++;
      Atomics.store(state, PRODUCED, produced);
      Atomics.notify(state, PRODUCED);
    },
    finish: () => {
      Atomics.store(state, FINAL, 1);
      Atomics.notify(state, PRODUCED);
      waitFor(produced);
      if (!alone && Atomics.load(state, CLAIM) === 0) takeOver();
      if (!alone) byWorker = Atomics.load(state, CONSUMED);
      return new Float64Array(T);
    },
    workerBlocks: () => byWorker,
  };
}

/**
 * The first reflection the worker applies: this thread also fills each block (about q passes
 * over its rows) and reflection l costs about 2(q − 1 − l) + 1 passes, so the split balances
 * the two.
 */
function splitPoint(q: number): number {
  const cost = (l: number): number => 2 * (q - 1 - l) + 1;
  let total = q;
  for (let l = 0; l < q; l++) total += cost(l);
  let mine = q;
  let L = 0;
  while (L < q - 1 && Math.abs(total - 2 * (mine + cost(L))) < Math.abs(total - 2 * mine)) {
    mine += cost(L);
    L++;
  }
  return Math.max(1, L);
}
