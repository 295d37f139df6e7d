import { type FoldSource } from './fold-rows.js';
import { type Matrix } from './matrix.js';
import { runChunks } from './parallel-rows.js';

/** The stacked triangular factors of a tall-skinny QR of [√W X, √W y]. */
export interface Tsqr {
  /** (chunks·q)×p, q = p + 1: the X part of each row chunk's q×q factor, stacked in row order. */
  readonly r: Matrix;
  /** chunks·q: the y part of each chunk's factor, stacked. */
  readonly qty: Float64Array;
  /** Row chunks folded on worker threads (the rest on the calling thread). */
  readonly byWorkers: number;
}

/** Options of `tsqr`. Defaults: unit weights, `threads: 2`, `chunkRows: 65536`. */
export interface TsqrOptions {
  readonly weights?: Float64Array | null;
  readonly threads?: number;
  readonly chunkRows?: number;
}

/**
 * Tall-skinny QR of [√W X, √W y] in row chunks, on this thread and `threads − 1` worker
 * threads (see `runChunks`) reading the data from shared memory (copied into a
 * SharedArrayBuffer only if they are not there already). [r, qty] = Q'[√W X, √W y] up to rows
 * of zeros for an orthogonal Q, so a QR of the small `r` (LINPACK's pivoting included: column
 * norms and partial norms are those of √W X) gives the least-squares fit of y on X. The result
 * does not depend on the number of threads.
 * @example const { r, qty } = tsqr(X, y, { threads: 2 }); const d = qr(r); qrQty(d, qty)
 */
export function tsqr(a: Matrix, y: Float64Array, options: TsqrOptions = {}): Tsqr {
  const { rows: n, cols: p } = a;
  const q = p + 1;
  const w = options.weights ?? null;
  const src: FoldSource = { x: shared(a.data), n, p, y: shared(y), weights: w && shared(w) };
  const { chunks, out, byWorkers } = runChunks({ kind: 'fold', src }, n, options);
  const rows = chunks * q;
  const r = new Float64Array(rows * p);
  const qty = new Float64Array(rows);
  for (let c = 0; c < chunks; c++) {
    const T = c * q * q;
    for (let j = 0; j < p; j++) {
      for (let i = 0; i <= j; i++) r[c * q + i + j * rows] = out[T + i + j * q];
    }
    for (let i = 0; i < q; i++) qty[c * q + i] = out[T + i + p * q];
  }
  return Object.freeze({ r: { rows, cols: p, data: r }, qty, byWorkers });
}

/**
 * The same numbers in shared memory (the array itself when it is there already).
 * @example const s = shared(y); s.buffer instanceof SharedArrayBuffer // true
 */
export function shared(a: Float64Array): Float64Array {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const s = new Float64Array(new SharedArrayBuffer(a.length * 8));
  s.set(a);
  return s;
}
