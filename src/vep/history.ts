import type { ColumnData } from '../data/read.js';
import { normalCdf } from '../stats/distributions.js';
import { linearPredictor } from './linear-predictor.js';
import { HARVEY_CORRECTION, type VarianceModel } from './variance-equation.js';
import { estimateVep, type VepResult } from './vep.js';

/** The name of the permanent-income regressor the history model adds. */
export const HISTORY_TERM = 'permanent_log_income';

/** The history model's variance equation unless one is asked for: exponential (always positive). */
export const HISTORY_VARIANCE: VarianceModel = 'exponential';

/** Options of `historyVep`. Defaults as `estimateVep`, except `variance` (`exponential`). */
export interface HistoryOptions {
  readonly income: string;
  readonly x: readonly string[];
  readonly line: number;
  readonly weights?: string | undefined;
  /** Variance equation; default `exponential` (`HISTORY_VARIANCE`). */
  readonly variance?: VarianceModel | undefined;
  /**
   * Each row's household's permanent income before this wave: the mean of its ln y over the
   * earlier waves with a positive income (NaN when none); fits the model.
   */
  readonly pastPermanent: Float64Array;
  /** The same mean over the waves up to and including this one; predicts the next wave. */
  readonly permanent: Float64Array;
}

/** The fitted history model and each row's predicted vulnerability for the next wave. */
export interface HistoryResult {
  readonly fit: VepResult;
  /** v for the next wave: Φ((ln z − μ) / σ) at [x, permanent income now]; NaN without them. */
  readonly vulnerability: Float64Array;
}

/**
 * A history-aware vulnerability: the three-step FGLS VEP (`estimateVep`) with the household's
 * own permanent income p (the mean of its past log incomes, as Zhang & Wan 2009 recommend)
 * among the regressors of both the mean and the variance equation,
 *   ln y_t = x_t β + γ p_{t−1} + e,   ln σ²_t = x_t θ + δ p_{t−1} (Harvey; or linear σ²),
 * where p_{t−1} is the mean of ln y over the waves before t, fitted on one wave t, then rolled
 * one wave forward with p_t (the mean up to t): μ_{t+1} = x_t β + γ p_t, σ²_{t+1} likewise,
 * v = Φ((ln z − μ_{t+1}) / σ_{t+1}). The variance equation is exponential unless `variance`
 * says otherwise: with the household's income among its regressors a linear σ² goes negative
 * for many households, whose v then sits at 0 or 1. See docs/validation.md.
 * @example historyVep(wave2, { income: 'inc', x: ['size'], line: 2563, pastPermanent, permanent }).vulnerability
 */
export function historyVep(data: ColumnData, options: HistoryOptions): HistoryResult {
  const numeric = new Map(data.numeric);
  numeric.set(HISTORY_TERM, options.pastPermanent);
  const x = [...options.x, HISTORY_TERM];
  const fit = estimateVep(
    { path: data.path, rows: data.rows, numeric, text: data.text },
    {
      income: options.income,
      x,
      line: options.line,
      weights: options.weights,
      variance: options.variance ?? HISTORY_VARIANCE,
    },
  );
  const xs = [...options.x.map((name) => data.numeric.get(name)!), options.permanent];
  const n = data.rows;
  const mu = linearPredictor(xs, fit.beta, n);
  const s2 = linearPredictor(xs, fit.theta, n);
  const floor = fit.summary.varianceFloor;
  const exponential = fit.summary.variance === 'exponential';
  const lnz = Math.log(options.line);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const variance = exponential ? Math.exp(s2[i] + HARVEY_CORRECTION) : Math.max(s2[i], floor);
    v[i] = Number.isNaN(mu[i]) ? NaN : normalCdf((lnz - mu[i]) / Math.sqrt(variance));
  }
  return Object.freeze({ fit, vulnerability: v });
}
