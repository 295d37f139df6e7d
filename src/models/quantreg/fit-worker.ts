import { parentPort } from 'node:worker_threads';
import { fitTau, type TauSpec } from './fit-tau.js';

/** A job for a worker: the shared data and one τ. */
export interface WorkerJob {
  readonly rows: number;
  readonly cols: number;
  readonly x: SharedArrayBuffer;
  readonly y: SharedArrayBuffer;
  readonly cluster: SharedArrayBuffer | null;
  readonly spec: Omit<TauSpec, 'cluster'>;
  readonly tau: number;
  readonly index: number;
}

// Worker entry: fit each τ it is sent, on the data the main thread shares without copying.
parentPort?.on('message', (job: WorkerJob) => {
  const X = { rows: job.rows, cols: job.cols, data: new Float64Array(job.x) };
  const y = new Float64Array(job.y);
  const cluster = job.cluster ? new Int32Array(job.cluster) : null;
  const result = fitTau(X, y, job.tau, { ...job.spec, cluster });
  parentPort?.postMessage({ index: job.index, result });
});
