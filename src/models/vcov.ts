import { rowThreads, runChunks } from '../linalg/parallel-rows.js';
import { shared } from '../linalg/tsqr.js';
import type { OlsFit } from './ols.js';

/** Covariance estimators of `vcovOls`. */
export const VCE_TYPES = ['classical', 'hc0', 'hc1', 'hc2', 'hc3', 'cluster'] as const;
export type VceType = (typeof VCE_TYPES)[number];

/** A coefficient covariance matrix with the degrees of freedom its t tests use. */
export interface Vcov {
  readonly type: VceType;
  /** Column-major k×k over `fit.estimated`. */
  readonly matrix: Float64Array;
  /** Residual df for t tests: n − k, or G − 1 for cluster-robust errors (as Stata). */
  readonly df: number;
  readonly clusters: number | null;
  /**
   * hc2/hc3 only: the (0-based, used-row) observations with leverage 1, which alone determine
   * a coefficient; their eᵢ²/(1 − hᵢ) is 0/0, so the covariance is NaN, as in `sandwich`.
   */
  readonly leverageOne: readonly number[];
}

/**
 * Options of `vcovOls`. Defaults: `type: 'classical'`; `cluster` codes are required for
 * 'cluster'; `threads` 2 (if the machine has 2 cores) when n·k exceeds 2·10⁶, else 1.
 */
export interface VcovOptions {
  readonly type?: VceType;
  readonly cluster?: Int32Array | null;
  readonly clusters?: number;
  /** Row chunks of the HC meat X'ΩX summed on worker threads when above 1. */
  readonly threads?: number;
}

/**
 * Covariance of OLS/WLS coefficients.
 * - `classical`: σ̂²(X'WX)⁻¹.
 * - `hc0`…`hc3`: White's sandwich with MacKinnon–White's small-sample forms, as
 *   `sandwich::vcovHC(type = "HC0".."HC3")`; `hc1` is Stata's `robust`.
 * - `cluster`: CR1 with G/(G−1)·(n−1)/(n−k), as Stata's `vce(cluster)` and
 *   `sandwich::vcovCL(type = "HC1")`.
 * With weights the scores are wᵢeᵢxᵢ and leverages those of √W X, as `sandwich` does for `lm`.
 * An observation with leverage 1 makes hc2/hc3 undefined: the matrix is NaN (as `sandwich`'s)
 * and `leverageOne` lists it.
 * @example const V = vcovOls(fit, { type: 'hc1' }); Math.sqrt(V.matrix[0])
 */
export function vcovOls(fit: OlsFit, options: VcovOptions = {}): Vcov {
  const type = options.type ?? 'classical';
  const k = fit.rank;
  const n = fit.n;
  const A = fit.xtxInverse;
  if (type === 'classical') {
    const s2 = fit.rss / fit.dfResidual;
    return Object.freeze({
      type,
      matrix: A.map((v) => v * s2),
      df: fit.dfResidual,
      clusters: null,
      leverageOne: [],
    });
  }
  const cols = designColumns(fit);
  const w = fit.weights;
  const e = fit.residuals;
  if (type === 'cluster') {
    const codes = options.cluster;
    if (!codes) throw new Error('vcovOls: cluster codes are required for type "cluster"');
    const G = options.clusters ?? codes.reduce((m, c) => Math.max(m, c + 1), 0);
    const sums = new Float64Array(G * k);
    for (let c = 0; c < k; c++) {
      const x = cols[c];
      const base = c * G;
      for (let i = 0; i < n; i++) sums[base + codes[i]] += (w ? w[i] : 1) * e[i] * x[i];
    }
    const meat = crossprodColumns(sums, G, k, null);
    const adj = (G / (G - 1)) * ((n - 1) / (n - k));
    return Object.freeze({
      type,
      matrix: sandwich(A, meat, k, adj),
      df: G - 1,
      clusters: G,
      leverageOne: [],
    });
  }
  // Squared scores ẽᵢ² (weighted residuals), adjusted by leverage for hc2/hc3, then times the
  // weight again: the meat's row weights, computed in place (shared memory for the workers).
  const threads = options.threads ?? rowThreads(n, k);
  const s2 = new Float64Array(threads > 1 ? new SharedArrayBuffer(n * 8) : new ArrayBuffer(n * 8));
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    s2[i] = wi * e[i] * e[i];
  }
  const leverageOne: number[] = [];
  if (type === 'hc2' || type === 'hc3') {
    const h = leverages(fit, cols);
    for (let i = 0; i < n; i++) {
      // hᵢ = 1 up to rounding: the residual is 0 up to rounding too, and 0/0 is undefined
      if (h[i] > 1 - LEVERAGE_TOL) {
        leverageOne.push(i);
        s2[i] = NaN;
      } else s2[i] /= type === 'hc2' ? 1 - h[i] : (1 - h[i]) ** 2;
    }
  }
  const weighted = s2;
  if (w) for (let i = 0; i < n; i++) weighted[i] = s2[i] * w[i];
  const meat =
    threads > 1
      ? parallelMeat(fit, weighted, threads)
      : crossprodColumns(null, n, k, { cols, weights: weighted });
  const adj = type === 'hc1' ? n / (n - k) : 1;
  return Object.freeze({
    type,
    matrix: sandwich(A, meat, k, adj),
    df: fit.dfResidual,
    clusters: null,
    leverageOne,
  });
}

