import type { ColumnData } from '../data/read.js';
import { optionError, UserError } from '../errors.js';
import { messages } from '../messages.js';
import { normalCdf } from '../stats/distributions.js';
import { classifyHouseholds, type Classes } from './classify.js';
import { fitPredictor } from './linear-predictor.js';
import { equationSummary, type EquationSummary } from './equation-summary.js';
import { groupTable, type GroupTable } from './group-table.js';
import { STATUS, statusLabel, vepSample } from './status.js';
import { headcountRatio, vepRates, type VepRates } from './summary.js';
import { wlsColumns } from './wls.js';
import {
  predictVariance,
  VARIANCE_MODELS,
  varianceEquation,
  type VarianceModel,
} from './variance-equation.js';

/** Options of `estimateVep`. */
export interface VepOptions {
  /** Per-capita income column (numeric, positive for the households used). */
  readonly income: string;
  /** Regressor columns (numeric); an intercept is added. */
  readonly x: readonly string[];
  /** Poverty line z per person per year, in the income's currency (see `povertyLine`). */
  readonly line: number;
  /** Sampling-weight column; default none (all weights 1). */
  readonly weights?: string | undefined;
  /** Variance equation: `linear` (the paper's eq. 3, default) or `exponential`. */
  readonly variance?: VarianceModel | undefined;
  /** Floor of fitted variances of ln y in the linear model; default 1e-4. */
  readonly floor?: number | undefined;
  /** Vulnerable when v ≥ threshold: a number in (0, 1), default 0.5, or `relative` (the headcount ratio). */
  readonly threshold?: number | 'relative' | undefined;
  /** Band cut points [a, b], 0 < a < b < 1: low v < a ≤ medium ≤ b < high; default [0.3, 0.6]. */
  readonly bands?: readonly [number, number] | undefined;
  /** Text columns to tabulate Table 2 by; default none. */
  readonly by?: readonly string[] | undefined;
}

/** The estimator's summary; `povrisk vep --json` prints its `vepSummaryJson` (result-json.ts). */
export interface VepSummary {
  readonly variance: VarianceModel;
  readonly weighted: boolean;
  readonly line: number;
  readonly logLine: number;
  readonly varianceFloor: number;
  readonly threshold: number;
  readonly thresholdRule: 'absolute' | 'relative';
  readonly bands: readonly [number, number];
  readonly nRows: number;
  readonly nUsed: number;
  /** Households with every regressor, which get v whether used in estimation or not. */
  readonly nScored: number;
  /** Rows not used in estimation, by status. */
  readonly excluded: Readonly<Record<string, number>>;
  /** Scored households whose fitted variance was raised to the floor (linear model). */
  readonly floored: number;
  /** Households of the estimation sample whose first-step variance s₁ was floored. */
  readonly flooredFirstStep: number;
  /** Exact-zero residuals whose ln e² was replaced by the smallest positive one (exponential). */
  readonly zeroResiduals: number;
  readonly headcountRatio: number;
  readonly vulnerabilityRate: number;
  readonly meanVulnerability: number;
  readonly sdVulnerability: number;
  readonly groups: VepRates['groups'];
  readonly causes: VepRates['causes'];
  /** The mean equation: the FGLS (third-step) regression of ln y. */
  readonly meanEquation: EquationSummary;
  /** The variance equation's final regression (of e², or of ln e² when exponential). */
  readonly varianceEquation: EquationSummary;
  /** Table 2: the Overall row, then one table per `by` column. */
  readonly overall: VepRates['overall'];
  readonly by: readonly GroupTable[];
}

/** Per-household results in input order (one element per input row), and the summary. */
export interface VepResult extends Classes {
  readonly rows: number;
  /** v = Φ((ln z − μ) / σ); NaN for households missing a regressor. */
  readonly vulnerability: Float64Array;
  /** μ = Xβ, the expected log income. */
  readonly meanLogIncome: Float64Array;
  /** σ, the standard deviation of log income. */
  readonly sdLogIncome: Float64Array;
  /** Status code per household; `statusLabels[code]` is its text (`ok`, `missing income`, …). */
  readonly status: Uint16Array;
  readonly statusLabels: readonly string[];
  /** Mean-equation coefficients β and variance-equation θ over all terms (0 if omitted). */
  readonly beta: Float64Array;
  readonly theta: Float64Array;
  readonly terms: readonly string[];
  readonly summary: VepSummary;
}

