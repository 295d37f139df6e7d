import tQuantileImpl from '@stdlib/stats-base-dists-t-quantile';
import normalCdfImpl from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileImpl from '@stdlib/stats-base-dists-normal-quantile';
import betainc from '@stdlib/math-base-special-betainc';

/**
 * Two-sided p-value of a t statistic with `df` degrees of freedom (normal when df is Infinity).
 * @example tTwoSided(2.1, 30) // ≈ 0.044
 */
export function tTwoSided(t: number, df: number): number {
  if (Number.isNaN(t)) return NaN;
  if (!Number.isFinite(df)) return 2 * normalCdfImpl(-Math.abs(t), 0, 1);
  // I_{df/(df+t²)}(df/2, 1/2) keeps full relative precision for tiny p-values.
  return betainc(df / (df + t * t), df / 2, 0.5);
}

/**
 * Quantile of Student's t (normal when df is Infinity).
 * @example tQuantile(0.975, 10) // 2.228
 */
export function tQuantile(p: number, df: number): number {
  return Number.isFinite(df) ? tQuantileImpl(p, df) : normalQuantileImpl(p, 0, 1);
}

/**
 * Standard normal CDF Φ(x).
 * @example normalCdf(1.96) // 0.975
 */
export function normalCdf(x: number): number {
  return normalCdfImpl(x, 0, 1);
}

/**
 * Standard normal quantile Φ⁻¹(p).
 * @example normalQuantile(0.975) // 1.96
 */
export function normalQuantile(p: number): number {
  return normalQuantileImpl(p, 0, 1);
}

/**
 * Upper-tail probability of an F(d1, d2) statistic.
 * @example fUpper(3.2, 2, 40) // ≈ 0.051
 */
export function fUpper(f: number, d1: number, d2: number): number {
  if (Number.isNaN(f)) return NaN;
  if (f <= 0) return 1;
  return betainc(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}
