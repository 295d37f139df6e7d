import type { Classes } from './classify.js';
import { GROUP_LABELS } from './classify.js';
import { VulnerabilityTally, type Table2Row } from './vulnerability-tally.js';

/**
 * The weighted share of the rows `used` whose income is below the line: the headcount ratio.
 * @example headcountRatio(income, null, used, 2563.176) // 0.21
 */
export function headcountRatio(
  income: Float64Array,
  weights: Float64Array | null,
  used: Int32Array,
  line: number,
): number {
  let sw = 0;
  let poor = 0;
  for (let r = 0; r < used.length; r++) {
    const i = used[r];
    const w = weights ? weights[i] : 1;
    sw += w;
    if (income[i] < line) poor += w;
  }
  return poor / sw;
}

/** Population rates of the estimation sample. */
export interface VepRates {
  readonly vulnerabilityRate: number;
  readonly meanVulnerability: number;
  readonly sdVulnerability: number;
  /** Weighted shares of the Suryahadi–Sumarto groups, by label. */
  readonly groups: Readonly<Record<string, number>>;
  /** Weighted shares of vulnerable households whose cause is a low mean or a high variance. */
  readonly causes: Readonly<{ 'low mean': number; 'high variance': number }>;
  readonly overall: Table2Row;
}

/**
 * Vulnerability rate (share with v ≥ threshold), mean and SD of v, group and cause shares, and
 * the Overall row of Table 2, over the rows `used`, weighted when weights are given.
 * @example vepRates(v, classes, null, used, { bands: [0.3, 0.6] }).vulnerabilityRate
 */
export function vepRates(
  v: Float64Array,
  classes: Classes,
  weights: Float64Array | null,
  used: Int32Array,
  options: { bands?: readonly [number, number] } = {},
): VepRates {
  const [a, b] = options.bands ?? [0.3, 0.6];
  const tally = new VulnerabilityTally(a, b);
  const groupWeight = new Float64Array(GROUP_LABELS.length);
  const causeWeight = new Float64Array(2);
  let vulnerable = 0;
  for (let r = 0; r < used.length; r++) {
    const i = used[r];
    const w = weights ? weights[i] : 1;
    tally.add(v[i], w);
    if (classes.vulnerable[i] === 1) vulnerable += w;
    if (classes.group[i] >= 0) groupWeight[classes.group[i]] += w;
    if (classes.cause[i] >= 0) causeWeight[classes.cause[i]] += w;
  }
  const sw = tally.sw;
  const overall = tally.row('Overall');
  return Object.freeze({
    vulnerabilityRate: vulnerable / sw,
    meanVulnerability: overall.mean,
    sdVulnerability: overall.sd,
    groups: Object.freeze(Object.fromEntries(GROUP_LABELS.map((g, k) => [g, groupWeight[k] / sw]))),
    causes: Object.freeze({
      'low mean': causeWeight[0] / sw,
      'high variance': causeWeight[1] / sw,
    }),
    overall,
  });
}
