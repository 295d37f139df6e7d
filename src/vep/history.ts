import type { ColumnData } from '../data/read.js';
import { normalCdf } from '../stats/distributions.js';
import { linearPredictor } from './linear-predictor.js';
import { HARVEY_CORRECTION, type VarianceModel } from './variance-equation.js';
import { estimateVep, type VepResult } from './vep.js';

/** The name of the lagged log income regressor the history model adds. */
export const HISTORY_TERM = 'log_income_lag';

/** Options of `historyVep`. Defaults as `estimateVep`. */
export interface HistoryOptions {
  readonly income: string;
  readonly x: readonly string[];
  readonly line: number;
  readonly weights?: string | undefined;
  readonly variance?: VarianceModel | undefined;
  /** ln income of each row's household one wave earlier (NaN when unknown); fits the model. */
  readonly lagLogIncome: Float64Array;
  /** ln income of each row's household in this wave (NaN when unknown); predicts the next wave. */
  readonly logIncome: Float64Array;
}

/** The fitted history model and each row's predicted vulnerability for the next wave. */
export interface HistoryResult {
  readonly fit: VepResult;
  /** v for the next wave: Φ((ln z − μ) / σ) at [x, ln income now]; NaN without them. */
  readonly vulnerability: Float64Array;
}

/**
 * A history-aware vulnerability: the three-step FGLS VEP (`estimateVep`) with the household's
 * own lagged log income among the regressors of both the mean and the variance equation,
 *   ln y_t = x_t β + γ ln y_{t−1} + e,   σ²_t = x_t θ + δ ln y_{t−1}  (or exp(…), Harvey),
 * fitted on one wave t (households that were also observed, with a positive income, in t−1),
 * then rolled one wave forward: μ_{t+1} = x_t β + γ ln y_t, σ²_{t+1} likewise, and
 * v = Φ((ln z − μ_{t+1}) / σ_{t+1}). A dynamic (AR(1)-with-covariates) version of Chaudhuri,
 * Jalan & Suryahadi (2002); the past income carries what a cross-section misses about
 * permanent income (Zhang & Wan 2009; Ligon & Schechter 2003; Dercon & Krishnan 2000).
 * See docs/validation.md.
 * @example historyVep(wave2, { income: 'inc', x: ['size'], line: 2563, lagLogIncome, logIncome }).vulnerability
 */
export function historyVep(data: ColumnData, options: HistoryOptions): HistoryResult {
  const numeric = new Map(data.numeric);
  numeric.set(HISTORY_TERM, options.lagLogIncome);
  const x = [...options.x, HISTORY_TERM];
  const fit = estimateVep(
    { path: data.path, rows: data.rows, numeric, text: data.text },
    {
      income: options.income,
      x,
      line: options.line,
      weights: options.weights,
      variance: options.variance,
    },
  );
  const xs = [...options.x.map((name) => data.numeric.get(name)!), options.logIncome];
  const n = data.rows;
  const mu = linearPredictor(xs, fit.beta, n);
  const s2 = linearPredictor(xs, fit.theta, n);
  const floor = fit.summary.variance_floor;
  const exponential = fit.summary.variance === 'exponential';
  const lnz = Math.log(options.line);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const variance = exponential ? Math.exp(s2[i] + HARVEY_CORRECTION) : Math.max(s2[i], floor);
    v[i] = Number.isNaN(mu[i]) ? NaN : normalCdf((lnz - mu[i]) / Math.sqrt(variance));
  }
  return Object.freeze({ fit, vulnerability: v });
}
