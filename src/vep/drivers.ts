import type { DriverTerm, EquationDrivers } from '../domain/household-detail.js';
import { HARVEY_CORRECTION, type VarianceModel } from './variance-equation.js';

export type { DriverTerm, EquationDrivers } from '../domain/household-detail.js';

/**
 * Weighted means x̄ⱼ of regressor columns over the rows `rows` (the estimation sample), with
 * weights indexed by position in `rows` (null: all 1), as the estimation weighted them.
 * @example driverMeans([hsize, age], used, null) // Float64Array [3.1, 47.2]
 */
export function driverMeans(
  xs: readonly Float64Array[],
  rows: Int32Array,
  weights: Float64Array | null,
): Float64Array {
  const out = new Float64Array(xs.length);
  let sw = 0;
  for (let r = 0; r < rows.length; r++) sw += weights ? weights[r] : 1;
  xs.forEach((col, j) => {
    let s = 0;
    for (let r = 0; r < rows.length; r++) s += (weights ? weights[r] : 1) * col[rows[r]];
    out[j] = s / sw;
  });
  return out;
}

/**
 * Splits one household's linear index x′b into the baseline b₀ + Σ bⱼ x̄ⱼ (the wave's average
 * household) and contributions bⱼ(xⱼ − x̄ⱼ), so that baseline + Σ contributions = x′b.
 * `terms` and `coef` include the intercept first; `x` and `means` do not. `offset` is added to
 * the baseline (Harvey's correction for an exponential variance equation).
 * @example equationDrivers([5, 40], [3.1, 47.2], beta, ['(Intercept)', 'hsize', 'age'])
 */
export function equationDrivers(
  x: ArrayLike<number>,
  means: ArrayLike<number>,
  coef: ArrayLike<number>,
  terms: readonly string[],
  options: { offset?: number } = {},
): EquationDrivers {
  let baseline = coef[0] + (options.offset ?? 0);
  const contributions: DriverTerm[] = [];
  for (let j = 0; j < x.length; j++) {
    baseline += coef[j + 1] * means[j];
    contributions.push(
      Object.freeze({
        term: terms[j + 1],
        value: x[j],
        mean: means[j],
        coefficient: coef[j + 1],
        contribution: coef[j + 1] * (x[j] - means[j]),
      }),
    );
  }
  const total = contributions.reduce((s, c) => s + c.contribution, baseline);
  return Object.freeze({ baseline, contributions: Object.freeze(contributions), total });
}

/** The offset of a variance equation's index: Harvey's correction when exponential, else 0. */
export const varianceOffset = (model: VarianceModel): number =>
  model === 'exponential' ? HARVEY_CORRECTION : 0;

/**
 * Per-household contribution columns bⱼ(xⱼ − x̄ⱼ) for every term (column-major, one
 * Float64Array per term, NaN where a regressor is missing), and the baseline, for
 * `povrisk vep --explain`.
 * @example contributionColumns([hsize], means, beta, hsize.length).columns[0]
 */
export function contributionColumns(
  xs: readonly Float64Array[],
  means: Float64Array,
  coef: Float64Array,
  rows: number,
  options: { offset?: number } = {},
): { baseline: number; columns: Float64Array[] } {
  let baseline = coef[0] + (options.offset ?? 0);
  for (let j = 0; j < xs.length; j++) baseline += coef[j + 1] * means[j];
  const missing = new Uint8Array(rows);
  for (const col of xs) for (let i = 0; i < rows; i++) if (Number.isNaN(col[i])) missing[i] = 1;
  const columns = xs.map((col, j) => {
    const b = coef[j + 1];
    const m = means[j];
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) out[i] = missing[i] ? NaN : b * (col[i] - m);
    return out;
  });
  return { baseline, columns };
}
