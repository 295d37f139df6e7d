import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Matrix } from '../../linalg/matrix.js';
import { fitTau, type TauResult, type TauSpec } from './fit-tau.js';
import type { WorkerJob } from './fit-worker.js';

/** Rows from which fitting τ's in worker threads pays for starting them. */
export const PARALLEL_MIN_ROWS = 100_000;

/** Options of `fitTausParallel`. Defaults: `threads` = available cores (at most the τ count). */
export interface ParallelOptions {
  readonly threads?: number;
  readonly onTau?: (done: number, total: number) => void;
}

/**
 * Fits every τ (with its analytic covariance) using worker threads: the design, y and the
 * cluster codes are copied once into SharedArrayBuffers that every worker reads in place,
 * and the τ's are handed out one at a time. Falls back to the calling thread for one thread
 * or when the compiled worker is unavailable (as under a TypeScript test runner). Results
 * are identical either way.
 * @example await fitTausParallel(X, y, [0.3, 0.5, 0.7, 0.9], spec)
 */
export async function fitTausParallel(
  X: Matrix,
  y: Float64Array,
  taus: readonly number[],
  spec: TauSpec,
  options: ParallelOptions = {},
): Promise<TauResult[]> {
  const threads = Math.min(options.threads ?? availableParallelism(), taus.length);
  const workerUrl = new URL('./fit-worker.js', import.meta.url);
  const workerPath = fileURLToPath(workerUrl);
  if (threads <= 1 || !existsSync(workerPath)) {
    return taus.map((tau, t) => {
      const r = fitTau(X, y, tau, spec);
      options.onTau?.(t + 1, taus.length);
      return r;
    });
  }
  const x = shared(X.data);
  const ys = shared(y);
  const cluster = spec.cluster ? shared(spec.cluster) : null;
  const plainSpec = {
    se: spec.se,
    bandwidth: spec.bandwidth,
    method: spec.method,
    clusters: spec.clusters,
  };
  const results: TauResult[] = new Array(taus.length);
  let next = 0;
  let done = 0;
  await new Promise<void>((resolve, reject) => {
    const workers = Array.from({ length: threads }, () => new Worker(workerUrl));
    let settled = false;
    const finish = (e?: unknown): void => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      if (e) reject(e instanceof Error ? e : new Error(String(e)));
      else resolve();
    };
    const send = (w: Worker): void => {
      if (next >= taus.length) return;
      const index = next++;
      const job: WorkerJob = {
        rows: X.rows,
        cols: X.cols,
        x,
        y: ys,
        cluster,
        spec: plainSpec,
        tau: taus[index],
        index,
      };
      w.postMessage(job);
    };
    for (const w of workers) {
      w.on('message', (msg: { index: number; result: TauResult }) => {
        results[msg.index] = msg.result;
        done++;
        options.onTau?.(done, taus.length);
        if (done === taus.length) finish();
        else send(w);
      });
      w.on('error', finish);
      send(w);
    }
  });
  return results;
}

/** A copy of a typed array in shared memory. */
function shared(a: Float64Array | Int32Array): SharedArrayBuffer {
  const buf = new SharedArrayBuffer(a.byteLength);
  if (a instanceof Float64Array) new Float64Array(buf).set(a);
  else new Int32Array(buf).set(a);
  return buf;
}
