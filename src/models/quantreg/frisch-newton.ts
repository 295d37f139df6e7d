import { cholesky, choleskySolve } from '../../linalg/cholesky.js';
import type { Matrix } from '../../linalg/matrix.js';

/** Result of the interior point: β, the duality gap reached and the iterations used. */
export interface InteriorFit {
  readonly status: 'ok' | 'not converged' | 'singular';
  readonly coefficients: Float64Array;
  readonly gap: number;
  readonly iterations: number;
}

/** Options of `frischNewton`. Defaults: `tol: 1e-12` (relative gap), `maxIter: 100`. */
export interface InteriorOptions {
  readonly tol?: number;
  readonly maxIter?: number;
}

/**
 * Frisch–Newton interior point for quantile regression (Portnoy & Koenker 1997; the method
 * of quantreg's `rq.fit.fnb`): Mehrotra's predictor–corrector on the bounded dual
 * max y'a s.t. X'a = (1−τ)X'1, 0 ≤ a ≤ 1, whose equality multipliers are β. Each step
 * solves one p×p system X'QX; cost O(n p²) per iteration, ~20 iterations. The solution is
 * interior-accurate, not a vertex: exactVertex turns it into one. Never throws.
 * @example frischNewton(X, y, 0.5).coefficients
 */
export function frischNewton(
  X: Matrix,
  yv: Float64Array,
  tau: number,
  options: InteriorOptions = {},
): InteriorFit {
  const tol = options.tol ?? 1e-12;
  const maxIter = options.maxIter ?? 100;
  const { rows: n, cols: p, data: A } = X;
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) c[i] = -yv[i];
  const x = new Float64Array(n).fill(1 - tau);
  const s = new Float64Array(n).fill(tau);
  const b = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let t = 0;
    for (let i = 0; i < n; i++) t += A[i + j * n];
    b[j] = (1 - tau) * t;
  }
  // Start: y = least-squares dual, z, w from the signs of c − A'y.
  const q = new Float64Array(n).fill(1);
  let y = solveWeighted(X, q, atv(X, c, q));
  if (!y) return fail(p, 'singular');
  const r = residual(X, c, y);
  const z = new Float64Array(n);
  const w = new Float64Array(n);
  let big = 0;
  for (let i = 0; i < n; i++) big = Math.max(big, Math.abs(r[i]));
  const shift = Math.max(1e-3 * big, 1e-8);
  for (let i = 0; i < n; i++) {
    z[i] = Math.max(r[i], 0) + shift;
    w[i] = Math.max(-r[i], 0) + shift;
  }
  const dx = new Float64Array(n);
  const dz = new Float64Array(n);
  const dw = new Float64Array(n);
  const dxa = new Float64Array(n);
  const dza = new Float64Array(n);
  const dwa = new Float64Array(n);
  const rhsv = new Float64Array(n);
  let gap = Infinity;
  let it = 0;
  for (; it < maxIter; it++) {
    let cx = 0;
    gap = 0;
    for (let i = 0; i < n; i++) {
      gap += x[i] * z[i] + s[i] * w[i];
      cx += c[i] * x[i];
    }
    const ax = av(X, x);
    let rpNorm = 0;
    const rp = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      rp[j] = b[j] - ax[j];
      rpNorm = Math.max(rpNorm, Math.abs(rp[j]));
    }
    const aty = residual(X, c, y); // c − A'y
    let rdNorm = 0;
    const rd = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      rd[i] = aty[i] - z[i] + w[i];
      rdNorm = Math.max(rdNorm, Math.abs(rd[i]));
    }
    if (
      gap <= tol * (1 + Math.abs(cx)) &&
      rdNorm <= 1e-9 * (1 + big) &&
      rpNorm <= 1e-9 * (1 + Math.abs(b[0]))
    )
      break;
    const mu = gap / (2 * n);
    for (let i = 0; i < n; i++) q[i] = 1 / (z[i] / x[i] + w[i] / s[i]);
    const H = gram(X, q);
    const chol = cholesky(H, p);
    if (chol.status !== 'ok') return fail(p, 'singular', y);
    // Predictor (affine) then Mehrotra corrector.
    const step = (
      sigmaMu: number,
      corr: boolean,
      outX: Float64Array,
      outZ: Float64Array,
      outW: Float64Array,
      dyOut: Float64Array,
    ): void => {
      for (let i = 0; i < n; i++) {
        const cxi = -x[i] * z[i] + sigmaMu - (corr ? dxa[i] * dza[i] : 0);
        const csi = -s[i] * w[i] + sigmaMu - (corr ? -dxa[i] * dwa[i] : 0);
        rhsv[i] = rd[i] - cxi / x[i] + csi / s[i];
      }
      const rhs = atv(X, rhsv, q);
      for (let j = 0; j < p; j++) rhs[j] += rp[j];
      const dy = choleskySolve(chol.u, p, rhs);
      dyOut.set(dy);
      const atdy = atDy(X, dy);
      for (let i = 0; i < n; i++) {
        const cxi = -x[i] * z[i] + sigmaMu - (corr ? dxa[i] * dza[i] : 0);
        const csi = -s[i] * w[i] + sigmaMu - (corr ? -dxa[i] * dwa[i] : 0);
        const d = q[i] * (atdy[i] - rd[i] + cxi / x[i] - csi / s[i]);
        outX[i] = d;
        outZ[i] = (cxi - z[i] * d) / x[i];
        outW[i] = (csi + w[i] * d) / s[i];
      }
    };
    const dy = new Float64Array(p);
    step(0, false, dxa, dza, dwa, dy);
    let [ap, ad] = stepLengths(x, s, z, w, dxa, dza, dwa, 1);
    let gapAff = 0;
    for (let i = 0; i < n; i++) {
      gapAff +=
        (x[i] + ap * dxa[i]) * (z[i] + ad * dza[i]) + (s[i] - ap * dxa[i]) * (w[i] + ad * dwa[i]);
    }
    const sigma = Math.pow(gapAff / gap, 3);
    step(sigma * mu, true, dx, dz, dw, dy);
    [ap, ad] = stepLengths(x, s, z, w, dx, dz, dw, 0.99995);
    for (let i = 0; i < n; i++) {
      x[i] += ap * dx[i];
      s[i] -= ap * dx[i];
      z[i] += ad * dz[i];
      w[i] += ad * dw[i];
    }
    y = Float64Array.from(y, (v, j) => v + ad * dy[j]);
  }
  const beta = Float64Array.from(y, (v) => -v);
  return Object.freeze({
    status: it < maxIter ? 'ok' : 'not converged',
    coefficients: beta,
    gap,
    iterations: it,
  });
}

