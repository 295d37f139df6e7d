import { cholesky, choleskySolve } from '../../linalg/cholesky.js';
import type { Matrix } from '../../linalg/matrix.js';
import { weightedCrossprod } from './sandwich.js';

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
  const y = solveWeighted(X, q, atv(X, c, q));
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
  const rd = new Float64Array(n);
  const rhsv = new Float64Array(n);
  const cx = new Float64Array(n);
  const cs = new Float64Array(n);
  const xy = new Float64Array(n);
  const rp = new Float64Array(p);
  const rhs = new Float64Array(p);
  let gap = Infinity;
  let it = 0;
  for (; it < maxIter; it++) {
    let obj = 0;
    gap = 0;
    for (let i = 0; i < n; i++) {
      gap += x[i] * z[i] + s[i] * w[i];
      obj += c[i] * x[i];
    }
    let rpNorm = 0;
    for (let j = 0; j < p; j++) {
      let t = 0;
      const o = j * n;
      for (let i = 0; i < n; i++) t += A[o + i] * x[i];
      rp[j] = b[j] - t;
      rpNorm = Math.max(rpNorm, Math.abs(rp[j]));
    }
    multiplyInto(X, y, xy);
    let rdNorm = 0;
    for (let i = 0; i < n; i++) {
      rd[i] = c[i] - xy[i] - z[i] + w[i];
      rdNorm = Math.max(rdNorm, Math.abs(rd[i]));
    }
    if (
      gap <= tol * (1 + Math.abs(obj)) &&
      rdNorm <= 1e-9 * (1 + big) &&
      rpNorm <= 1e-9 * (1 + Math.abs(b[0]))
    ) {
      break;
    }
    const mu = gap / (2 * n);
    for (let i = 0; i < n; i++) q[i] = 1 / (z[i] / x[i] + w[i] / s[i]);
    const chol = cholesky(weightedCrossprod(X, q), p);
    if (chol.status !== 'ok') return fail(p, 'singular', y);
    // Predictor (affine scaling): complementarity targets −xz and −sw.
    for (let i = 0; i < n; i++) {
      cx[i] = -x[i] * z[i];
      cs[i] = -s[i] * w[i];
    }
    let dy = newtonStep(X, chol.u, q, rd, rp, x, s, z, w, cx, cs, rhsv, rhs, xy, dxa, dza, dwa);
    let [ap, ad] = stepLengths(x, s, z, w, dxa, dza, dwa, 1);
    let gapAff = 0;
    for (let i = 0; i < n; i++) {
      gapAff +=
        (x[i] + ap * dxa[i]) * (z[i] + ad * dza[i]) + (s[i] - ap * dxa[i]) * (w[i] + ad * dwa[i]);
    }
    const sigmaMu = Math.pow(gapAff / gap, 3) * mu;
    // Mehrotra corrector: centring plus the second-order term of the affine step.
    for (let i = 0; i < n; i++) {
      cx[i] = -x[i] * z[i] + sigmaMu - dxa[i] * dza[i];
      cs[i] = -s[i] * w[i] + sigmaMu + dxa[i] * dwa[i];
    }
    dy = newtonStep(X, chol.u, q, rd, rp, x, s, z, w, cx, cs, rhsv, rhs, xy, dx, dz, dw);
    [ap, ad] = stepLengths(x, s, z, w, dx, dz, dw, 0.99995);
    for (let i = 0; i < n; i++) {
      x[i] += ap * dx[i];
      s[i] -= ap * dx[i];
      z[i] += ad * dz[i];
      w[i] += ad * dw[i];
    }
    for (let j = 0; j < p; j++) y[j] += ad * dy[j];
  }
  const beta = Float64Array.from(y, (v) => -v);
  return Object.freeze({
    status: it < maxIter ? 'ok' : 'not converged',
    coefficients: beta,
    gap,
    iterations: it,
  });
}

/**
 * One Newton direction for complementarity targets (cx, cs): solves X'QX dy = rp + X'Q r̂
 * with r̂ = rd − cx/x + cs/s, then dx = Q(X dy − r̂), dz = (cx − z dx)/x, dw = (cs + w dx)/s.
 */
function newtonStep(
  X: Matrix,
  u: Float64Array,
  q: Float64Array,
  rd: Float64Array,
  rp: Float64Array,
  x: Float64Array,
  s: Float64Array,
  z: Float64Array,
  w: Float64Array,
  cx: Float64Array,
  cs: Float64Array,
  rhsv: Float64Array,
  rhs: Float64Array,
  xdy: Float64Array,
  outX: Float64Array,
  outZ: Float64Array,
  outW: Float64Array,
): Float64Array {
  const { rows: n, cols: p, data } = X;
  for (let i = 0; i < n; i++) rhsv[i] = q[i] * (rd[i] - cx[i] / x[i] + cs[i] / s[i]);
  for (let j = 0; j < p; j++) {
    let t = 0;
    const o = j * n;
    for (let i = 0; i < n; i++) t += data[o + i] * rhsv[i];
    rhs[j] = t + rp[j];
  }
  const dy = choleskySolve(u, p, rhs);
  multiplyInto(X, dy, xdy);
  for (let i = 0; i < n; i++) {
    const d = q[i] * xdy[i] - rhsv[i];
    outX[i] = d;
    outZ[i] = (cx[i] - z[i] * d) / x[i];
    outW[i] = (cs[i] + w[i] * d) / s[i];
  }
  return dy;
}

/** out = X v (n-vector). */
function multiplyInto(X: Matrix, v: Float64Array, out: Float64Array): void {
  const { rows: n, cols: p, data } = X;
  out.fill(0);
  for (let j = 0; j < p; j++) {
    const vj = v[j];
    const o = j * n;
    for (let i = 0; i < n; i++) out[i] += data[o + i] * vj;
  }
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

function solveWeighted(X: Matrix, q: Float64Array, rhs: Float64Array): Float64Array | null {
  const chol = cholesky(weightedCrossprod(X, q), X.cols);
  return chol.status === 'ok' ? choleskySolve(chol.u, X.cols, rhs) : null;
}
