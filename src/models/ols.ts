import { type Matrix } from '../linalg/matrix.js';
import { qr, qrQty, qrR, type QR } from '../linalg/qr.js';
import { rowThreads, runChunks } from '../linalg/parallel-rows.js';
import { computeChunk } from '../linalg/row-chunks.js';
import { shared, tsqr, type Tsqr } from '../linalg/tsqr.js';
import { backsolve, chol2inv } from '../linalg/triangular.js';

/** A fitted least-squares regression. Coefficients of omitted (collinear) terms are absent. */
export interface OlsFit {
  /** All terms asked for, in design order. */
  readonly terms: readonly string[];
  /** The terms that were estimated, in design order; `coefficients` follows this order. */
  readonly estimated: readonly string[];
  /** Terms dropped because they are linear combinations of earlier ones (R's `lm` NA, Stata's `omitted`). */
  readonly omitted: readonly string[];
  /** Column index in the design of each estimated term. */
  readonly columns: Int32Array;
  readonly coefficients: Float64Array;
  /** (X'WX)⁻¹ over the estimated terms, column-major k×k. */
  readonly xtxInverse: Float64Array;
  /** y − Xβ, unweighted, one per used row. */
  readonly residuals: Float64Array;
  readonly fitted: Float64Array;
  readonly weights: Float64Array | null;
  /** The design the fit used (unweighted); kept by reference for covariance estimators. */
  readonly design: Matrix;
  readonly n: number;
  readonly rank: number;
  readonly dfResidual: number;
  /** Σ w e², and Σ w (ŷ − ȳ_w)² as R's summary.lm computes it. */
  readonly rss: number;
  readonly mss: number;
  readonly rSquared: number;
  readonly adjRSquared: number;
  /** √(rss / dfResidual). */
  readonly sigma: number;
}

/**
 * Options of `ols`. Defaults: unit weights, term names `x1..xk`, R's collinearity tolerance
 * 1e-7, and `threads` 2 (if the machine has 2 cores) when n·p exceeds 2·10⁶, else 1.
 */
export interface OlsOptions {
  readonly weights?: Float64Array | null;
  readonly terms?: readonly string[];
  readonly tol?: number;
  /** Row blocks factored in parallel (tall-skinny QR on worker threads) when above 1. */
  readonly threads?: number;
  /**
   * The tall-skinny QR of exactly this [X, y] and weights (`tsqr`), when it was computed
   * beforehand: while the rows were read, say (`startTsqr`). Default: factored here.
   */
  readonly factor?: Tsqr;
}

/**
 * Ordinary (or weighted, with analytic weights) least squares by Householder QR, as R's
 * `lm`/`lm.wfit`: collinear columns are detected by LINPACK's limited pivoting and omitted.
 * The design is expected to hold an intercept column of ones first (R² is centred).
 * @example const fit = ols(X, y, { terms: ['(Intercept)', 'educ'] }); fit.coefficients
 */
