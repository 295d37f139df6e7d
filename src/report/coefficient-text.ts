import type { TidyRow } from '../models/tidy.js';
import { formatNumber, formatP } from './number-format.js';
import { textTable } from './text-table.js';

/**
 * Tidy coefficients as an aligned terminal table (estimate, SE, t, p, 95% interval), with
 * omitted terms listed last as Stata does.
 * @example console.log(coefficientText(result.coefficients, { omitted: result.omitted }))
 */
export function coefficientText(
  coefficients: readonly TidyRow[],
  options: { omitted?: readonly string[] } = {},
): string {
  return textTable([
    ['term', 'estimate', 'std. error', 't', 'P>|t|', '[95% conf.', 'interval]'],
    ...coefficients.map((c) => [
      c.term,
      formatNumber(c.estimate),
      formatNumber(c.stdError),
      formatNumber(c.statistic, { digits: 2 }),
      formatP(c.pValue),
      formatNumber(c.confLow),
      formatNumber(c.confHigh),
    ]),
    ...(options.omitted ?? []).map((t) => [t, '(omitted)', '', '', '', '', '']),
  ]);
}
