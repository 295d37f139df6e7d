import { cholesky } from '../../linalg/cholesky.js';
import type { Matrix } from '../../linalg/matrix.js';
import { residuals } from './check-loss.js';
import { exactVertex } from './exact-vertex.js';
import { frischNewton } from './frisch-newton.js';
import { sampleIndices, seededUniform } from './seeded-random.js';
import { quantileSelect } from './select-kth.js';

/** The result of exactLargeFit. */
export interface LargeFit {
  readonly status: 'ok' | 'failed';
  readonly coefficients: Float64Array;
  /** Interior-point solves and simplex pivots used. */
  readonly solves: number;
  readonly pivots: number;
}

/**
 * Options. Defaults: `seed: 20240611` (fixed: the same input gives the same answer; the
 * subsample and its leverage band are cached per design and shared by every τ), `start`: none.
 */
export interface LargeFitOptions {
  readonly seed?: number;
  /** A nearby solution (e.g. at a neighbouring τ) to centre the first subsample band on. */
  readonly start?: Float64Array;
}

/**
 * Exact quantile regression for large n, after Portnoy & Koenker (1997) and quantreg's
 * `rq.fit.pfn`: fit a deterministic subsample of m = √p·n^(2/3) rows by the interior point,
 * keep the observations whose scaled residuals lie in a band around the τ-quantile, collapse
 * those below and above into two "glob" rows, solve the reduced problem, and verify that no
 * collapsed observation has the wrong sign (fixing up to 3 times, doubling m when too many
 * are wrong). The interior solution is finally made an exact vertex of the full problem by
 * exactVertex, which also certifies optimality along every edge. Never throws.
 * @example exactLargeFit(X, y, 0.5).coefficients
 */
export function exactLargeFit(
  X: Matrix,
  y: Float64Array,
  tau: number,
  options: LargeFitOptions = {},
): LargeFit {
  const n = X.rows;
  const p = X.cols;
  const seed = options.seed ?? 20240611;
  let m = Math.round(Math.sqrt(p) * n ** (2 / 3));
  let solves = 0;
  let beta: Float64Array | null = null;
  let doublings = 0;
  while (beta === null) {
    if (m >= n) {
      beta = frischNewton(X, y, tau, { tol: 1e-10 }).coefficients;
      solves++;
      break;
    }
    const sub = subsample(X, y, m, seed + doublings);
    if (!sub) {
      m *= 2;
      doublings++;
      continue;
    }
    const b0 =
      options.start && doublings === 0
        ? options.start
        : frischNewton(sub.X, sub.y, tau, { tol: 1e-6 }).coefficients;
    if (!(options.start && doublings === 0)) solves++;
    const { band } = sub;
    const r = residuals(X, y, b0);
    const scaled = new Float64Array(n);
    for (let i = 0; i < n; i++) scaled[i] = r[i] / Math.max(1e-6, band[i]);
    const M = 0.8 * m;
    const loQ = Math.max(1 / n, tau - M / (2 * n));
    const hiQ = Math.min(tau + M / (2 * n), (n - 1) / n);
    const kLo = quantileSelect(scaled, loQ);
    const kHi = quantileSelect(scaled, hiQ);
    const side = new Int8Array(n); // −1 below the band, +1 above, 0 inside
    for (let i = 0; i < n; i++) side[i] = r[i] < band[i] * kLo ? -1 : r[i] > band[i] * kHi ? 1 : 0;
    for (let fix = 0; fix < 3 && beta === null; fix++) {
      const reduced = globProblem(X, y, side);
      const b = frischNewton(reduced.X, reduced.y, tau, { tol: 1e-9 }).coefficients;
      solves++;
      const rr = residuals(X, y, b);
      let bad = 0;
      for (let i = 0; i < n; i++) {
        if ((side[i] < 0 && rr[i] > 0) || (side[i] > 0 && rr[i] < 0)) {
          bad++;
          side[i] = 0;
        }
      }
      if (bad === 0) beta = b;
      else if (bad > 0.1 * M) break;
    }
    if (beta === null) {
      m *= 2;
      doublings++;
    }
  }
  const v = exactVertex(X, y, tau, beta);
  return Object.freeze({
    status: v.status,
    coefficients: v.coefficients,
    solves,
    pivots: v.pivots,
  });
}

