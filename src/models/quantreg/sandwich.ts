import type { Matrix } from '../../linalg/matrix.js';
import { qr } from '../../linalg/qr.js';
import { invertUpper } from '../../linalg/triangular.js';
import { invertDense } from './dense-inverse.js';

/**
 * (X'X)⁻¹ through the R factor of a Householder QR, as summary.rq computes
 * `backsolve(qr(x)$qr[1:p, 1:p], diag(p))` and its outer product. Column-major p×p.
 * @example crossprodInverse(X)
 */
export function crossprodInverse(X: Matrix): Float64Array {
  const p = X.cols;
  const d = qr(X);
  const r = new Float64Array(p * p);
  // summary.rq takes the leading p×p block of the compact QR, whatever the rank.
  for (let j = 0; j < p; j++) for (let i = 0; i <= j; i++) r[i + j * p] = d.qr[i + j * X.rows];
  const ri = invertUpper(r, p);
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let m = Math.max(i, j); m < p; m++) s += ri[i + m * p] * ri[j + m * p];
      out[i + j * p] = s;
    }
  }
  return out;
}

/**
 * X'X of a column-major design, p×p.
 * @example crossprod(X)
 */
export function crossprod(X: Matrix): Float64Array {
  const { rows: n, cols: p, data } = X;
  const out = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      let s = 0;
      const oa = a * n;
      const ob = b * n;
      for (let i = 0; i < n; i++) s += data[oa + i] * data[ob + i];
      out[a + b * p] = s;
      out[b + a * p] = s;
    }
  }
  return out;
}

/**
 * Each row of X multiplied by s_i (a new matrix).
 * @example scaleRows(X, sqrtF)
 */
export function scaleRows(X: Matrix, s: Float64Array): Matrix {
  const { rows: n, cols: p } = X;
  const data = new Float64Array(n * p);
  for (let j = 0; j < p; j++)
    for (let i = 0; i < n; i++) data[i + j * n] = X.data[i + j * n] * s[i];
  return { rows: n, cols: p, data };
}

/**
 * A B C for column-major p×p matrices.
 * @example triple(Hinv, J, Hinv)
 */
export function triple(a: Float64Array, b: Float64Array, c: Float64Array, p: number): Float64Array {
  const ab = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let m = 0; m < p; m++) s += a[i + m * p] * b[m + j * p];
      ab[i + j * p] = s;
    }
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let m = 0; m < p; m++) s += ab[i + m * p] * c[m + j * p];
      out[i + j * p] = s;
    }
  return out;
}

/**
 * Koenker's sandwich τ(1−τ) H⁻¹ J H⁻¹ with H = X' diag(f) X and J = X'X, H⁻¹ taken
 * through the QR of √f·X as summary.rq (se = "nid" and "ker") does (above GRAM_MIN_ROWS rows,
 * by inverting X'FX formed in one pass, which avoids two n×p copies).
 * @example densitySandwich(X, f, 0.5)
 */
export function densitySandwich(X: Matrix, f: Float64Array, tau: number): Float64Array {
  const p = X.cols;
  let hinv: Float64Array | null;
  if (X.rows <= GRAM_MIN_ROWS) {
    const sf = new Float64Array(f.length);
    for (let i = 0; i < f.length; i++) sf[i] = Math.sqrt(f[i]);
    hinv = crossprodInverse(scaleRows(X, sf));
  } else {
    // Large n: X'FX in one pass without copying X (the QR route would copy it twice).
    hinv = invertDense(weightedCrossprod(X, f), p) ?? new Float64Array(p * p).fill(NaN);
  }
  const v = triple(hinv, crossprod(X), hinv, p);
  const s = tau * (1 - tau);
  for (let i = 0; i < v.length; i++) v[i] *= s;
  return v;
}

/** Rows above which densitySandwich forms X'FX directly instead of through a QR. */
export const GRAM_MIN_ROWS = 100_000;

/**
 * X' diag(f) X, p×p column-major.
 * @example weightedCrossprod(X, f)
 */
export function weightedCrossprod(X: Matrix, f: Float64Array): Float64Array {
  const { rows: n, cols: p, data } = X;
  const out = new Float64Array(p * p);
  const t = new Float64Array(n);
  for (let a = 0; a < p; a++) {
    const oa = a * n;
    for (let i = 0; i < n; i++) t[i] = f[i] * data[oa + i];
    for (let b = a; b < p; b++) {
      const ob = b * n;
      let s = 0;
      for (let i = 0; i < n; i++) s += t[i] * data[ob + i];
      out[a + b * p] = s;
      out[b + a * p] = s;
    }
  }
  return out;
}