/**
 * Vulnerability as expected poverty by Amemiya's three-step FGLS (Chaudhuri, Jalan &
 * Suryahadi 2002), with y per-capita income, X = [1, x], w the sampling weights (1 if none):
 * 1. WLS of ln y on X with weights w → residuals e;
 * 2. the variance equation (see `varianceEquation`): σ² = max(Xθ, floor) (linear, the
 *    paper's eq. 3) or exp(Xθ + 1.2703628454614782) (exponential, Harvey's correction);
 * 3. WLS of ln y on X with weights w / σ² → β; μ = Xβ;
 * 4. v = Φ((ln z − μ) / σ).
 * Households with a missing regressor get no v. Households with all regressors but a missing
 * or non-positive income, or a missing or zero weight, are left out of estimation and still
 * get μ, σ and v; their `status` says why they were not used. Summary statistics (rates,
 * Table 2) are over the estimation sample (`status` ok), weighted by w.
 * Throws a UserError for a bad option, an unknown column, a negative weight, no positive
 * income, or no more usable households than coefficients.
 * @example const r = estimateVep(await readColumns('h.csv', { numeric: ['inc', 'size'] }), { income: 'inc', x: ['size'], line: 2563.176 });
 */
export function estimateVep(data: ColumnData, options: VepOptions): VepResult {
  const o = validate(options);
  const col = (name: string): Float64Array => {
    const c = data.numeric.get(name);
    if (!c) throw new UserError(messages.unknownColumn(data.path, name, [...data.numeric.keys()]));
    return c;
  };
  const income = col(o.income);
  const xs = o.x.map(col);
  const weights = o.weights ? col(o.weights) : null;
  const byValues = o.by.map((name) => {
    const coded = data.coded?.get(name);
    if (coded) return coded;
    const c = data.text.get(name);
    if (!c) throw new UserError(messages.unknownColumn(data.path, name, [...data.text.keys()]));
    return c;
  });
  const n = data.rows;
  const sample = vepSample(income, xs, weights, { path: data.path, x: o.x, weights: o.weights });
  const { used } = sample;
  const p = xs.length + 1;
  if (sample.positiveIncome === 0)
    throw new UserError(messages.vepNoPositiveIncome(data.path, o.income));
  if (used.length <= p) throw new UserError(messages.vepTooFewHouseholds(used.length, p, n));
  const terms = ['(Intercept)', ...o.x];
  const nu = used.length;
  const lny = new Float64Array(nu);
  for (let r = 0; r < nu; r++) lny[r] = Math.log(income[used[r]]);
  const wu = weights ? new Float64Array(nu) : null;
  if (wu && weights) for (let r = 0; r < nu; r++) wu[r] = weights[used[r]];
  // Step 1: WLS of ln y on X (only its residuals are kept: at 10⁷ households each of the
  // fit's per-household arrays is 80 MB).
  const residuals = firstStepResiduals(xs, used, lny, { weights: wu, terms, rows: n });
  // Step 2: the variance equation, and σ² for every household with all regressors.
  const eq = varianceEquation(xs, used, residuals, {
    model: o.variance,
    floor: o.floor,
    weights: wu,
    terms,
  });
  const varianceSummary = equationSummary(eq.fit);
  const { sigma2, floored } = predictVariance(eq, xs, n, { xb: fitPredictor(xs, eq.fit, n) });
  // Step 3: FGLS of ln y with weights w / σ².
  const w3 = new Float64Array(nu);
  for (let r = 0; r < nu; r++) w3[r] = (wu ? wu[r] : 1) / sigma2[used[r]];
  const fgls = wlsColumns(xs, used, lny, { weights: w3, terms, keep: 'fitted' });
  const meanSummary = equationSummary(fgls);
  const beta = fgls.full;
  // Step 4: vulnerability.
  const mu = fitPredictor(xs, fgls, n);
  // σ = √σ², written over σ² in place (one n-vector, not two): from here on the array is `sigma`.
  const sigma = sigma2;
  const v = new Float64Array(n);
  const lnz = Math.log(o.line);
  for (let i = 0; i < n; i++) {
    sigma[i] = Math.sqrt(sigma[i]);
    v[i] = Number.isNaN(mu[i]) ? NaN : normalCdf((lnz - mu[i]) / sigma[i]);
  }
  const headcount = headcountRatio(income, weights, used, o.line);
  const threshold = o.threshold === 'relative' ? headcount : o.threshold;
  const classes = classifyHouseholds(income, v, mu, { line: o.line, threshold, bands: o.bands });
  const rates = vepRates(v, classes, weights, used, { bands: o.bands });
  const statusLabels = Array.from({ length: STATUS.missingRegressor + o.x.length }, (_, code) =>
    code > STATUS.zeroWeight && code < STATUS.missingRegressor ? '' : statusLabel(code, o),
  );
  const excludedCounts = new Float64Array(statusLabels.length);
  for (let i = 0; i < n; i++) excludedCounts[sample.status[i]]++;
  const excluded: Record<string, number> = {};
  excludedCounts.forEach((count, code) => {
    if (code !== STATUS.ok && count > 0) excluded[statusLabels[code]] = count;
  });
  const summary: VepSummary = Object.freeze({
    variance: o.variance,
    weighted: weights !== null,
    line: o.line,
    logLine: lnz,
    varianceFloor: o.floor,
    threshold,
    thresholdRule: o.threshold === 'relative' ? 'relative' : 'absolute',
    bands: o.bands,
    nRows: n,
    nUsed: nu,
    nScored: sample.scored,
    excluded: Object.freeze(excluded),
    floored,
    flooredFirstStep: eq.flooredFirstStep,
    zeroResiduals: eq.zeroResiduals,
    headcountRatio: headcount,
    vulnerabilityRate: rates.vulnerabilityRate,
    meanVulnerability: rates.meanVulnerability,
    sdVulnerability: rates.sdVulnerability,
    groups: rates.groups,
    causes: rates.causes,
    meanEquation: meanSummary,
    varianceEquation: varianceSummary,
    overall: rates.overall,
    by: Object.freeze(
      o.by.map((column, k) =>
        groupTable(v, weights, used, { column, values: byValues[k], bands: o.bands }),
      ),
    ),
  });
  return Object.freeze({
    rows: n,
    vulnerability: v,
    meanLogIncome: mu,
    sdLogIncome: sigma,
    ...classes,
    status: sample.status,
    statusLabels: Object.freeze(statusLabels),
    beta,
    theta: eq.theta,
    terms: Object.freeze(terms),
    summary,
  });
}

