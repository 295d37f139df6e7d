import { PUBLISHED_TABLE2 } from '../../src/paper/published.js';
import type { ModelColumn } from '../../src/report/regression-table.js';
import type { VulnerabilityBlock } from '../../src/report/vulnerability-table.js';

/** Tidy rows from (estimate, SE, p) triples. */
const tidy = (rows: Record<string, [number, number, number]>) =>
  Object.entries(rows).map(([term, [estimate, stdError, pValue]]) => ({
    term,
    estimate,
    stdError,
    pValue,
  }));

/**
 * Columns (1), (2) and (7) of the paper's Table 4 as tidy rows (estimates and SEs as published;
 * p-values chosen to give the published stars), with made-up R² — fixed inputs for snapshots.
 */
export const TABLE4_COLUMNS: readonly ModelColumn[] = [
  {
    n: 676,
    rSquared: 0.0912,
    coefficients: tidy({
      '(Intercept)': [0.66, 0.106, 1e-9],
      road_hardened: [0.328, 0.06, 4.6e-8],
      motivation: [0.036, 0.011, 0.0011],
      county_gdp_per_capita: [-0.000007, 0.0000031, 0.024],
      head_education: [0.005, 0.03, 0.868],
      disabled_count: [0.062, 0.036, 0.085],
      wage_share: [0.123, 0.035, 0.00044],
      subsistence_allowance: [0.012, 0.007, 0.0865],
    }),
  },
  {
    n: 676,
    rSquared: 0.0401,
    coefficients: tidy({
      '(Intercept)': [0.429, 0.055, 1e-12],
      road_hardened: [0.289, 0.056, 2.4e-7],
    }),
  },
  {
    label: 'Full',
    n: 676,
    rSquared: null,
    coefficients: tidy({
      '(Intercept)': [0.683, 0.085, 1e-12],
      road_hardened: [0.329, 0.059, 2.5e-8],
      motivation: [0.035, 0.01, 0.00047],
      wage_share: [0.124, 0.034, 0.00027],
    }),
  },
];

/** Columns of the paper's Table 5 (quantile regressions), labelled by τ. */
export const TABLE5_COLUMNS: readonly ModelColumn[] = [0.3, 0.5, 0.9].map((tau, k) => ({
  tau,
  n: 676,
  coefficients: tidy({
    road_hardened: [
      [-0.05, -0.329, -0.488][k],
      [0.057, 0.099, 0.119][k],
      [0.38, 0.0009, 0.00004][k],
    ],
    motivation: [
      [-0.000014, -0.002, -0.177][k],
      [0.00002, 0.001, 0.038][k],
      [0.48, 0.046, 0.000003][k],
    ],
    '(Intercept)': [[0.05, 0.374, 1.692][k], [0.057, 0.1, 0.245][k], [0.38, 0.0002, 1e-11][k]],
  }),
}));

const group = (name: string) => {
  const r = PUBLISHED_TABLE2.find((g) => g.group === name);
  if (!r) throw new Error(name);
  return {
    group: r.group,
    mean: r.mean,
    sd: r.sd,
    below: r.below,
    between: r.middle,
    above: r.above,
  };
};

/** The paper's Table 2 in blocks. */
export const TABLE2_BLOCKS: readonly VulnerabilityBlock[] = [
  { heading: null, rows: [group('Overall')] },
  {
    heading: 'Nationality of the head',
    rows: ['Han nationality', 'Yi nationality', 'Other minorities'].map(group),
  },
  {
    heading: 'Gender of the head',
    rows: ['Male head of household', 'Female head of household'].map(group),
  },
  {
    heading: 'Education of the head',
    rows: ['Primary school and below', 'Above primary school'].map(group),
  },
];