/** X'ΩX summed over row chunks on worker threads, the chunks' sums added in row order. */
function parallelMeat(fit: OlsFit, weights: Float64Array, threads: number): Float64Array {
  const k = fit.rank;
  const job = {
    kind: 'crossprod',
    x: shared(fit.design.data),
    n: fit.n,
    columns: fit.columns,
    weights,
  } as const;
  const { chunks, out } = runChunks(job, fit.n, { threads });
  const meat = new Float64Array(k * k);
  for (let c = 0; c < chunks; c++) for (let e = 0; e < k * k; e++) meat[e] += out[c * k * k + e];
  return meat;
}

/** A leverage within this of 1 is taken as 1 (R's own hat values reach 1 exactly there). */
const LEVERAGE_TOL = 1e-10;

function designColumns(fit: OlsFit): Float64Array[] {
  const n = fit.n;
  return Array.from(fit.columns, (j) => fit.design.data.subarray(j * n, (j + 1) * n));
}

/** Leverages hᵢ = wᵢ xᵢ'(X'WX)⁻¹xᵢ, the diagonal of the hat matrix of √W X. */
function leverages(fit: OlsFit, cols: Float64Array[]): Float64Array {
  const n = fit.n;
  const k = fit.rank;
  const A = fit.xtxInverse;
  const h = new Float64Array(n);
  const t = new Float64Array(n);
  for (let a = 0; a < k; a++) {
    t.fill(0);
    for (let b = 0; b < k; b++) {
      const ab = A[a + b * k];
      const xb = cols[b];
      for (let i = 0; i < n; i++) t[i] += ab * xb[i];
    }
    const xa = cols[a];
    for (let i = 0; i < n; i++) h[i] += xa[i] * t[i];
  }
  if (fit.weights) for (let i = 0; i < n; i++) h[i] *= fit.weights[i];
  return h;
}

/**
 * Z'Z for Z given as an m×k column-major block, or as columns with row weights (X'ΩX).
 * Rows are taken in blocks that stay in cache while every pair of columns is summed; each
 * entry is still summed in row order.
 */
function crossprodColumns(
  block: Float64Array | null,
  m: number,
  k: number,
  weighted: { cols: Float64Array[]; weights: Float64Array } | null,
): Float64Array {
  const out = new Float64Array(k * k);
  const cols = block
    ? Array.from({ length: k }, (_, j) => block.subarray(j * m, (j + 1) * m))
    : weighted!.cols;
  const om = block ? null : weighted!.weights;
  const wa = new Float64Array(ROW_BLOCK);
  for (let start = 0; start < m; start += ROW_BLOCK) {
    const end = Math.min(m, start + ROW_BLOCK);
    for (let a = 0; a < k; a++) {
      const xa = cols[a];
      const len = end - start;
      if (om) for (let i = 0; i < len; i++) wa[i] = xa[start + i] * om[start + i];
      else wa.set(xa.subarray(start, end));
      for (let b = a; b < k; b++) {
        const xb = cols[b].subarray(start, end);
        let s = out[a + b * k];
        for (let i = 0; i < len; i++) s += wa[i] * xb[i];
        out[a + b * k] = s;
      }
    }
  }
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) out[b + a * k] = out[a + b * k];
  return out;
}

/** Rows per block in the cache-blocked loops (k columns × 1024 rows × 8 bytes stay in L2). */
const ROW_BLOCK = 1024;

/** adj · A M A for symmetric k×k A and M. */
function sandwich(A: Float64Array, M: Float64Array, k: number, adj: number): Float64Array {
  const AM = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += A[i + l * k] * M[l + j * k];
      AM[i + j * k] = s;
    }
  }
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += AM[i + l * k] * A[l + j * k];
      out[i + j * k] = adj * s;
    }
  }
  return out;
}