/** Step 1's residuals; a UserError when no degrees of freedom are left. */
function firstStepResiduals(
  xs: readonly Float64Array[],
  used: Int32Array,
  lny: Float64Array,
  options: { weights: Float64Array | null; terms: readonly string[]; rows: number },
): Float64Array {
  const first = wlsColumns(xs, used, lny, { weights: options.weights, terms: options.terms });
  if (first.dfResidual <= 0 || !first.residuals)
    throw new UserError(messages.vepTooFewHouseholds(used.length, first.rank, options.rows));
  return first.residuals;
}

interface ValidOptions {
  readonly income: string;
  readonly x: readonly string[];
  readonly line: number;
  readonly weights: string | undefined;
  readonly variance: VarianceModel;
  readonly floor: number;
  readonly threshold: number | 'relative';
  readonly bands: readonly [number, number];
  readonly by: readonly string[];
}

function validate(options: VepOptions): ValidOptions {
  const bad = (name: string, value: unknown, expected: string): never => {
    throw optionError.bad(name, String(value), expected);
  };
  const { line } = options;
  if (!Number.isFinite(line) || line <= 0) bad('line', line, 'must be greater than 0');
  if (options.x.length === 0) bad('x', '', 'at least one regressor');
  const variance = options.variance ?? 'linear';
  if (!VARIANCE_MODELS.includes(variance))
    bad('variance', variance, `one of ${VARIANCE_MODELS.join(', ')}`);
  const floor = options.floor ?? 1e-4;
  if (!Number.isFinite(floor) || floor <= 0) bad('floor', floor, 'must be greater than 0');
  const threshold = options.threshold ?? 0.5;
  if (threshold !== 'relative' && !(threshold > 0 && threshold < 1)) {
    bad('threshold', threshold, "a number in (0, 1), or 'relative'");
  }
  const bands = options.bands ?? ([0.3, 0.6] as const);
  if (!(bands.length === 2 && bands[0] > 0 && bands[0] < bands[1] && bands[1] < 1)) {
    bad('bands', bands.join(','), 'two cut points a,b with 0 < a < b < 1');
  }
  return {
    income: options.income,
    x: options.x,
    line,
    weights: options.weights,
    variance,
    floor,
    threshold,
    bands: Object.freeze([bands[0], bands[1]] as const),
    by: options.by ?? [],
  };
}
