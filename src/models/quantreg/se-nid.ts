import type { Matrix } from '../../linalg/matrix.js';
import { bandwidthRq, shrinkToUnit, type Bandwidth } from './bandwidth.js';
import { densitySandwich } from './sandwich.js';

/** A covariance with the count of fitted densities that were not positive. */
export interface NidCovariance {
  readonly vcov: Float64Array;
  readonly nonPositive: number;
}

/**
 * Hendricks–Koenker sandwich, as `summary.rq(se = "nid")`: with h the bandwidth (halved
 * until τ ± h ⊂ [0, 1]), the conditional densities f_i = max(0, 2h / (x_i'(β̂(τ+h) − β̂(τ−h)) − ε)),
 * ε = √machine-ε, and V = τ(1−τ) (X'FX)⁻¹ X'X (X'FX)⁻¹. `refit(tau)` returns β̂ at another τ
 * (by the same solver as the main fit). Defaults: `bandwidth: 'hall-sheather'`.
 * @example vcovNid(X, 0.5, (t) => fitQuantile(X, y, t).coefficients)
 */
export function vcovNid(
  X: Matrix,
  tau: number,
  refit: (tau: number) => Float64Array,
  options: { bandwidth?: Bandwidth } = {},
): NidCovariance {
  const n = X.rows;
  const p = X.cols;
  const eps = Math.sqrt(2.220446049250313e-16);
  const h = shrinkToUnit(tau, bandwidthRq(tau, n, { method: options.bandwidth }));
  const bhi = refit(tau + h);
  const blo = refit(tau - h);
  const f = new Float64Array(n);
  let nonPositive = 0;
  for (let i = 0; i < n; i++) {
    let dy = 0;
    for (let j = 0; j < p; j++) dy += X.data[i + j * n] * (bhi[j] - blo[j]);
    if (dy <= 0) nonPositive++;
    f[i] = Math.max(0, (2 * h) / (dy - eps));
  }
  return Object.freeze({ vcov: densitySandwich(X, f, tau), nonPositive });
}
