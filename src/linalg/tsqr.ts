import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { foldRows, type FoldSource } from './fold-rows.js';
import { type Matrix } from './matrix.js';

/** The stacked triangular factors of a tall-skinny QR of [√W X, √W y]. */
export interface Tsqr {
  /** (blocks·q)×p, q = p + 1: the X part of each block's q×q factor, stacked. */
  readonly r: Matrix;
  /** blocks·q: the y part of each block's factor, stacked. */
  readonly qty: Float64Array;
  /** Row blocks folded on worker threads (0 when a worker could not be used). */
  readonly workers: number;
}

/** Options of `tsqr`. Defaults: unit weights, `threads: 2`. */
export interface TsqrOptions {
  readonly weights?: Float64Array | null;
  readonly threads?: number;
}

/**
 * Tall-skinny QR of [√W X, √W y] on `threads` row blocks in parallel: the first block on this
 * thread, the others on worker threads reading the design from shared memory (it is copied
 * into a SharedArrayBuffer only if it is not there already). [r, qty] = Q'[√W X, √W y] up to
 * rows of zeros for an orthogonal Q, so a QR of the small `r` (LINPACK's pivoting included:
 * column norms and partial norms are those of X) gives the least-squares fit of y on X.
 * Blocks a worker cannot fold (no built worker file, a failure) are folded here instead.
 * @example const { r, qty } = tsqr(X, y, { threads: 2 }); const d = qr(r); qrQty(d, qty)
 */
export function tsqr(a: Matrix, y: Float64Array, options: TsqrOptions = {}): Tsqr {
  const threads = Math.max(1, Math.floor(options.threads ?? 2));
  const { rows: n, cols: p } = a;
  const q = p + 1;
  const weights = options.weights ?? null;
  const out = new Float64Array(new SharedArrayBuffer(threads * q * q * 8));
  const status = new Int32Array(new SharedArrayBuffer(threads * 4));
  const bounds = Array.from({ length: threads + 1 }, (_, t) => Math.round((t * n) / threads));
  const url = new URL('./tsqr-worker.js', import.meta.url);
  const canSpawn = threads > 1 && existsSync(fileURLToPath(url));
  const src: FoldSource = canSpawn
    ? { x: shared(a.data), n, p, y: shared(y), weights: weights && shared(weights) }
    : { x: a.data, n, p, y, weights };
  let workers = 0;
  for (let t = 1; t < threads && canSpawn; t++) {
    try {
      const worker = new Worker(url, {
        workerData: { src, out, status, index: t, start: bounds[t], end: bounds[t + 1] },
      });
      worker.on('error', () => Atomics.store(status, t, FAILED));
      worker.unref();
      workers++;
    } catch {
      Atomics.store(status, t, FAILED);
    }
  }
  foldRows(out.subarray(0, q * q), src, bounds[0], bounds[1]);
  for (let t = 1; t < threads; t++) {
    if (!canSpawn || !waitFor(status, t)) {
      const T = out.subarray(t * q * q, (t + 1) * q * q);
      T.fill(0);
      foldRows(T, src, bounds[t], bounds[t + 1]);
    }
  }
  const r = new Float64Array(threads * q * p);
  const qty = new Float64Array(threads * q);
  for (let t = 0; t < threads; t++) {
    for (let j = 0; j < p; j++) {
      for (let i = 0; i <= j; i++) r[t * q + i + j * threads * q] = out[t * q * q + i + j * q];
    }
    for (let i = 0; i < q; i++) qty[t * q + i] = out[t * q * q + i + p * q];
  }
  return Object.freeze({ r: { rows: threads * q, cols: p, data: r }, qty, workers });
}

/** Worker states in `status`: still to start, started, done, failed. */
export const PENDING = 0;
export const STARTED = 1;
export const DONE = 2;
export const FAILED = 3;

/** A worker that has not started after this long is given up (its block folded here). */
const START_TIMEOUT_MS = 10_000;

/** Blocks until worker t is done (true) or has failed or never started (false). */
function waitFor(status: Int32Array, t: number): boolean {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const s = Atomics.load(status, t);
    if (s === DONE) return true;
    if (s === FAILED) return false;
    if (s === PENDING && Date.now() > deadline) return false;
    Atomics.wait(status, t, s, 100);
  }
}

/** The same numbers in shared memory (the array itself when it is there already). */
function shared(a: Float64Array): Float64Array {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const s = new Float64Array(new SharedArrayBuffer(a.length * 8));
  s.set(a);
  return s;
}
