import { codeText } from '../data/code-text.js';
import type { CodedText } from '../data/columns.js';
import { VulnerabilityTally, type Table2Row } from './vulnerability-tally.js';

/** The paper's Table 2 for one grouping column. */
export interface GroupTable {
  readonly column: string;
  readonly rows: readonly Table2Row[];
}

/** Label of households whose grouping value is missing. */
export const MISSING_GROUP = '(missing)';

const collator = new Intl.Collator('en', { numeric: true });

/**
 * Table 2 by the values of a grouping column over the rows `used` (the estimation sample):
 * one row per value, in natural order (`2` before `10`), missing values last as `(missing)`.
 * Weighted by `weights` when given. `values` are the column's text, or its codes (`codeText`).
 * @example groupTable(v, null, used, { column: 'county', values: county, bands: [0.3, 0.6] })
 */
export function groupTable(
  v: Float64Array,
  weights: Float64Array | null,
  used: Int32Array,
  options: {
    column: string;
    values: readonly (string | null)[] | CodedText;
    bands?: readonly [number, number];
  },
): GroupTable {
  const [a, b] = options.bands ?? [0.3, 0.6];
  const { codes, levels } = 'codes' in options.values ? options.values : codeText(options.values);
  // One tally per level, and the last for missing values; each adds its rows in row order.
  // `present` lists them as first met among the used rows (the sort below is stable).
  const tallies: (VulnerabilityTally | undefined)[] = new Array(levels.length + 1);
  const present: { key: string; tally: VulnerabilityTally }[] = [];
  for (let r = 0; r < used.length; r++) {
    const i = used[r];
    const code = codes[i] < 0 ? levels.length : codes[i];
    let t = tallies[code];
    if (!t) {
      t = new VulnerabilityTally(a, b);
      tallies[code] = t;
      present.push({ key: code === levels.length ? MISSING_GROUP : levels[code], tally: t });
    }
    t.add(v[i], weights ? weights[i] : 1);
  }
  present.sort((x, y) =>
    x.key === MISSING_GROUP ? 1 : y.key === MISSING_GROUP ? -1 : collator.compare(x.key, y.key),
  );
  return Object.freeze({
    column: options.column,
    rows: Object.freeze(present.map(({ key, tally }) => tally.row(key))),
  });
}
