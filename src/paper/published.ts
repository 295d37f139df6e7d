import type { PublishedVulnerability } from '../domain/dashboard-answers.js';

export type { PublishedVulnerability };

const row = (
  group: string,
  mean: number,
  sd: number,
  below: number,
  middle: number,
  above: number,
): PublishedVulnerability => Object.freeze({ group, mean, sd, below, middle, above });

/**
 * Table 2 of the paper as published (n = 676): mean, SD and the shares in the three risk bands,
 * overall and by group. The simulation is calibrated to the `Overall` row.
 * @example PUBLISHED_TABLE2[0] // { group: 'Overall', mean: 0.16, sd: 0.3, below: 0.81, ... }
 */
export const PUBLISHED_TABLE2: readonly PublishedVulnerability[] = Object.freeze([
  row('Overall', 0.16, 0.3, 0.81, 0.06, 0.13),
  row('Han nationality', 0.09, 0.23, 0.89, 0.07, 0.04),
  row('Yi nationality', 0.17, 0.3, 0.8, 0.07, 0.13),
  row('Other minorities', 0.17, 0.33, 0.8, 0.04, 0.16),
  row('Male head of household', 0.16, 0.3, 0.81, 0.06, 0.13),
  row('Female head of household', 0.2, 0.28, 0.74, 0.13, 0.13),
  row('Primary school and below', 0.17, 0.31, 0.8, 0.06, 0.14),
  row('Above primary school', 0.13, 0.26, 0.83, 0.1, 0.07),
]);

/** The band limits of Table 2: below 0.3 is low risk, above 0.6 high risk. */
export { RISK_BANDS } from '../domain/bands.js';

/** The survey's design as published: 676 valid questionnaires from 15 villages in 3 counties. */
export const PUBLISHED_SURVEY = Object.freeze({
  households: 676,
  villages: 15,
  counties: Object.freeze(['Xide', 'Muli', 'Yanyuan']),
  year: 2020,
});
