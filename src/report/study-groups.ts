import { localize, type Lang } from '../domain/localized.js';
import { PUBLISHED_TABLE2, type PublishedVulnerability } from '../paper/published.js';
import type { StudyGroup } from '../study/study-schema.js';
import { VulnerabilityTally, type Table2Row } from '../vep/vulnerability-tally.js';
import { groupLevels, MISSING_LEVEL, type GroupColumn } from './group-levels.js';

/** A row of Table 2 with the paper's row of the same name, when compared with the paper. */
export interface GroupRow extends Table2Row {
  readonly paper: PublishedVulnerability | null;
}

/** A block of Table 2: the Overall row, or the groups of one column. */
export interface GroupBlock {
  readonly heading: string | null;
  readonly column: string | null;
  readonly rows: readonly GroupRow[];
  /** Households of the sample in no row of this block: a missing value (no `missing` row), or a value in no level. */
  readonly leftOut: { readonly missing: number; readonly unmatched: number };
}

/**
 * The paper's Table 2 over the estimation sample `used`: the Overall row, then one block per
 * study group, each level's households tallied (weighted when `weights` are given); levels as
 * `groupLevels` makes them. Households with a missing value form a row of their own only when
 * the group names one (`missing: label`); the others left out are counted in `left_out`.
 * With `compare: true` each row carries the paper's row of the same name.
 * @example groupBlocks(v, null, used, { groups, columns, bands: [0.3, 0.6], overall, lang: 'en' })
 */
export function groupBlocks(
  v: Float64Array,
  weights: Float64Array | null,
  used: readonly number[],
  options: {
    groups: readonly StudyGroup[];
    columns: (group: StudyGroup) => GroupColumn;
    bands: readonly [number, number];
    overall: Table2Row;
    lang: Lang;
    compare?: boolean;
    /** The label of pooled small levels (`min_count`); default "Other". */
    other?: string;
    /** The label of the first row; default the overall row's own ("Overall"). */
    overallLabel?: string;
  },
): GroupBlock[] {
  const [a, b] = options.bands;
  const compare = options.compare ?? false;
  const withPaper = (row: Table2Row, english: string): GroupRow =>
    Object.freeze({
      ...row,
      paper: compare ? (PUBLISHED_TABLE2.find((p) => p.group === english) ?? null) : null,
    });
  const blocks: GroupBlock[] = [
    Object.freeze({
      heading: null,
      column: null,
      rows: Object.freeze([
        withPaper(
          { ...options.overall, group: options.overallLabel ?? options.overall.group },
          options.overall.group,
        ),
      ]),
      leftOut: Object.freeze({ missing: 0, unmatched: 0 }),
    }),
  ];
  for (const g of options.groups) {
    const { labels, english, level } = groupLevels(g, options.columns(g), used, {
      lang: options.lang,
      other: options.other,
    });
    const missingLabel = localize(g.missing, options.lang);
    const tallies = labels.map(() => new VulnerabilityTally(a, b));
    const missingTally = new VulnerabilityTally(a, b);
    let missing = 0;
    let unmatched = 0;
    for (const i of used) {
      const k = level[i];
      const w = weights ? weights[i] : 1;
      if (k >= 0) tallies[k].add(v[i], w);
      else if (k === MISSING_LEVEL) {
        if (missingLabel !== null) missingTally.add(v[i], w);
        else missing++;
      } else unmatched++;
    }
    const rows = labels.map((l, k) => withPaper(tallies[k].row(l), english[k]));
    if (missingLabel !== null) rows.push(withPaper(missingTally.row(missingLabel), ''));
    blocks.push(
      Object.freeze({
        heading: localize(g.heading, options.lang) ?? g.column,
        column: g.column,
        rows: Object.freeze(rows),
        leftOut: Object.freeze({ missing, unmatched }),
      }),
    );
  }
  return blocks;
}
