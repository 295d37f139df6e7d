/**
 * Solves R x = b for an upper-triangular, column-major k×k R (back substitution).
 * Returns NaN entries when a diagonal element is zero.
 * @example backsolve(R, 3, qty.subarray(0, 3))
 */
export function backsolve(r: Float64Array, k: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b.subarray(0, k));
  for (let i = k - 1; i >= 0; i--) {
    let s = x[i];
    for (let j = i + 1; j < k; j++) s -= r[i + j * k] * x[j];
    x[i] = s / r[i + i * k];
  }
  return x;
}

/**
 * Solves L x = b for a lower-triangular, column-major k×k L (forward substitution).
 * @example forwardsolve(L, 3, b)
 */
export function forwardsolve(l: Float64Array, k: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b.subarray(0, k));
  for (let i = 0; i < k; i++) {
    let s = x[i];
    for (let j = 0; j < i; j++) s -= l[i + j * k] * x[j];
    x[i] = s / l[i + i * k];
  }
  return x;
}

/**
 * Inverse of an upper-triangular, column-major k×k matrix (itself upper triangular).
 * @example const Rinv = invertUpper(R, k);
 */
export function invertUpper(r: Float64Array, k: number): Float64Array {
  const inv = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    inv[j + j * k] = 1 / r[j + j * k];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let m = i + 1; m <= j; m++) s += r[i + m * k] * inv[m + j * k];
      inv[i + j * k] = -s / r[i + i * k];
    }
  }
  return inv;
}

/**
 * (R'R)^-1 = R^-1 R^-T from an upper-triangular R, as R's `chol2inv`.
 * @example const XtXinv = chol2inv(R, k);
 */
export function chol2inv(r: Float64Array, k: number): Float64Array {
  const ri = invertUpper(r, k);
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let m = j; m < k; m++) s += ri[i + m * k] * ri[j + m * k];
      out[i + j * k] = s;
      out[j + i * k] = s;
    }
  }
  return out;
}