function fail(p: number, status: 'singular', y?: Float64Array): InteriorFit {
  const beta = y ? Float64Array.from(y, (v) => -v) : new Float64Array(p).fill(NaN);
  return Object.freeze({ status, coefficients: beta, gap: Infinity, iterations: 0 });
}

function stepLengths(
  x: Float64Array,
  s: Float64Array,
  z: Float64Array,
  w: Float64Array,
  dx: Float64Array,
  dz: Float64Array,
  dw: Float64Array,
  damp: number,
): [number, number] {
  let ap = 1 / damp;
  let ad = 1 / damp;
  for (let i = 0; i < x.length; i++) {
    if (dx[i] < 0) ap = Math.min(ap, -x[i] / dx[i]);
    else if (dx[i] > 0) ap = Math.min(ap, s[i] / dx[i]);
    if (dz[i] < 0) ad = Math.min(ad, -z[i] / dz[i]);
    if (dw[i] < 0) ad = Math.min(ad, -w[i] / dw[i]);
  }
  return [Math.min(1, damp * ap), Math.min(1, damp * ad)];
}

/** A x for A = X' (p-vector). */
function av(X: Matrix, v: Float64Array): Float64Array {
  const { rows: n, cols: p, data } = X;
  const out = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let t = 0;
    const o = j * n;
    for (let i = 0; i < n; i++) t += data[o + i] * v[i];
    out[j] = t;
  }
  return out;
}

/** X'(q ∘ v). */
function atv(X: Matrix, v: Float64Array, q: Float64Array): Float64Array {
  const { rows: n, cols: p, data } = X;
  const out = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let t = 0;
    const o = j * n;
    for (let i = 0; i < n; i++) t += data[o + i] * q[i] * v[i];
    out[j] = t;
  }
  return out;
}

/** X d (n-vector). */
function atDy(X: Matrix, d: Float64Array): Float64Array {
  const { rows: n, cols: p, data } = X;
  const out = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    const dj = d[j];
    const o = j * n;
    for (let i = 0; i < n; i++) out[i] += data[o + i] * dj;
  }
  return out;
}

/** c − X y. */
function residual(X: Matrix, c: Float64Array, y: Float64Array): Float64Array {
  const out = Float64Array.from(c);
  const { rows: n, cols: p, data } = X;
  for (let j = 0; j < p; j++) {
    const yj = y[j];
    const o = j * n;
    for (let i = 0; i < n; i++) out[i] -= data[o + i] * yj;
  }
  return out;
}

/** X' diag(q) X, column-major p×p. */
function gram(X: Matrix, q: Float64Array): Float64Array {
  const { rows: n, cols: p, data } = X;
  const out = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let c2 = a; c2 < p; c2++) {
      let t = 0;
      const oa = a * n;
      const oc = c2 * n;
      for (let i = 0; i < n; i++) t += data[oa + i] * q[i] * data[oc + i];
      out[a + c2 * p] = t;
      out[c2 + a * p] = t;
    }
  }
  return out;
}

function solveWeighted(X: Matrix, q: Float64Array, rhs: Float64Array): Float64Array | null {
  const chol = cholesky(gram(X, q), X.cols);
  return chol.status === 'ok' ? choleskySolve(chol.u, X.cols, rhs) : null;
}