interface Subsample {
  readonly X: Matrix;
  readonly y: Float64Array;
  /** √(x_i' (X_s'X_s)⁻¹ x_i) for every row of the full X. */
  readonly band: Float64Array;
  /** The response the subsample was drawn from (a cache entry is valid for it only). */
  readonly source: Float64Array;
}

/** Subsamples depend only on (X, m, seed): computed once and shared by every τ. */
const subsamples = new WeakMap<Matrix, Map<string, Subsample | null>>();

function subsample(X: Matrix, y: Float64Array, m: number, seed: number): Subsample | null {
  let cache = subsamples.get(X);
  if (!cache) {
    cache = new Map();
    subsamples.set(X, cache);
  }
  const key = `${m}:${seed}`;
  const hit = cache.get(key);
  if (hit === null) return null;
  if (hit !== undefined && hit.source === y) return hit;
  const rows = sampleIndices(X.rows, m, seededUniform(seed));
  const xs = takeRows(X, rows, 0);
  const ys = Float64Array.from(rows, (i) => y[i]);
  const band = leverageBand(X, xs);
  const out = band ? { X: xs, y: ys, band, source: y } : null;
  cache.set(key, out);
  return out;
}

/** Rows of X (plus `extra` zero rows at the end for globs). */
function takeRows(X: Matrix, rows: ArrayLike<number>, extra: number): Matrix {
  const { rows: n, cols: p, data } = X;
  const k = rows.length + extra;
  const out = new Float64Array(k * p);
  for (let j = 0; j < p; j++)
    for (let a = 0; a < rows.length; a++) out[a + j * k] = data[rows[a] + j * n];
  return { rows: k, cols: p, data: out };
}

/** √(x_i' (X_s'X_s)⁻¹ x_i) for every row of X, or null when X_s'X_s is singular. */
function leverageBand(X: Matrix, xs: Matrix): Float64Array | null {
  const { rows: n, cols: p, data } = X;
  const g = new Float64Array(p * p);
  for (let a = 0; a < p; a++)
    for (let b = 0; b < p; b++) {
      let s = 0;
      for (let i = 0; i < xs.rows; i++) s += xs.data[i + a * xs.rows] * xs.data[i + b * xs.rows];
      g[a + b * p] = s;
    }
  const chol = cholesky(g, p);
  if (chol.status !== 'ok') return null;
  // ||U^{-T} x_i|| by forward substitution, one row at a time (O(p) scratch memory).
  const u = chol.u;
  const band = new Float64Array(n);
  const z = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    let ss = 0;
    for (let j = 0; j < p; j++) {
      let s = data[i + j * n];
      for (let k = 0; k < j; k++) s -= u[k + j * p] * z[k];
      const v = s / u[j + j * p];
      z[j] = v;
      ss += v * v;
    }
    band[i] = Math.sqrt(ss);
  }
  return band;
}

/** The reduced problem: rows inside the band, plus one glob row for each side that is used. */
function globProblem(X: Matrix, y: Float64Array, side: Int8Array): { X: Matrix; y: Float64Array } {
  const { rows: n, cols: p, data } = X;
  const keep: number[] = [];
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    if (side[i] === 0) keep.push(i);
    else if (side[i] < 0) lo++;
    else hi++;
  }
  const extra = (lo > 0 ? 1 : 0) + (hi > 0 ? 1 : 0);
  const R = takeRows(X, keep, extra);
  const yr = new Float64Array(R.rows);
  for (let a = 0; a < keep.length; a++) yr[a] = y[keep[a]];
  const gLo = keep.length;
  const gHi = keep.length + (lo > 0 ? 1 : 0);
  for (let i = 0; i < n; i++) {
    if (side[i] === 0) continue;
    const g = side[i] < 0 ? gLo : gHi;
    yr[g] += y[i];
    for (let j = 0; j < p; j++) R.data[g + j * R.rows] += data[i + j * n];
  }
  return { X: R, y: yr };
}
