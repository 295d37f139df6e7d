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
 * Weighted by `weights` when given.
 * @example groupTable(v, null, used, { column: 'county', values: county, bands: [0.3, 0.6] })
 */
export function groupTable(
  v: Float64Array,
  weights: Float64Array | null,
  used: Int32Array,
  options: {
    column: string;
    values: readonly (string | null)[];
    bands?: readonly [number, number];
  },
): GroupTable {
  const [a, b] = options.bands ?? [0.3, 0.6];
  const tallies = new Map<string, VulnerabilityTally>();
  for (let r = 0; r < used.length; r++) {
    const i = used[r];
    const key = options.values[i] ?? MISSING_GROUP;
    let t = tallies.get(key);
    if (!t) {
      t = new VulnerabilityTally(a, b);
      tallies.set(key, t);
    }
    t.add(v[i], weights ? weights[i] : 1);
  }
  const keys = [...tallies.keys()].sort((x, y) =>
    x === MISSING_GROUP ? 1 : y === MISSING_GROUP ? -1 : collator.compare(x, y),
  );
  return Object.freeze({
    column: options.column,
    rows: Object.freeze(keys.map((k) => (tallies.get(k) as VulnerabilityTally).row(k))),
  });
}
