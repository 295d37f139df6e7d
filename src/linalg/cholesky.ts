/** Result of a Cholesky factorisation: `status` is 'ok' or 'not positive definite'. */
export interface Cholesky {
  readonly status: 'ok' | 'not positive definite';
  /** Upper-triangular U with A = U'U, column-major k×k. */
  readonly u: Float64Array;
  readonly k: number;
}

/**
 * Cholesky factorisation A = U'U of a symmetric positive-definite, column-major k×k matrix.
 * Never throws: a non-positive pivot returns status 'not positive definite'.
 * @example const { status, u } = cholesky(A, 3);
 */
export function cholesky(a: Float64Array, k: number): Cholesky {
  const u = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let d = a[j + j * k];
    for (let m = 0; m < j; m++) d -= u[m + j * k] * u[m + j * k];
    if (!(d > 0)) return { status: 'not positive definite', u, k };
    const ujj = Math.sqrt(d);
    u[j + j * k] = ujj;
    for (let i = j + 1; i < k; i++) {
      let s = a[j + i * k];
      for (let m = 0; m < j; m++) s -= u[m + j * k] * u[m + i * k];
      u[j + i * k] = s / ujj;
    }
  }
  return { status: 'ok', u, k };
}

/**
 * Solves A x = b given A = U'U (two triangular solves).
 * @example choleskySolve(cholesky(A, k).u, k, b)
 */
export function choleskySolve(u: Float64Array, k: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < k; i++) {
    let s = x[i];
    for (let m = 0; m < i; m++) s -= u[m + i * k] * x[m];
    x[i] = s / u[i + i * k];
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = x[i];
    for (let m = i + 1; m < k; m++) s -= u[i + m * k] * x[m];
    x[i] = s / u[i + i * k];
  }
  return x;
}
