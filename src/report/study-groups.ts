import { PUBLISHED_TABLE2, type PublishedVulnerability } from '../data/published.js';
import type { StudyGroup } from '../data/study-schema.js';
import { VulnerabilityTally, type Table2Row } from '../vep/vulnerability-tally.js';

/** A row of Table 2 with the paper's row of the same name, when the paper has one. */
export interface GroupRow extends Table2Row {
  readonly paper: PublishedVulnerability | null;
}

/** A block of Table 2: the Overall row, or the groups of one column. */
export interface GroupBlock {
  readonly heading: string | null;
  readonly column: string | null;
  readonly rows: readonly GroupRow[];
}

const withPaper = (row: Table2Row): GroupRow =>
  Object.freeze({ ...row, paper: PUBLISHED_TABLE2.find((p) => p.group === row.group) ?? null });

/**
 * The paper's Table 2 over the estimation sample `used`: the Overall row, then one block per
 * study group, each level's households tallied (weighted when `weights` are given). A household
 * goes to the first level whose `values` hold its value or whose [min, max] contains it;
 * missing or unmatched values are left out of that block.
 * @example groupBlocks(v, null, used, { groups: study.groups, columns, bands: [0.3, 0.6], overall })
 */
export function groupBlocks(
  v: Float64Array,
  weights: Float64Array | null,
  used: readonly number[],
  options: {
    groups: readonly StudyGroup[];
    columns: ReadonlyMap<string, Float64Array>;
    bands: readonly [number, number];
    overall: Table2Row;
  },
): GroupBlock[] {
  const [a, b] = options.bands;
  const blocks: GroupBlock[] = [
    Object.freeze({
      heading: null,
      column: null,
      rows: Object.freeze([withPaper(options.overall)]),
    }),
  ];
  for (const g of options.groups) {
    const x = options.columns.get(g.column) as Float64Array;
    const tallies = g.levels.map(() => new VulnerabilityTally(a, b));
    for (const i of used) {
      const xi = x[i];
      if (Number.isNaN(xi)) continue;
      const k = g.levels.findIndex((l) =>
        l.values !== undefined
          ? l.values.includes(xi)
          : (l.min === undefined || xi >= l.min) && (l.max === undefined || xi <= l.max),
      );
      if (k >= 0) tallies[k].add(v[i], weights ? weights[i] : 1);
    }
    blocks.push(
      Object.freeze({
        heading: g.heading ?? g.column,
        column: g.column,
        rows: Object.freeze(g.levels.map((l, k) => withPaper(tallies[k].row(l.label)))),
      }),
    );
  }
  return blocks;
}
