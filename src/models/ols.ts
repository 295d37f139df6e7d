import { type Matrix } from '../linalg/matrix.js';
import { qr, qrQty, qrR, type QR } from '../linalg/qr.js';
import { rowThreads, runChunks } from '../linalg/parallel-rows.js';
import { computeChunk } from '../linalg/row-chunks.js';
import { shared, tsqr, type Tsqr } from '../linalg/tsqr.js';
import { backsolve, chol2inv } from '../linalg/triangular.js';
import { errorBound, hasNearDependence, REFINE_ABOVE, refinedFit } from './ols-refined.js';

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
  /**
   * 'double': LINPACK's QR in double precision, as `lm`. 'double-double': the design was
   * ill-conditioned or seemed rank deficient, and the fit was redone in double-double
   * arithmetic (see docs/numerics.md).
   */
  readonly precision: 'double' | 'double-double';
}

/**
 * Options of `ols`. Defaults: unit weights, term names `x1..xk`, R's collinearity tolerance
 * 1e-7, `constant: true`, `threads` 2 (if the machine has 2 cores) when n·p exceeds 2·10⁶,
 * else 1, and `precision: 'auto'`.
 */
export interface OlsOptions {
  readonly weights?: Float64Array | null;
  /**
   * Whether the design holds an intercept column: R² is then centred, else it is about zero
   * (as `summary.lm` for `y ~ 0 + x`, Stata's `noconstant`).
   */
  readonly constant?: boolean;
  /**
   * 'auto' refits in double-double when the double fit's error bound exceeds `REFINE_ABOVE` or
   * a column looks collinear; 'double' never does (exactly `lm`'s arithmetic).
   */
  readonly precision?: 'auto' | 'double';
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
 * When the design is ill-conditioned (error bound above `REFINE_ABOVE`) or a column seems
 * collinear, the fit is redone in double-double arithmetic, which keeps a nearly collinear
 * column that is not collinear within the data's rounding (NIST's Filip) and drops exactly
 * collinear ones as `lm` does (docs/numerics.md).
 * By default the design holds an intercept column of ones first (R² is centred).
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
  let factored: Matrix;
  if (options.factor || (threads > 1 && n >= threads * (p + 1))) {
    // Each row block is reduced to its (p+1)×(p+1) factor; LINPACK's pivoting then runs on
    // the stacked factors, whose column norms and partial norms are those of √W X.
    const t = options.factor ?? tsqr(X, y, { weights: w, threads });
    if (t.r.cols !== p) throw new Error(`ols: the factor has ${t.r.cols} columns, X has ${p}`);
    factored = t.r;
    d = qr(factored, { tol });
    qty = qrQty(d, t.qty);
  } else {
    factored = w ? weighted(X, w) : X;
    d = qr(factored, { tol });
    qty = qrQty(d, w ? y.map((v, i) => v * Math.sqrt(w[i])) : y);
  }
  const R = qrR(d);
  const refine =
    (options.precision ?? 'auto') === 'auto' &&
    ((d.rank < p && hasNearDependence(d, factored)) || errorBound(R, d.rank, qty) > REFINE_ABOVE);
  const solved = refine ? solveRefined(X, y, w, tol) : solveDouble(d, R, qty);
  const { k, order, pivot, bPivoted, covPivoted } = solved;
  const columns = Int32Array.from(order, (j) => pivot[j]);
  const coefficients = Float64Array.from(order, (j) => bPivoted[j]);
  const xtxInverse = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) xtxInverse[a + b * k] = covPivoted[order[a] + order[b] * k];
  }
  const { fitted, residuals, rss, sw, swf } =
    solved.sums ??
    (threads > 1
      ? parallelFit(X, y, w, columns, coefficients, threads)
      : serialFit(X, y, w, columns, coefficients));
  const constant = options.constant ?? true;
  const meanFitted = constant ? swf / sw : 0;
  let mss = 0;
  for (let i = 0; i < n; i++) {
    const f = fitted[i] - meanFitted;
    mss += (w ? w[i] : 1) * f * f;
  }
  const dfResidual = n - k;
  const rSquared = mss / (mss + rss);
  const adjRSquared = 1 - (1 - rSquared) * ((constant ? n - 1 : n) / dfResidual);
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
    precision: refine ? 'double-double' : 'double',
  });
}

interface Solved {
  readonly k: number;
  /** Pivoted positions 0..k-1 sorted into design order. */
  readonly order: number[];
  readonly pivot: Int32Array;
  readonly bPivoted: Float64Array;
  readonly covPivoted: Float64Array;
  /** Fitted values, residuals and sums when the solver computed them itself. */
  readonly sums: FitSums | null;
}

/** β and (R'R)⁻¹ from the double QR, as `lm`. */
function solveDouble(d: QR, R: Float64Array, qty: Float64Array): Solved {
  const k = d.rank;
  const order = Array.from({ length: k }, (_, j) => j).sort((a, b) => d.pivot[a] - d.pivot[b]);
  return {
    k,
    order,
    pivot: d.pivot,
    bPivoted: backsolve(R, k, qty),
    covPivoted: chol2inv(R, k),
    sums: null,
  };
}

/** The whole fit in double-double (`refinedFit`). */
function solveRefined(X: Matrix, y: Float64Array, w: Float64Array | null, tol: number): Solved {
  const f = refinedFit(X, y, w, { tol });
  const k = f.rank;
  const order = Array.from({ length: k }, (_, j) => j).sort((a, b) => f.pivot[a] - f.pivot[b]);
  return {
    k,
    order,
    pivot: f.pivot,
    bPivoted: f.coefficients,
    covPivoted: f.xtxInverse,
    sums: f,
  };
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
