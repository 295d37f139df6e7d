import { quoteIdent } from '../data/source.js';
import { CAUSE_LABELS } from '../vep/classify.js';
import { equationDrivers, varianceOffset } from '../vep/drivers.js';
import { suggestMeasures, type DriverMeasures } from './driver-measures.js';
import type { VepSpec } from './rules.js';
import { rowsOf, sqlString } from './sql.js';
import type { Store } from './store.js';
import type { HouseholdDrivers } from '../domain/household-detail.js';

export type { HouseholdDrivers } from '../domain/household-detail.js';

/** Options of `householdDrivers`. Defaults: the built-in mapping, 3 drivers, threshold 0.5. */
export interface HouseholdDriversOptions {
  readonly mapping?: DriverMeasures | undefined;
  readonly top?: number | undefined;
  readonly threshold?: number | undefined;
}

/**
 * Splits a household's expected log income μ and its variance index into the wave's average
 * household (x̄: the mean over the wave's households with every regressor and a positive
 * income, the sample a fit of the wave uses, unweighted as the monitor's fits are) and each
 * term's contribution βⱼ(xⱼ − x̄ⱼ), for its latest scored wave and that wave's latest model.
 * Null when the household has no score (never scored, or a regressor missing).
 * @example (await householdDrivers(store, 'H00001'))?.mean.baseline
 */
export async function householdDrivers(
  store: Pick<Store, 'db'>,
  householdId: string,
  options: HouseholdDriversOptions = {},
): Promise<HouseholdDrivers | null> {
  const c = store.db;
  const [score] = await rowsOf(
    c,
    `SELECT s.wave, s.model_id, s.mu, s.sigma, s.vulnerability, CAST(m.spec AS VARCHAR) AS spec,
       CAST(m.coefficients AS VARCHAR) AS coef
     FROM risk_scores s JOIN waves w ON w.wave = s.wave JOIN models m ON m.model_id = s.model_id
     WHERE s.household_id = ${sqlString(householdId)}
     ORDER BY w.seq DESC, s.model_id DESC LIMIT 1`,
  );
  if (score === undefined || score.mu === null) return null;
  const spec = JSON.parse(String(score.spec)) as VepSpec;
  const coef = JSON.parse(String(score.coef)) as {
    terms: string[];
    beta: number[];
    theta: number[];
    floor: number;
  };
  const x = spec.x.map(quoteIdent);
  const wave = sqlString(String(score.wave));
  const [own] = await rowsOf(
    c,
    `SELECT ${x.map((q, j) => `CAST(${q} AS DOUBLE) AS x${j}`).join(', ')} FROM current_observations
     WHERE wave = ${wave} AND household_id = ${sqlString(householdId)}`,
  );
  const [avg] = await rowsOf(
    c,
    `SELECT ${x.map((q, j) => `avg(CAST(${q} AS DOUBLE)) AS x${j}`).join(', ')} FROM current_observations
     WHERE wave = ${wave} AND ${quoteIdent(spec.income)} > 0
       AND ${x.map((q) => `${q} IS NOT NULL`).join(' AND ')}`,
  );
  if (own === undefined || spec.x.some((_, j) => own[`x${j}`] === null)) return null;
  const values = spec.x.map((_, j) => Number(own[`x${j}`]));
  const means = spec.x.map((_, j) => Number(avg[`x${j}`]));
  const mean = equationDrivers(values, means, coef.beta, coef.terms);
  const variance = equationDrivers(values, means, coef.theta, coef.terms, {
    offset: varianceOffset(spec.variance),
  });
  const sigma2 =
    spec.variance === 'exponential'
      ? Math.exp(variance.total)
      : Math.max(variance.total, coef.floor);
  const v = Number(score.vulnerability);
  const mu = Number(score.mu);
  const vulnerable = v >= (options.threshold ?? 0.5);
  return Object.freeze({
    wave: String(score.wave),
    model_id: Number(score.model_id),
    line: spec.line,
    mean,
    variance: Object.freeze({
      ...variance,
      model: spec.variance,
      sigma2,
      floored: spec.variance === 'linear' && variance.total < coef.floor,
    }),
    mu,
    sigma: Number(score.sigma),
    vulnerability: v,
    cause: vulnerable ? (mu < Math.log(spec.line) ? CAUSE_LABELS[0] : CAUSE_LABELS[1]) : null,
    suggestions: Object.freeze(
      suggestMeasures(mean.contributions, { mapping: options.mapping, top: options.top }),
    ),
  });
}
