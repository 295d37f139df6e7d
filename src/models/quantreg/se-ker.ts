import type { Matrix } from '../../linalg/matrix.js';
import { normalQuantile } from '../../stats/distributions.js';
import { bandwidthRq, dnorm, shrinkToUnit, type Bandwidth } from './bandwidth.js';
import { densitySandwich } from './sandwich.js';

/**
 * Quantile of a sample by R's default (type 7) rule, on a sorted copy.
 * @example quantile7(sorted, 0.75)
 */
export function quantile7(sorted: Float64Array, prob: number): number {
  const h = (sorted.length - 1) * prob;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Powell's kernel sandwich, as `summary.rq(se = "ker")`: residual bandwidth
 * c = (Φ⁻¹(τ+h) − Φ⁻¹(τ−h)) · min(sd(u), IQR(u)/1.34), Gaussian kernel f_i = φ(u_i/c)/c,
 * and V = τ(1−τ) (X'FX)⁻¹ X'X (X'FX)⁻¹. Defaults: `bandwidth: 'hall-sheather'`.
 * @example vcovKer(X, resid, 0.5)
 */
export function vcovKer(
  X: Matrix,
  resid: Float64Array,
  tau: number,
  options: { bandwidth?: Bandwidth } = {},
): Float64Array {
  const n = X.rows;
  const h = shrinkToUnit(tau, bandwidthRq(tau, n, { method: options.bandwidth }));
  let mean = 0;
  for (let i = 0; i < n; i++) mean += resid[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (resid[i] - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const sorted = Float64Array.from(resid).sort();
  const iqr = (quantile7(sorted, 0.75) - quantile7(sorted, 0.25)) / 1.34;
  const c = (normalQuantile(tau + h) - normalQuantile(tau - h)) * Math.min(sd, iqr);
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = dnorm(resid[i] / c) / c;
  return densitySandwich(X, f, tau);
}
