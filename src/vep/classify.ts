import { RISK_BANDS } from '../domain/bands.js';

/** Vulnerability bands, as the paper's Table 2 (`src/domain/bands.ts`). */
export { BANDS as BAND_LABELS } from '../domain/bands.js';

/**
 * Suryahadi & Sumarto's (2003) poverty–vulnerability groups:
 * - `chronic poor`: poor now, and expected log income below the line (μ < ln z);
 * - `transient poor`: poor now, μ ≥ ln z;
 * - `high-vulnerability non-poor`: not poor now, v ≥ threshold;
 * - `low-vulnerability non-poor`: not poor now, v < threshold.
 */
export const GROUP_LABELS = Object.freeze([
  'chronic poor',
  'transient poor',
  'high-vulnerability non-poor',
  'low-vulnerability non-poor',
] as const);

/** Why a vulnerable household is vulnerable: expected income below the line, or its spread. */
export { CAUSES as CAUSE_LABELS } from '../domain/household-detail.js';

/** Per-household classes, coded as indexes of the label arrays; −1 where unknown. */
export interface Classes {
  /** 1 when income < z, 0 when not, −1 when income is missing. */
  readonly poorNow: Int8Array;
  readonly band: Int8Array;
  /** 1 when v ≥ threshold, 0 when not, −1 when v is unknown. */
  readonly vulnerable: Int8Array;
  readonly group: Int8Array;
  readonly cause: Int8Array;
}

/** Inputs of `classifyHouseholds`. */
export interface ClassifyOptions {
  readonly line: number;
  /** Vulnerability threshold: 0.5 (absolute) or the headcount ratio (relative). */
  readonly threshold: number;
  /** Cut points [a, b]: low v < a ≤ medium ≤ b < high. Default [0.3, 0.6]. */
  readonly bands?: readonly [number, number];
}

/**
 * Classifies each household from its income y, vulnerability v and expected log income μ:
 * poor now (y < z; a zero or negative income is poor), band, vulnerable (v ≥ threshold),
 * Suryahadi–Sumarto group, and the cause of vulnerability (`low mean` when μ < ln z, else
 * `high variance`).
 * @example classifyHouseholds(income, v, mu, { line: 2563, threshold: 0.5 }).group
 */
export function classifyHouseholds(
  income: Float64Array,
  v: Float64Array,
  mu: Float64Array,
  options: ClassifyOptions,
): Classes {
  const n = income.length;
  const [a, b] = options.bands ?? [RISK_BANDS.low, RISK_BANDS.high];
  const lnz = Math.log(options.line);
  const { line, threshold } = options;
  const poorNow = new Int8Array(n).fill(-1);
  const band = new Int8Array(n).fill(-1);
  const vulnerable = new Int8Array(n).fill(-1);
  const group = new Int8Array(n).fill(-1);
  const cause = new Int8Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const y = income[i];
    if (!Number.isNaN(y)) poorNow[i] = y < line ? 1 : 0;
    const vi = v[i];
    if (Number.isNaN(vi)) continue;
    band[i] = vi < a ? 0 : vi <= b ? 1 : 2;
    const vul = vi >= threshold;
    vulnerable[i] = vul ? 1 : 0;
    const lowMean = mu[i] < lnz;
    if (vul) cause[i] = lowMean ? 0 : 1;
    if (poorNow[i] === 1) group[i] = lowMean ? 0 : 1;
    else if (poorNow[i] === 0) group[i] = vul ? 2 : 3;
  }
  return Object.freeze({ poorNow, band, vulnerable, group, cause });
}
