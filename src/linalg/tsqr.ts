import { type FoldSource } from './fold-rows.js';
import { type Matrix } from './matrix.js';
import { startChunks, type ChunkResult } from './parallel-rows.js';

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
  return startTsqr(a, y, { ...options, available: a.rows }).finish();
}

/** A tall-skinny QR whose rows are still arriving (see `startTsqr`). */
export interface TsqrStream {
  /** Rows 0..rows−1 of X, y and the weights are in place. */
  advance(rows: number): void;
  /** All rows are in place: the factors, exactly as `tsqr` computes them. */
  finish(): Tsqr;
  /** Abandons the factorisation. */
  cancel(): void;
}

/**
 * Starts `tsqr` while the rows are still being written into X, y and the weights (which must
 * be in shared memory already): worker threads fold each row chunk as soon as `advance` says
 * it is complete, and `finish` folds what is left. The factors are exactly those of `tsqr`.
 * Options as `tsqr`, and `available`: rows already in place (default 0). Call `finish` or
 * `cancel`.
 * @example const s = startTsqr(X, y, { threads: 2 }); s.advance(rowsRead); const t = s.finish();
 */
export function startTsqr(
  a: Matrix,
  y: Float64Array,
  options: TsqrOptions & { readonly available?: number } = {},
): TsqrStream {
  const { rows: n, cols: p } = a;
  const w = options.weights ?? null;
  if ((options.available ?? 0) < n && ![a.data, y, ...(w ? [w] : [])].every(isShared)) {
    throw new Error('startTsqr: rows still arriving must be in shared memory');
  }
  const src: FoldSource = { x: shared(a.data), n, p, y: shared(y), weights: w && shared(w) };
  const stream = startChunks({ kind: 'fold', src }, n, options);
  return {
    advance: stream.advance,
    cancel: stream.cancel,
    finish: () => stacked(stream.finish(), p),
  };
}

/** The chunks' q×q factors stacked in row order. */
function stacked({ chunks, out, byWorkers }: ChunkResult, p: number): Tsqr {
  const q = p + 1;
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
  if (isShared(a)) return a;
  const s = new Float64Array(new SharedArrayBuffer(a.length * 8));
  s.set(a);
  return s;
}

const isShared = (a: Float64Array): boolean => a.buffer instanceof SharedArrayBuffer;
