import { fromColumns, type Matrix } from '../../linalg/matrix.js';
import { bandwidthRq, type Bandwidth } from './bandwidth.js';
import { brSimplex } from './br-simplex.js';
import { crossprodInverse } from './sandwich.js';

/**
 * Covariance under iid errors, as `summary.rq(se = "iid")`: τ(1−τ) s² (X'X)⁻¹, where the
 * sparsity s is the slope of a median regression of the h+1 sorted residuals that follow the
 * pz (near-)zero ones in order of |residual|, on their ranks divided by n − p, with
 * h = max(p + 1, ⌈n · bandwidth⌉). Returns NaNs when n is too small for that window.
 * Defaults: `bandwidth: 'hall-sheather'`.
 * @example vcovIid(X, resid, 0.5)
 */
export function vcovIid(
  X: Matrix,
  resid: Float64Array,
  tau: number,
  options: { bandwidth?: Bandwidth } = {},
): Float64Array {
  const n = X.rows;
  const p = X.cols;
  const eps = Math.sqrt(2.220446049250313e-16);
  let pz = 0;
  for (let i = 0; i < n; i++) if (Math.abs(resid[i]) < eps) pz++;
  const h = Math.max(p + 1, Math.ceil(n * bandwidthRq(tau, n, { method: options.bandwidth })));
  if (h + pz + 1 > n) return new Float64Array(p * p).fill(NaN);
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => Math.abs(resid[a]) - Math.abs(resid[b]) || a - b,
  );
  const m = h + 1;
  const ord = new Float64Array(m);
  const xt = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const rank = pz + 1 + k; // 1-based position in the |residual| order
    ord[k] = resid[order[rank - 1]];
    xt[k] = rank / (n - p);
  }
  ord.sort();
  const slope = brSimplex(fromColumns([xt], { intercept: 'first' }), ord, 0.5).coefficients[1];
  const v = crossprodInverse(X);
  const s = slope * slope * tau * (1 - tau);
  for (let i = 0; i < v.length; i++) v[i] *= s;
  return v;
}
