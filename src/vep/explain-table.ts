import type { ColumnData } from '../data/read.js';
import type { TableColumn } from '../data/write-table.js';
import { contributionColumns, driverMeans, varianceOffset } from './drivers.js';
import { STATUS } from './status.js';
import type { VepResult } from './vep.js';

/**
 * The extra columns of `povrisk vep --explain`: for the mean equation, `mean_baseline` (the
 * estimation sample's average household, b₀ + Σ bⱼ x̄ⱼ) and `mean_contrib_<term>` =
 * bⱼ(xⱼ − x̄ⱼ) for each regressor, so that the baseline plus the contributions is the row's
 * `mean_log_income`; then the same for the variance equation (`variance_baseline`,
 * `variance_contrib_<term>`), whose total is the index Xθ (σ² before the floor, linear model)
 * or ln σ² (exponential). x̄ is the mean over the estimation sample, weighted by `weights` (the
 * sampling-weight column name, as given to `estimateVep`; default none). Rows missing a
 * regressor are empty.
 * @example [...householdTable(r).columns, ...explainColumns(r, data, { weights: 'w' })]
 */
export function explainColumns(
  result: VepResult,
  data: ColumnData,
  options: { weights?: string | undefined } = {},
): TableColumn[] {
  const n = result.rows;
  const x = result.terms.slice(1);
  const xs = x.map((name) => data.numeric.get(name)!);
  let used = 0;
  for (let i = 0; i < n; i++) if (result.status[i] === STATUS.ok) used++;
  const rows = new Int32Array(used);
  for (let i = 0, r = 0; i < n; i++) if (result.status[i] === STATUS.ok) rows[r++] = i;
  const wcol = options.weights ? data.numeric.get(options.weights)! : null;
  const weights = wcol ? Float64Array.from(rows, (i) => wcol[i]) : null;
  const means = driverMeans(xs, rows, weights);
  const out: TableColumn[] = [];
  const equations = [
    ['mean', result.beta, 0],
    ['variance', result.theta, varianceOffset(result.summary.variance)],
  ] as const;
  for (const [name, coef, offset] of equations) {
    const { baseline, columns } = contributionColumns(xs, means, coef, n, { offset });
    const base = new Float64Array(n);
    for (let i = 0; i < n; i++) base[i] = Number.isNaN(columns[0]?.[i] ?? 0) ? NaN : baseline;
    out.push({ name: `${name}_baseline`, type: 'double', values: base });
    columns.forEach((values, j) =>
      out.push({ name: `${name}_contrib_${x[j]}`, type: 'double', values }),
    );
  }
  return out;
}