export function ols(X: Matrix, y: Float64Array, options: OlsOptions = {}): OlsFit {
  const n = X.rows;
  const p = X.cols;
  const w = options.weights ?? null;
  const terms = options.terms ?? Array.from({ length: p }, (_, j) => `x${j + 1}`);
  const tol = options.tol ?? 1e-7;
  const threads = options.threads ?? rowThreads(n, p);
  let d: QR;
  let qty: Float64Array;
  if (options.factor || (threads > 1 && n >= threads * (p + 1))) {
    // Each row block is reduced to its (p+1)×(p+1) factor; LINPACK's pivoting then runs on
    // the stacked factors, whose column norms and partial norms are those of √W X.
    const t = options.factor ?? tsqr(X, y, { weights: w, threads });
    if (t.r.cols !== p) throw new Error(`ols: the factor has ${t.r.cols} columns, X has ${p}`);
    d = qr(t.r, { tol });
    qty = qrQty(d, t.qty);
  } else {
    d = qr(w ? weighted(X, w) : X, { tol });
    qty = qrQty(d, w ? y.map((v, i) => v * Math.sqrt(w[i])) : y);
  }
  const k = d.rank;
  const R = qrR(d);
  const bPivoted = backsolve(R, k, qty);
  const covPivoted = chol2inv(R, k);
  // Restore design order among the estimated columns.
  const order = Array.from({ length: k }, (_, j) => j).sort((a, b) => d.pivot[a] - d.pivot[b]);
  const columns = Int32Array.from(order, (j) => d.pivot[j]);
  const coefficients = Float64Array.from(order, (j) => bPivoted[j]);
  const xtxInverse = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) xtxInverse[a + b * k] = covPivoted[order[a] + order[b] * k];
  }
  const { fitted, residuals, rss, sw, swf } =
    threads > 1
      ? parallelFit(X, y, w, columns, coefficients, threads)
      : serialFit(X, y, w, columns, coefficients);
  const meanFitted = swf / sw;
  let mss = 0;
  for (let i = 0; i < n; i++) {
    const f = fitted[i] - meanFitted;
    mss += (w ? w[i] : 1) * f * f;
  }
  const dfResidual = n - k;
  const rSquared = mss / (mss + rss);
  const adjRSquared = 1 - (1 - rSquared) * ((n - 1) / dfResidual);
  const estimatedSet = new Set(columns);
  return Object.freeze({
    terms,
    estimated: Array.from(columns, (j) => terms[j]),
    omitted: terms.filter((_, j) => !estimatedSet.has(j)),
    columns,
    coefficients,
    xtxInverse,
    residuals,
    fitted,
    weights: w,
    design: X,
    n,
    rank: k,
    dfResidual,
    rss,
    mss,
    rSquared,
    adjRSquared,
    sigma: Math.sqrt(rss / dfResidual),
  });
}

/** √W X. */
function weighted(X: Matrix, w: Float64Array): Matrix {
  const { rows: n, cols: p } = X;
  const sw = new Float64Array(n);
  for (let i = 0; i < n; i++) sw[i] = Math.sqrt(w[i]);
  const data = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const off = j * n;
    for (let i = 0; i < n; i++) data[off + i] = X.data[off + i] * sw[i];
  }
  return { rows: n, cols: p, data };
}

interface FitSums {
  readonly fitted: Float64Array;
  readonly residuals: Float64Array;
  readonly rss: number;
  readonly sw: number;
  readonly swf: number;
}

/** Fitted values, residuals and [Σ w e², Σ w, Σ w ŷ] in one pass over the rows (one chunk). */
function serialFit(
  X: Matrix,
  y: Float64Array,
  w: Float64Array | null,
  columns: Int32Array,
  coefficients: Float64Array,
): FitSums {
  const n = X.rows;
  const fitted = new Float64Array(n);
  const residuals = new Float64Array(n);
  const sums = new Float64Array(3);
  const job = {
    kind: 'fit',
    x: X.data,
    n,
    columns,
    coefficients,
    y,
    weights: w,
    fitted,
    residuals,
  } as const;
  computeChunk(job, sums, 0, n);
  return { fitted, residuals, rss: sums[0], sw: sums[1], swf: sums[2] };
}

/** As `serialFit`, in row chunks on worker threads; the chunks' sums added in row order. */
function parallelFit(
  X: Matrix,
  y: Float64Array,
  w: Float64Array | null,
  columns: Int32Array,
  coefficients: Float64Array,
  threads: number,
): FitSums {
  const n = X.rows;
  const fitted = new Float64Array(new SharedArrayBuffer(n * 8));
  const residuals = new Float64Array(new SharedArrayBuffer(n * 8));
  const job = {
    kind: 'fit',
    x: shared(X.data),
    n,
    columns,
    coefficients,
    y: shared(y),
    weights: w && shared(w),
    fitted,
    residuals,
  } as const;
  const { chunks, out } = runChunks(job, n, { threads });
  let rss = 0;
  let sw = 0;
  let swf = 0;
  for (let c = 0; c < chunks; c++) {
    rss += out[3 * c];
    sw += out[3 * c + 1];
    swf += out[3 * c + 2];
  }
  return { fitted, residuals, rss, sw, swf };
}
