/**
 * Worker of `tsqr`: folds its row block of the shared design into its q×q slot of `out`, then
 * sets its `status` to done (or failed) and wakes the waiting thread.
 */
import { workerData } from 'node:worker_threads';
import { foldRows, type FoldSource } from './fold-rows.js';
import { DONE, FAILED, STARTED } from './tsqr.js';

interface Job {
  readonly src: FoldSource;
  readonly out: Float64Array;
  readonly status: Int32Array;
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

const job = workerData as Job;
Atomics.store(job.status, job.index, STARTED);
Atomics.notify(job.status, job.index);
try {
  const q = job.src.p + 1;
  foldRows(
    job.out.subarray(job.index * q * q, (job.index + 1) * q * q),
    job.src,
    job.start,
    job.end,
  );
  Atomics.store(job.status, job.index, DONE);
} catch {
  Atomics.store(job.status, job.index, FAILED);
}
Atomics.notify(job.status, job.index);
