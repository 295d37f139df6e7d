import type { Matrix } from '../../linalg/matrix.js';
import { residuals } from './check-loss.js';
import { invertDense } from './dense-inverse.js';
import { selectKth } from './select-kth.js';

/** An exact vertex of the quantile regression LP, verified optimal along every edge. */
export interface VertexFit {
  readonly status: 'ok' | 'failed';
  readonly coefficients: Float64Array;
  readonly basis: Int32Array;
  readonly pivots: number;
}

/**
 * Turns an approximate solution (an interior point) into an exact one. The p observations
 * with the smallest |residual| that are linearly independent form a candidate basis h, and
 * β = X_h⁻¹ y_h. Optimality is then checked as rq's simplex does: the directional derivative
 * of Σ ρ_τ along each of the 2p edges ±X_h⁻¹e_j must be ≥ 0 — for a non-degenerate vertex,
 * the basis duals lie in [τ−1, τ]. An edge that descends is followed by a Barrodale–Roberts
 * line search (residuals that change sign are passed while the slope stays negative) and the
 * observation where the slope turns enters the basis; this repeats until no edge descends.
 * Cost per check O(n p). Never throws; `status` is 'failed' if no basis can be formed.
 * @example exactVertex(X, y, 0.5, frischNewton(X, y, 0.5).coefficients)
 */
export function exactVertex(
  X: Matrix,
  y: Float64Array,
  tau: number,
  start: Float64Array,
  options: { maxPivots?: number } = {},
): VertexFit {
  const { rows: n, cols: p, data } = X;
  const maxPivots = options.maxPivots ?? 100 * p + 1000;
  const basis = initialBasis(X, residuals(X, y, start));
  if (!basis)
    return Object.freeze({
      status: 'failed',
      coefficients: start,
      basis: new Int32Array(0),
      pivots: 0,
    });
  let yScale = 0;
  for (let i = 0; i < n; i++) yScale = Math.max(yScale, Math.abs(y[i]));
  const zeroTol = 1e-12 * (1 + yScale);
  const inBasis = new Uint8Array(n);
  const d = new Float64Array(n);
  const psi = new Float64Array(n);
  const delta = new Float64Array(p);
  for (let pivots = 0; ; pivots++) {
    const binv = basisInverse(X, basis);
    if (!binv) return Object.freeze({ status: 'failed', coefficients: start, basis, pivots });
    const beta = new Float64Array(p);
    for (let a = 0; a < p; a++) {
      let s = 0;
      for (let b = 0; b < p; b++) s += binv[a + b * p] * y[basis[b]];
      beta[a] = s;
    }
    if (pivots >= maxPivots)
      return Object.freeze({ status: 'ok', coefficients: beta, basis, pivots });
    inBasis.fill(0);
    for (const h of basis) inBasis[h] = 1;
    const r = residuals(X, y, beta);
    for (const h of basis) r[h] = 0;
    // G = Σ ψ_τ(r_i) x_i over non-basic, non-zero residuals; zero residuals are kept aside.
    const G = new Float64Array(p);
    const zeros: number[] = [];
    for (let i = 0; i < n; i++) {
      if (inBasis[i]) psi[i] = 0;
      else if (Math.abs(r[i]) <= zeroTol) {
        psi[i] = 0;
        zeros.push(i);
      } else psi[i] = r[i] < 0 ? tau - 1 : tau;
    }
    for (let j = 0; j < p; j++) {
      let t = 0;
      const o = j * n;
      for (let i = 0; i < n; i++) t += psi[i] * data[o + i];
      G[j] = t;
    }
    // v = X_h^{-T} G; edge (j, s) has slope −s v_j + (s > 0 ? 1−τ : τ) + zero-residual terms.
    let best = 0;
    let bestJ = -1;
    let bestS = 0;
    let gScale = 0;
    for (let j = 0; j < p; j++) gScale = Math.max(gScale, Math.abs(G[j]));
    const edgeTol = 1e-11 * (1 + gScale);
    for (let j = 0; j < p; j++) {
      let v = 0;
      for (let a = 0; a < p; a++) v += binv[a + j * p] * G[a];
      for (const s of [1, -1]) {
        let slope = -s * v + (s > 0 ? 1 - tau : tau);
        for (const i of zeros) {
          let di = 0;
          for (let a = 0; a < p; a++) di += data[i + a * n] * s * binv[a + j * p];
          slope += di > 0 ? (1 - tau) * di : -tau * di;
        }
        if (slope < best - edgeTol) {
          best = slope;
          bestJ = j;
          bestS = s;
        }
      }
    }
    if (bestJ < 0) return Object.freeze({ status: 'ok', coefficients: beta, basis, pivots });
    for (let a = 0; a < p; a++) delta[a] = bestS * binv[a + bestJ * p];
    d.fill(0);
    for (let a = 0; a < p; a++) {
      const da = delta[a];
      const o = a * n;
      for (let i = 0; i < n; i++) d[i] += data[o + i] * da;
    }
    const enter = lineSearch(r, d, inBasis, zeroTol, best, edgeTol);
    if (enter < 0) return Object.freeze({ status: 'failed', coefficients: beta, basis, pivots });
    basis[bestJ] = enter;
  }
}

