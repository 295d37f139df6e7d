import type { EquationSummary } from '../vep/equation-summary.js';
import type { VepSummary } from '../vep/vep.js';
import type { Table2Row } from '../vep/vulnerability-tally.js';
import { formatCount, formatNumber } from './number-format.js';
import { coefficientText } from './coefficient-text.js';
import { textTable } from './text-table.js';

const pct = (x: number): string => (Number.isNaN(x) ? '.' : `${(100 * x).toFixed(1)}%`);

function equationTable(title: string, eq: EquationSummary): string {
  const fit = `N = ${formatCount(eq.n)}, R-squared = ${eq.rSquared.toFixed(4)}, Root MSE = ${formatNumber(eq.sigma)}`;
  return `${title}\n${fit}\n${coefficientText(eq.coefficients, { omitted: eq.omitted })}`;
}

/**
 * The estimator's summary as a terminal report: sample, poverty line and rates, the mean and
 * variance equations, and the paper's Table 2 (Overall, then each `--by` column).
 * @example console.log(vepText(result.summary, { title: 'income_pc' }))
 */
export function vepText(s: VepSummary, options: { title?: string } = {}): string {
  const excluded = Object.entries(s.excluded)
    .map(([reason, count]) => `${formatCount(count)} ${reason}`)
    .join(', ');
  const variance =
    s.variance === 'linear'
      ? `linear (σ² = max(Xθ, ${s.varianceFloor}); ${formatCount(s.floored)} household(s) floored, ${formatCount(s.flooredFirstStep)} in the first step)`
      : 'exponential (σ² = exp(Xθ + 1.2704), Harvey)';
  const header = [
    `Vulnerability as expected poverty, three-step FGLS${options.title ? `: ${options.title}` : ''}`,
    `Households       = ${formatCount(s.nRows)}; used ${formatCount(s.nUsed)}${excluded ? `; not used: ${excluded}` : ''}`,
    `Scored           = ${formatCount(s.nScored)} (every regressor present)`,
    `Poverty line     = ${formatNumber(s.line, { digits: 2 })} per person per year (ln z = ${formatNumber(s.logLine)})`,
    `Variance model   = ${variance}`,
    `Weights          = ${s.weighted ? 'sampling weights' : 'none'}`,
    `Headcount ratio  = ${pct(s.headcountRatio)}`,
    `Vulnerable       = ${pct(s.vulnerabilityRate)} (v ≥ ${formatNumber(s.threshold)}${s.thresholdRule === 'relative' ? ', the headcount ratio' : ''}); ` +
      `mean v = ${formatNumber(s.meanVulnerability)}, SD = ${formatNumber(s.sdVulnerability)}`,
    `Groups           = ${Object.entries(s.groups)
      .map(([g, share]) => `${g} ${pct(share)}`)
      .join(', ')}`,
  ];
  const [a, b] = s.bands;
  const t2 = (r: Table2Row, label: string): string[] => [
    label,
    formatCount(r.n),
    formatNumber(r.mean, { digits: 3 }),
    formatNumber(r.sd, { digits: 3 }),
    formatNumber(r.below, { digits: 3 }),
    formatNumber(r.between, { digits: 3 }),
    formatNumber(r.above, { digits: 3 }),
  ];
  const table2 = [
    ['sample', 'N', 'mean v', 'SD v', `v < ${a}`, `${a}–${b}`, `v > ${b}`],
    t2(s.overall, 'Overall'),
    ...s.by.flatMap((t) => t.rows.map((r) => t2(r, `${t.column} = ${r.group}`))),
  ];
  return [
    header.join('\n'),
    equationTable('Mean equation (FGLS, ln income)', s.meanEquation),
    equationTable(
      s.variance === 'linear'
        ? 'Variance equation (squared residuals, FGLS)'
        : 'Variance equation (ln squared residuals)',
      s.varianceEquation,
    ),
    `Table 2. Probability of falling into poverty${s.weighted ? ' (weighted)' : ''}\n${textTable(table2)}`,
  ].join('\n\n');
}
