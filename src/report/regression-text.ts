import type { Regression } from '../models/regress.js';
import { formatCount, formatNumber, formatP } from './number-format.js';
import { coefficientText } from './coefficient-text.js';

const VCE_LABELS: Record<string, string> = {
  classical: 'classical (homoskedastic)',
  hc0: 'HC0 (White)',
  hc1: 'HC1 (Stata robust)',
  hc2: 'HC2',
  hc3: 'HC3',
  cluster: 'cluster-robust CR1',
};

/**
 * A regression as a readable terminal report: fit statistics, then the coefficient table.
 * @example console.log(regressionText(result, { title: 'log_wage' }))
 */
export function regressionText(r: Regression, options: { title?: string } = {}): string {
  const f = r.fTest;
  const header = [
    `${r.weighted ? 'Weighted least squares (WLS)' : 'Ordinary least squares (OLS)'}${options.title ? `: ${options.title}` : ''}`,
    `Number of obs = ${formatCount(r.n)}${r.nDropped > 0 ? ` (${formatCount(r.nDropped)} dropped for missing values)` : ''}`,
    `Std. errors   = ${VCE_LABELS[r.vce]}${r.clusters !== null ? `, ${formatCount(r.clusters)} clusters` : ''}`,
    `F(${f.df1}, ${f.df2})${' '.repeat(Math.max(0, 8 - `${f.df1}, ${f.df2}`.length))}= ${formatNumber(f.statistic, { digits: 2 })}   Prob > F = ${formatP(f.pValue)}`,
    `R-squared     = ${r.rSquared.toFixed(4)}   Adj R-squared = ${r.adjRSquared.toFixed(4)}   Root MSE = ${formatNumber(r.sigma)}`,
  ];
  return `${header.join('\n')}\n${coefficientText(r.coefficients, { omitted: r.omitted })}`;
}
