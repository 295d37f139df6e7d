import type { Matrix } from '../../linalg/matrix.js';

/**
 * Koenker–Bassett check function ρ_τ(u) = u (τ − 1{u < 0}).
 * @example rho(-2, 0.25) // 1.5
 */
export function rho(u: number, tau: number): number {
  return u < 0 ? u * (tau - 1) : u * tau;
}

/**
 * Residuals y − Xβ of a column-major design.
 * @example residuals(X, y, beta)
 */
export function residuals(X: Matrix, y: Float64Array, beta: ArrayLike<number>): Float64Array {
  const n = X.rows;
  const r = Float64Array.from(y);
  for (let j = 0; j < X.cols; j++) {
    const b = beta[j];
    if (b === 0) continue;
    const off = j * n;
    for (let i = 0; i < n; i++) r[i] -= X.data[off + i] * b;
  }
  return r;
}

/**
 * The quantile regression objective Σ ρ_τ(y − Xβ) (rows already weighted when weights apply).
 * @example checkLoss(X, y, fit.coefficients, 0.5)
 */
export function checkLoss(
  X: Matrix,
  y: Float64Array,
  beta: ArrayLike<number>,
  tau: number,
): number {
  const r = residuals(X, y, beta);
  let s = 0;
  for (let i = 0; i < r.length; i++) s += rho(r[i], tau);
  return s;
}
