import { tidyCoefficients, type TidyRow } from '../models/tidy.js';
import type { WlsFit } from './wls.js';

/** One equation of the estimator as reported (the fields of `povrisk regress`'s result). */
export interface EquationSummary {
  readonly n: number;
  readonly dfResidual: number;
  readonly rSquared: number;
  readonly sigma: number;
  readonly omitted: readonly string[];
  readonly coefficients: readonly TidyRow[];
}

/**
 * A WLS fit's coefficient table with classical standard errors σ̂²(X'WX)⁻¹, σ̂² = Σwe²/(n − k),
 * and t tests on the residual df, as R's `summary(lm(..., weights = w))` reports them.
 * @example equationSummary(fit).coefficients[1].stdError
 */
export function equationSummary(fit: WlsFit): EquationSummary {
  const s2 = fit.rss / fit.dfResidual;
  const V = fit.xtxInverse.map((v) => v * s2);
  return Object.freeze({
    n: fit.n,
    dfResidual: fit.dfResidual,
    rSquared: fit.rSquared,
    sigma: fit.sigma,
    omitted: fit.omitted,
    coefficients: tidyCoefficients(fit.estimated, fit.coefficients, V, { df: fit.dfResidual }),
  });
}
