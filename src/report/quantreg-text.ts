import type { QuantregResult } from '../models/quantreg/quantreg.js';
import { formatCount, formatNumber } from './number-format.js';
import { textTable } from './text-table.js';

const SE_LABELS: Record<string, string> = {
  nid: 'nid (Hendricks–Koenker sandwich)',
  iid: 'iid',
  ker: 'ker (Powell kernel)',
  boot: 'xy-pair bootstrap',
  cluster: 'cluster (Parente–Santos Silva)',
};

/**
 * Quantile regressions as a terminal table: one column per τ, each estimate with its
 * standard error in parentheses on the line below, then the objective Σρ_τ.
 * @example console.log(quantregText(result, { title: 'foodexp' }))
 */
export function quantregText(r: QuantregResult, options: { title?: string } = {}): string {
  const extra =
    r.se === 'boot'
      ? `, ${r.reps} replications`
      : r.se === 'cluster'
        ? `, ${formatCount(r.clusters ?? 0)} clusters`
        : '';
  const bw = r.se === 'boot' ? '' : `, ${r.bandwidth} bandwidth`;
  const header = [
    `Quantile regression${options.title ? `: ${options.title}` : ''}${r.weighted ? ' (weighted)' : ''}`,
    `Number of obs = ${formatCount(r.n)}${r.nDropped > 0 ? ` (${formatCount(r.nDropped)} dropped for missing values)` : ''}`,
    `Std. errors   = ${SE_LABELS[r.se]}${bw}${extra}`,
  ];
  const rows: string[][] = [['term', ...r.fits.map((f) => `tau = ${f.tau}`)]];
  const terms = r.fits[0]?.coefficients.map((c) => c.term) ?? [];
  terms.forEach((term, j) => {
    rows.push([term, ...r.fits.map((f) => formatNumber(f.coefficients[j].estimate))]);
    rows.push(['', ...r.fits.map((f) => `(${formatNumber(f.coefficients[j].stdError)})`)]);
  });
  rows.push(['objective', ...r.fits.map((f) => formatNumber(f.objective))]);
  return `${header.join('\n')}\n${textTable(rows)}`;
}
