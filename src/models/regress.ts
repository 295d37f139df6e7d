import type { ModelFrame } from '../data/model-frame.js';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import type { Tsqr } from '../linalg/tsqr.js';
import { ols, type OlsFit } from './ols.js';
import { tidyCoefficients, waldTest, type TidyRow, type WaldTest } from './tidy.js';
import { vcovOls, type VceType, type Vcov } from './vcov.js';

/** A regression as reported; its JSON (`regressionJson`, report/result-json.ts) is `--json`'s. */
export interface Regression {
  readonly n: number;
  readonly nDropped: number;
  readonly dfResidual: number;
  readonly rSquared: number;
  readonly adjRSquared: number;
  readonly sigma: number;
  readonly fTest: WaldTest;
  readonly vce: VceType;
  readonly clusters: number | null;
  readonly weighted: boolean;
  readonly omitted: readonly string[];
  readonly coefficients: readonly TidyRow[];
}

/** Options of `regress`. Defaults: `vce: 'classical'`, `level: 0.95`, no `factor`. */
export interface RegressOptions {
  readonly vce?: VceType;
  readonly level?: number;
  /** The frame's tall-skinny QR computed beforehand (see `OlsOptions.factor`). */
  readonly factor?: Tsqr;
}

/**
 * Fits OLS/WLS on a model frame and computes the chosen covariance and its inference.
 * Returns the fit, the reported result and the covariance (whose `leverageOne` flags
 * undefined hc2/hc3 errors). Throws a UserError when there are fewer complete rows than
 * coefficients.
 * @example const { result } = regress(frame, { vce: 'hc1' }); result.coefficients[1].stdError
 */
export function regress(
  frame: ModelFrame,
  options: RegressOptions = {},
): { fit: OlsFit; result: Regression; vcov: Vcov } {
  const vce = options.vce ?? (frame.cluster ? 'cluster' : 'classical');
  const k = frame.X.cols;
  if (frame.X.rows <= k) throw new UserError(messages.tooFewObservations(frame.X.rows, k));
  if (vce === 'cluster' && frame.clusters < 2)
    throw new UserError(messages.singleCluster('cluster'));
  const fit = ols(frame.X, frame.y, {
    weights: frame.weights,
    terms: frame.terms,
    constant: frame.constant ?? true,
    factor: options.factor,
  });
  if (fit.dfResidual <= 0) throw new UserError(messages.tooFewObservations(fit.n, fit.rank));
  const V = vcovOls(fit, { type: vce, cluster: frame.cluster, clusters: frame.clusters });
  const coefficients = tidyCoefficients(fit.estimated, fit.coefficients, V.matrix, {
    df: V.df,
    level: options.level ?? 0.95,
  });
  const slopes = fit.estimated.flatMap((t, j) => (t === '(Intercept)' ? [] : [j]));
  const result: Regression = Object.freeze({
    n: fit.n,
    nDropped: frame.rowsDropped,
    dfResidual: fit.dfResidual,
    rSquared: fit.rSquared,
    adjRSquared: fit.adjRSquared,
    sigma: fit.sigma,
    fTest: waldTest(fit.coefficients, V.matrix, slopes, {
      df: V.df,
      rank: V.clusters === null ? Infinity : V.clusters - 1,
    }),
    vce,
    clusters: V.clusters,
    weighted: frame.weights !== null,
    omitted: fit.omitted,
    coefficients,
  });
  return { fit, result, vcov: V };
}
