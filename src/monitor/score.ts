import type { Db } from './db.js';
import type { ColumnData } from '../data/read.js';
import { quoteIdent } from '../data/source.js';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { normalCdf } from '../stats/distributions.js';
import { estimateVep } from '../vep/vep.js';
import { predictVariance } from '../vep/variance-equation.js';
import type { VepSpec } from './rules.js';
import { sqlString } from './sql.js';

/** A stored VEP model: what `applyVep` needs to score households again. */
export interface StoredModel {
  readonly spec: VepSpec;
  readonly terms: readonly string[];
  readonly beta: readonly number[];
  readonly theta: readonly number[];
  readonly floor: number;
}

/** Scores of one wave's households, in `householdIds` order. */
export interface WaveScores {
  readonly householdIds: readonly string[];
  readonly mu: Float64Array;
  readonly sigma: Float64Array;
  readonly vulnerability: Float64Array;
  readonly nUsed: number;
  readonly model: StoredModel;
}

/**
 * Reads the current observations of a wave as columns (NaN = missing), household ids in
 * sorted order, read in chunks into typed arrays (`Db.numericColumns`).
 * @example await waveColumns(c, '2021', ['per_capita_income', 'family_size'])
 */
export async function waveColumns(
  c: Db,
  wave: string,
  names: readonly string[],
): Promise<{ ids: string[]; data: ColumnData }> {
  const select = names.map((n) => `CAST(${quoteIdent(n)} AS DOUBLE PRECISION)`);
  const { ids, columns, rows } = await c.numericColumns(
    `SELECT household_id, ${select.join(', ')} FROM current_observations
     WHERE wave = ${sqlString(wave)} ORDER BY household_id`,
    names.length,
  );
  if (rows === 0) throw new UserError(messages.noObservations(wave));
  const numeric = new Map(names.map((n, j) => [n, columns[j]]));
  return { ids, data: Object.freeze({ path: `wave ${wave}`, rows, numeric, text: new Map() }) };
}

/**
 * Fits the VEP model (three-step FGLS, `estimateVep`) on a wave's current observations and
 * scores every household that has all regressors.
 * @example await fitWave(c, '2021', DEFAULT_RULES.vep)
 */
export async function fitWave(c: Db, wave: string, spec: VepSpec): Promise<WaveScores> {
  const { ids, data } = await waveColumns(c, wave, [spec.income, ...spec.x]);
  const r = estimateVep(data, {
    income: spec.income,
    x: spec.x,
    line: spec.line,
    variance: spec.variance,
  });
  return Object.freeze({
    householdIds: ids,
    mu: r.meanLogIncome,
    sigma: r.sdLogIncome,
    vulnerability: r.vulnerability,
    nUsed: r.summary.nUsed,
    model: Object.freeze({
      spec,
      terms: r.terms,
      beta: Array.from(r.beta),
      theta: Array.from(r.theta),
      floor: r.summary.varianceFloor,
    }),
  });
}

/**
 * Scores a wave's households with a stored model's coefficients (μ = Xβ, σ² from the
 * variance equation θ, v = Φ((ln z − μ)/σ)), without refitting.
 * @example await applyWave(c, '2022', storedModel)
 */
export async function applyWave(c: Db, wave: string, model: StoredModel): Promise<WaveScores> {
  const { spec } = model;
  const { ids, data } = await waveColumns(c, wave, spec.x);
  const xs = spec.x.map((n) => data.numeric.get(n)!);
  // μ = Xβ (NaN where a regressor is missing), term by term in design order as estimateVep.
  const mu = new Float64Array(data.rows).fill(model.beta[0]);
  xs.forEach((col, j) => {
    for (let i = 0; i < data.rows; i++) mu[i] += col[i] * model.beta[j + 1];
  });
  const eq = { model: spec.variance, theta: Float64Array.from(model.theta), floor: model.floor };
  // σ² is turned into σ in place: one n-vector, not two.
  const { sigma2: sigma } = predictVariance(eq, xs, data.rows);
  const lnz = Math.log(spec.line);
  const v = new Float64Array(data.rows);
  for (let i = 0; i < data.rows; i++) {
    sigma[i] = Math.sqrt(sigma[i]);
    v[i] = Number.isNaN(mu[i]) ? NaN : normalCdf((lnz - mu[i]) / sigma[i]);
  }
  return Object.freeze({ householdIds: ids, mu, sigma, vulnerability: v, nUsed: 0, model });
}

/**
 * Appends a model's scores to `risk_scores` in bulk (`Db.insertColumns`, inside the caller's
 * transaction); NaN is stored as NULL. Returns the number of households with a score.
 * @example await appendScores(c, 7, '2021', scores)
 */
export async function appendScores(
  c: Db,
  modelId: number,
  wave: string,
  s: WaveScores,
): Promise<number> {
  const n = s.householdIds.length;
  await c.insertColumns('risk_scores', [
    { type: 'bigint', values: new Float64Array(n).fill(modelId) },
    { type: 'varchar', values: s.householdIds },
    { type: 'varchar', values: Array.from({ length: n }, () => wave) },
    { type: 'double', values: s.mu },
    { type: 'double', values: s.sigma },
    { type: 'double', values: s.vulnerability },
  ]);
  let scored = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(s.vulnerability[i])) scored++;
  return scored;
}
