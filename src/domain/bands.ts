/**
 * Vulnerability bands of the paper's Table 2, with its edge rule: low v < 0.3 ≤ medium ≤
 * 0.6 < high. A score of exactly 0.3 or 0.6 is medium.
 */
export const RISK_BANDS = Object.freeze({ low: 0.3, high: 0.6 });

/** Band names, lowest first. */
export const BANDS = Object.freeze(['low', 'medium', 'high'] as const);
export type Band = (typeof BANDS)[number];

/**
 * The band of a vulnerability score (null for a missing or non-finite score).
 * @example bandOf(0.6) // 'medium'
 */
export function bandOf(v: number | null | undefined, cuts = RISK_BANDS): Band | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  return v < cuts.low ? 'low' : v <= cuts.high ? 'medium' : 'high';
}

/**
 * The band as a SQL CASE expression over column `v` ('unscored' when NULL), same edge rule.
 * @example bandSql('s.vulnerability') // "CASE WHEN s.vulnerability IS NULL THEN 'unscored' …"
 */
export function bandSql(v: string, cuts = RISK_BANDS): string {
  return `CASE WHEN ${v} IS NULL THEN 'unscored' WHEN ${v} < ${cuts.low} THEN 'low'
    WHEN ${v} <= ${cuts.high} THEN 'medium' ELSE 'high' END`;
}

/**
 * SQL condition "in the high band" over column `v`.
 * @example highBandSql('v') // 'v > 0.6'
 */
export const highBandSql = (v: string, cuts = RISK_BANDS): string => `${v} > ${cuts.high}`;
