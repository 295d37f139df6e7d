import { startFoldPipeline } from '../linalg/fold-pipeline.js';
import { FOLD_BLOCK as BLOCK } from '../linalg/fold-rows.js';
import { rowThreads } from '../linalg/parallel-rows.js';
import { matrix } from '../linalg/matrix.js';
import { ols } from '../models/ols.js';

/** A weighted least-squares fit on a row subset of data columns. */
export interface WlsFit {
  readonly terms: readonly string[];
  readonly estimated: readonly string[];
  /** Terms dropped as collinear (R's NA coefficients), found as `lm` finds them. */
  readonly omitted: readonly string[];
  /** Coefficients of the estimated terms, in design order. */
  readonly coefficients: Float64Array;
  /** Coefficients over all terms, 0 for omitted ones. */
  readonly full: Float64Array;
  /** (X'WX)⁻¹ over the estimated terms, column-major. */
  readonly xtxInverse: Float64Array;
  /** Xb and y − Xb (unweighted), one per row of the subset; no residuals with `keep: 'fitted'`. */
  readonly fitted: Float64Array;
  readonly residuals: Float64Array | null;
  readonly n: number;
  readonly rank: number;
  readonly dfResidual: number;
  /** Σ w e² and Σ w (ŷ − ȳ_w)², as R's summary.lm. */
  readonly rss: number;
  readonly rSquared: number;
  readonly sigma: number;
}

/**
 * WLS of y on [1, x₁, …, x_k] over the rows `rows` of the columns, as R's `lm(y ~ x, weights = w)`,
 * in memory O(k²) beyond its outputs: the weighted design is never formed. Rows are taken in
 * blocks of 256 and folded into the triangular factor of [√W X, √W y] by Householder
 * reflections (a tall-skinny QR), which is as stable as `lm`'s QR of the whole design; the
 * (k+1)×(k+1) factor is then solved by `ols` (LINPACK dqrdc2 pivoting, tolerance 1e-7, so
 * collinear terms are omitted as R omits them). `y` and `weights` are indexed by position in
 * `rows`. `threads` (default `rowThreads`: two for a large fit on two cores) shares the fold
 * with a row worker; the result is the same bits with one thread or two. `keep: 'fitted'`
 * (default `'both'`) leaves out the residuals, one n-vector fewer, when only the statistics
 * and fitted values are wanted.
 * @example const fit = wlsColumns([hsize, age], used, lny, { weights: w, terms: ['(Intercept)', 'hsize', 'age'] });
 */
export function wlsColumns(
  xs: readonly Float64Array[],
  rows: Int32Array,
  y: Float64Array,
  options: {
    weights?: Float64Array | null;
    terms?: readonly string[];
    threads?: number;
    keep?: 'fitted' | 'both';
  } = {},
): WlsFit {
  const w = options.weights ?? null;
  const p = xs.length + 1;
  const q = p + 1; // design columns and y
  const n = rows.length;
  // The upper-triangular factor, column-major; with two threads each block's reflections are
  // shared with a row worker (`startFoldPipeline`), which gives the same bits.
  const fold = startFoldPipeline(q, { threads: options.threads ?? rowThreads(n, q) });
  const sqrtW = new Float64Array(BLOCK);
  // When the subset is every row in order (no household left out), columns are read directly.
  const direct = isIdentity(rows);
  for (let start = 0; start < n; start += BLOCK) {
    const m = Math.min(BLOCK, n - start);
    const A = fold.slot();
    for (let r = 0; r < m; r++) {
      const sw = w ? Math.sqrt(w[start + r]) : 1;
      sqrtW[r] = sw;
      A[r] = sw;
      A[r + p * BLOCK] = sw * y[start + r];
    }
    for (let j = 1; j < p; j++) {
      const col = xs[j - 1];
      const off = j * BLOCK;
      if (direct) for (let r = 0; r < m; r++) A[off + r] = sqrtW[r] * col[start + r];
      else for (let r = 0; r < m; r++) A[off + r] = sqrtW[r] * col[rows[start + r]];
    }
    fold.push(m);
  }
  const T = fold.finish();
  const Rxx = new Float64Array(p * p);
  const qty = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    for (let i = 0; i <= j; i++) Rxx[i + j * p] = T[i + j * q];
    qty[j] = T[j + p * q];
  }
  const terms =
    options.terms ?? Array.from({ length: p }, (_, j) => (j === 0 ? '(Intercept)' : `x${j}`));
  const small = ols(matrix(p, p, Rxx), qty, { terms });
  const full = new Float64Array(p);
  for (let c = 0; c < small.columns.length; c++) full[small.columns[c]] = small.coefficients[c];
  // Fitted values and residuals on the original scale, and the fit statistics, a block of rows
  // at a time (the block's fitted values stay in cache while each term is added, in design
  // order, and its residuals and sums follow in row order).
  const nonzero: number[] = [];
  for (let j = 1; j < p; j++) if (full[j] !== 0) nonzero.push(j);
  const fitted = new Float64Array(n);
  const residuals = options.keep === 'fitted' ? null : new Float64Array(n);
  let rss = 0;
  let sw = 0;
  let swf = 0;
  for (let start = 0; start < n; start += FITTED_BLOCK) {
    const end = Math.min(n, start + FITTED_BLOCK);
    fitted.fill(full[0], start, end);
    for (const j of nonzero) {
      const b = full[j];
      const col = xs[j - 1];
      if (direct) for (let r = start; r < end; r++) fitted[r] += col[r] * b;
      else for (let r = start; r < end; r++) fitted[r] += col[rows[r]] * b;
    }
    for (let r = start; r < end; r++) {
      const e = y[r] - fitted[r];
      if (residuals) residuals[r] = e;
      const wr = w ? w[r] : 1;
      rss += wr * e * e;
      sw += wr;
      swf += wr * fitted[r];
    }
  }
  const meanFitted = swf / sw;
  let mss = 0;
  for (let r = 0; r < n; r++) {
    const f = fitted[r] - meanFitted;
    mss += (w ? w[r] : 1) * f * f;
  }
  const dfResidual = n - small.rank;
  return Object.freeze({
    terms,
    estimated: small.estimated,
    omitted: small.omitted,
    coefficients: small.coefficients,
    full,
    xtxInverse: small.xtxInverse,
    fitted,
    residuals,
    n,
    rank: small.rank,
    dfResidual,
    rss,
    rSquared: mss / (mss + rss),
    sigma: Math.sqrt(rss / dfResidual),
  });
}

/** Rows per block of the fitted-value pass: a block of fitted values (16 KB) stays in L1. */
const FITTED_BLOCK = 2048;

/** Whether `rows` is 0, 1, …, rows.length − 1. */
function isIdentity(rows: Int32Array): boolean {
  for (let r = 0; r < rows.length; r++) if (rows[r] !== r) return false;
  return true;
}
