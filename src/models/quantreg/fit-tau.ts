import type { Matrix } from '../../linalg/matrix.js';
import type { Bandwidth } from './bandwidth.js';
import { residuals } from './check-loss.js';
import { fitQuantile, type QuantregMethod } from './fit-quantile.js';
import { vcovCluster } from './se-cluster.js';
import { vcovIid } from './se-iid.js';
import { vcovKer } from './se-ker.js';
import { vcovNid } from './se-nid.js';

/** Analytic standard-error types, computed one τ at a time. */
export type AnalyticSe = 'nid' | 'iid' | 'ker' | 'cluster' | 'none';

/** What one τ needs besides the data. */
export interface TauSpec {
  readonly se: AnalyticSe;
  readonly bandwidth: Bandwidth;
  readonly method: QuantregMethod;
  readonly cluster?: Int32Array | null;
  readonly clusters?: number;
}

/** The fit at one τ, as plain data (it crosses worker boundaries). */
export interface TauResult {
  readonly tau: number;
  readonly status: 'ok' | 'nonunique' | 'failed';
  readonly coefficients: Float64Array;
  /** Column-major p×p covariance (NaN when not computed). */
  readonly vcov: Float64Array;
  /** nid only: fitted densities that were not positive. */
  readonly nonPositive: number;
}

/**
 * Fits one τ exactly and computes its analytic covariance (`se: 'none'` skips it, for the
 * bootstrap). For nid the refits at τ ± h start from the solution at τ.
 * @example fitTau(X, y, 0.5, { se: 'nid', bandwidth: 'hall-sheather', method: 'auto' })
 */
export function fitTau(X: Matrix, y: Float64Array, tau: number, spec: TauSpec): TauResult {
  const p = X.cols;
  const s = fitQuantile(X, y, tau, { method: spec.method });
  const beta = s.coefficients;
  let vcov: Float64Array = new Float64Array(p * p).fill(NaN);
  let nonPositive = 0;
  if (s.status !== 'failed' && spec.se !== 'none') {
    const resid = residuals(X, y, beta);
    const bandwidth = spec.bandwidth;
    if (spec.se === 'iid') vcov = vcovIid(X, resid, tau, { bandwidth });
    else if (spec.se === 'ker') vcov = vcovKer(X, resid, tau, { bandwidth });
    else if (spec.se === 'cluster')
      vcov = vcovCluster(X, resid, tau, spec.cluster!, spec.clusters!, { bandwidth });
    else {
      const refit = (t: number): Float64Array =>
        fitQuantile(X, y, t, { method: spec.method, start: beta }).coefficients;
      const nid = vcovNid(X, tau, refit, { bandwidth });
      vcov = Float64Array.from(nid.vcov);
      nonPositive = nid.nonPositive;
    }
  }
  return { tau, status: s.status, coefficients: beta, vcov, nonPositive };
}
