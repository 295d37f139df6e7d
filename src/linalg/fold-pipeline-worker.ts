/** The worker side of `startFoldPipeline` (see fold-pipeline.ts): no import of the worker pool. */
import { FOLD_BLOCK as BLOCK, foldReflections } from './fold-rows.js';

/** What a row worker is sent (see `workFoldPipeline`). */
export interface FoldPipelineRun {
  readonly foldPipeline: true;
  readonly T: Float64Array;
  readonly ring: Float64Array;
  /** [CLAIM, PRODUCED, CONSUMED, FINAL, then the rows of each ring slot]. */
  readonly state: Int32Array;
  readonly q: number;
  /** The worker applies reflections split..q−1 of each block. */
  readonly split: number;
  readonly slots: number;
}

/** Indices into `FoldPipelineRun.state`, and who claimed the worker's part. */
export const CLAIM = 0;
export const PRODUCED = 1;
export const CONSUMED = 2;
export const FINAL = 3;
export const SIZES = 4;
export const BY_WORKER = 1;
export const BY_MAIN = 2;

/**
 * A row worker's part of a fold pipeline: claims it (unless this thread took it back), then
 * applies reflections split..q−1 to each block in turn as it arrives, until the last.
 * @example parentPort.on('message', (run) => workFoldPipeline(run))
 */
export function workFoldPipeline(run: FoldPipelineRun): void {
  const { T, ring, state, q, split, slots } = run;
  if (Atomics.compareExchange(state, CLAIM, 0, BY_WORKER) !== 0) return;
  Atomics.notify(state, CLAIM);
  const size = BLOCK * q;
  for (let b = 0; ; b++) {
    for (;;) {
      const produced = Atomics.load(state, PRODUCED);
      if (produced > b) break;
      if (Atomics.load(state, FINAL) === 1 && Atomics.load(state, PRODUCED) <= b) return;
      Atomics.wait(state, PRODUCED, produced, 50);
    }
    const s = b % slots;
    foldReflections(T, q, ring.subarray(s * size, (s + 1) * size), state[SIZES + s], split, q);
    Atomics.store(state, CONSUMED, b + 1);
    Atomics.notify(state, CONSUMED);
  }
}
