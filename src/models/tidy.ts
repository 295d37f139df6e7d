import { cholesky, choleskySolve } from '../linalg/cholesky.js';
import { fUpper, tQuantile, tTwoSided } from '../stats/distributions.js';

/** One coefficient with its inference: broom's `tidy()` columns in camelCase (`stdError`). */
export interface TidyRow {
  readonly term: string;
  readonly estimate: number;
  readonly stdError: number;
  readonly statistic: number;
  readonly pValue: number;
  readonly confLow: number;
  readonly confHigh: number;
}

/** Options of `tidyCoefficients`. Defaults: `level: 0.95`, `df: Infinity` (normal). */
export interface TidyOptions {
  readonly level?: number;
  readonly df?: number;
}

/**
 * t (or z) tests and confidence intervals of coefficients from their covariance matrix.
 * @example tidyCoefficients(['(Intercept)', 'x'], beta, V, { df: 98 })
 */
export function tidyCoefficients(
  terms: readonly string[],
  estimates: Float64Array,
  vcov: Float64Array,
  options: TidyOptions = {},
): readonly TidyRow[] {
  const level = options.level ?? 0.95;
  const df = options.df ?? Infinity;
  const k = terms.length;
  const crit = tQuantile(1 - (1 - level) / 2, df);
  return Object.freeze(
    terms.map((term, j) => {
      const estimate = estimates[j];
      const se = Math.sqrt(vcov[j + j * k]);
      const statistic = estimate / se;
      return Object.freeze({
        term,
        estimate,
        stdError: se,
        statistic,
        pValue: tTwoSided(statistic, df),
        confLow: estimate - crit * se,
        confHigh: estimate + crit * se,
      });
    }),
  );
}

/** A joint Wald F test. */
export interface WaldTest {
  readonly statistic: number;
  readonly df1: number;
  readonly df2: number;
  readonly pValue: number;
}

/**
 * Wald F test that the coefficients at `indices` are all zero: b'V⁻¹b / q against F(q, df).
 * With the classical covariance this is the usual regression F; with a robust one it is
 * Stata's robust F (`car::linearHypothesis(fit, slopes, vcov. = V, test = "F")`).
 * `rank` is the rank V can have at most (G − 1 for errors clustered in G groups): a test of
 * more restrictions than that does not exist and returns NaN, as Stata reports it missing.
 * Defaults: `df: Infinity`, `rank: Infinity`.
 * @example waldTest(beta, V, [1, 2, 3], { df: 96 })
 */
export function waldTest(
  estimates: Float64Array,
  vcov: Float64Array,
  indices: readonly number[],
  options: { df?: number; rank?: number } = {},
): WaldTest {
  const k = Math.round(Math.sqrt(vcov.length));
  const q = indices.length;
  const df2 = options.df ?? Infinity;
  if (q === 0) return { statistic: NaN, df1: 0, df2, pValue: NaN };
  if (q > (options.rank ?? Infinity)) return { statistic: NaN, df1: q, df2, pValue: NaN };
  const sub = new Float64Array(q * q);
  const b = new Float64Array(q);
  for (let a = 0; a < q; a++) {
    b[a] = estimates[indices[a]];
    for (let c = 0; c < q; c++) sub[a + c * q] = vcov[indices[a] + indices[c] * k];
  }
  const chol = cholesky(sub, q);
  if (chol.status !== 'ok') return { statistic: NaN, df1: q, df2, pValue: NaN };
  const x = choleskySolve(chol.u, q, b);
  let s = 0;
  for (let a = 0; a < q; a++) s += b[a] * x[a];
  const statistic = s / q;
  return Object.freeze({ statistic, df1: q, df2, pValue: fUpper(statistic, q, df2) });
}
