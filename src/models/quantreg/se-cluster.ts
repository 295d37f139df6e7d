import type { Matrix } from '../../linalg/matrix.js';
import { normalQuantile } from '../../stats/distributions.js';
import { bandwidthRq, shrinkToUnit, type Bandwidth } from './bandwidth.js';
import { invertDense } from './dense-inverse.js';
import { triple } from './sandwich.js';

function median(sorted: Float64Array): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/**
 * Cluster-robust covariance of Parente & Santos Silva (2016, "Quantile regression with
 * clustered data", J. Econometric Methods), the analytic estimator of Stata's `qreg2, cluster()`
 * (quantreg 5.94 offers only a cluster wild bootstrap, not this). V = A⁻¹BA⁻¹/n with
 * A = (2nc)⁻¹ Σ 1{|u_i| ≤ c} x_i x_i' (uniform kernel), B = n⁻¹ Σ_g s_g s_g',
 * s_g = Σ_{i∈g} (τ − 1{u_i < 0}) x_i, and c = κ (Φ⁻¹(τ+h) − Φ⁻¹(τ−h)) with h the
 * Hall–Sheather (or Bofinger) bandwidth and κ the median absolute deviation of the residuals
 * from their median. Residuals smaller than √ε in size (the basis) count as zero, ψ = τ. Returns NaNs when no residual falls within c of zero.
 * Defaults: `bandwidth: 'hall-sheather'`.
 * @example vcovCluster(X, resid, 0.5, frame.cluster, frame.clusters)
 */
export function vcovCluster(
  X: Matrix,
  resid: Float64Array,
  tau: number,
  cluster: Int32Array,
  clusters: number,
  options: { bandwidth?: Bandwidth } = {},
): Float64Array {
  const { rows: n, cols: p, data } = X;
  const h = shrinkToUnit(tau, bandwidthRq(tau, n, { method: options.bandwidth }));
  const sorted = Float64Array.from(resid).sort();
  const med = median(sorted);
  const dev = Float64Array.from(resid, (v) => Math.abs(v - med)).sort();
  const c = median(dev) * (normalQuantile(tau + h) - normalQuantile(tau - h));
  const sk = new Float64Array(p * p);
  const scores = new Float64Array(clusters * p);
  const zero = Math.sqrt(2.220446049250313e-16);
  for (let i = 0; i < n; i++) {
    // Basis residuals (zero up to rounding) take ψ = τ.
    const psi = resid[i] < -zero ? tau - 1 : tau;
    const g = cluster[i];
    const inside = Math.abs(resid[i]) <= c;
    for (let a = 0; a < p; a++) {
      const xa = data[i + a * n];
      scores[g * p + a] += psi * xa;
      if (inside) for (let b = 0; b < p; b++) sk[a + b * p] += xa * data[i + b * n];
    }
  }
  const sb = new Float64Array(p * p);
  for (let g = 0; g < clusters; g++)
    for (let a = 0; a < p; a++)
      for (let b = 0; b < p; b++) sb[a + b * p] += scores[g * p + a] * scores[g * p + b];
  const skInv = invertDense(sk, p);
  if (!skInv) return new Float64Array(p * p).fill(NaN);
  const v = triple(skInv, sb, skInv, p);
  const s = 4 * c * c;
  for (let i = 0; i < v.length; i++) v[i] *= s;
  return v;
}