/**
 * Barrodale–Roberts line search along an edge: residuals r − t·d cross zero at t_i = r_i/d_i;
 * each crossing raises the slope by |d_i|. Returns the observation at which the slope stops
 * being negative, or −1. Only the smallest crossings are sorted (in growing batches).
 */
function lineSearch(
  r: Float64Array,
  d: Float64Array,
  inBasis: Uint8Array,
  zeroTol: number,
  start: number,
  tol: number,
): number {
  const n = r.length;
  let count = 0;
  const ts = new Float64Array(n);
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (inBasis[i] || Math.abs(r[i]) <= zeroTol || !(r[i] * d[i] > 0)) continue;
    ts[count] = r[i] / d[i];
    idx[count] = i;
    count++;
  }
  let slope = start;
  let lower = -Infinity; // crossings at t ≤ lower have been walked
  for (let k = 256; ; k *= 4) {
    const take = Math.min(count, k);
    const threshold = take === count ? Infinity : selectKth(ts.slice(0, count), take - 1);
    const batch: number[] = [];
    for (let c = 0; c < count; c++) if (ts[c] > lower && ts[c] <= threshold) batch.push(c);
    batch.sort((a, b) => ts[a] - ts[b] || idx[a] - idx[b]);
    for (const c of batch) {
      const i = idx[c];
      const next = slope + Math.abs(d[i]);
      if (next >= -tol) return i;
      slope = next;
    }
    if (take === count) return -1;
    lower = threshold;
  }
}

/** Inverse of X_h (rows `basis` of X), column-major p×p, or null when singular. */
function basisInverse(X: Matrix, basis: Int32Array): Float64Array | null {
  const { rows: n, cols: p, data } = X;
  const xh = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let j = 0; j < p; j++) xh[a + j * p] = data[basis[a] + j * n];
  return invertDense(xh, p);
}

/**
 * The p observations of smallest |r| whose rows are linearly independent (greedy, with
 * modified Gram–Schmidt), or null when X has rank < p.
 */
function initialBasis(X: Matrix, r: Float64Array): Int32Array | null {
  const { rows: n, cols: p, data } = X;
  const q: Float64Array[] = [];
  const basis: number[] = [];
  const tryRows = (rows: Iterable<number>): void => {
    for (const i of rows) {
      if (basis.length === p) return;
      const v = new Float64Array(p);
      let norm0 = 0;
      for (let j = 0; j < p; j++) {
        v[j] = data[i + j * n];
        norm0 += v[j] * v[j];
      }
      if (norm0 === 0) continue;
      for (const u of q) {
        let s = 0;
        for (let j = 0; j < p; j++) s += u[j] * v[j];
        for (let j = 0; j < p; j++) v[j] -= s * u[j];
      }
      let norm = 0;
      for (let j = 0; j < p; j++) norm += v[j] * v[j];
      if (norm <= 1e-16 * norm0) continue;
      const inv = 1 / Math.sqrt(norm);
      for (let j = 0; j < p; j++) v[j] *= inv;
      q.push(v);
      basis.push(i);
    }
  };
  // Widen the pool of small residuals until p independent rows are found (a rare dummy may
  // be absent from the first few hundred).
  const tried = new Uint8Array(n);
  for (let k = Math.min(n, 50 * p); basis.length < p; k = Math.min(n, k * 20)) {
    tryRows(smallestAbs(r, k).filter((i) => !tried[i]));
    for (const i of smallestAbs(r, k)) tried[i] = 1;
    if (k === n) break;
  }
  return basis.length === p ? Int32Array.from(basis) : null;
}

/** Indices of the k smallest |r|, in increasing order (a bounded max-heap pass). */
function smallestAbs(r: Float64Array, k: number): number[] {
  const heap: number[] = [];
  const key = (i: number): number => Math.abs(r[i]);
  const up = (c: number): void => {
    while (c > 0) {
      const par = (c - 1) >> 1;
      if (key(heap[par]) >= key(heap[c])) break;
      [heap[par], heap[c]] = [heap[c], heap[par]];
      c = par;
    }
  };
  const down = (c: number): void => {
    for (;;) {
      const l = 2 * c + 1;
      const rr = l + 1;
      let m = c;
      if (l < heap.length && key(heap[l]) > key(heap[m])) m = l;
      if (rr < heap.length && key(heap[rr]) > key(heap[m])) m = rr;
      if (m === c) return;
      [heap[m], heap[c]] = [heap[c], heap[m]];
      c = m;
    }
  };
  for (let i = 0; i < r.length; i++) {
    if (heap.length < k) {
      heap.push(i);
      up(heap.length - 1);
    } else if (key(i) < key(heap[0])) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort((a, b) => key(a) - key(b) || a - b);
}
