import type { PublishedRegressionTable } from '../paper/published-regressions.js';

/** One coefficient set against the published one, in published standard errors. */
export interface PublishedDifference {
  /** The column both tables share, e.g. `(7)` or `QR 50`. */
  readonly column: string;
  readonly term: string;
  readonly ours: number;
  /** The published estimate, sign-corrected where asked. */
  readonly published: number;
  readonly se: number;
  /** (ours − published) / se. */
  readonly z: number;
}

/** What `publishedComparison` finds. */
export interface PublishedComparison {
  /** Coefficients more than `limit` published SEs from the published value, by column then term. */
  readonly misses: readonly PublishedDifference[];
  /** How many coefficients could be compared (a published SE above zero). */
  readonly compared: number;
  /** Terms whose published SE is printed as zero (0.000): not testable. */
  readonly untestable: readonly { readonly column: string; readonly term: string }[];
  readonly limit: number;
}

/**
 * Our coefficients against a published table's, column by column (columns matched by label),
 * in the published standard errors: z = (ours − published) / SE, a miss when |z| > `limit`
 * (default 2). `signCorrected` terms have their printed sign reversed first (Table 4's lost
 * minus signs). A published SE printed as 0.000 cannot be tested and is listed apart.
 * @example publishedComparison([{ label: '(7)', coefficients }], PUBLISHED_TABLE4, { signCorrected: TABLE4_SIGN_LOST }).misses
 */
export function publishedComparison(
  columns: readonly {
    readonly label: string;
    readonly coefficients: readonly { readonly term: string; readonly estimate: number }[];
  }[],
  published: PublishedRegressionTable,
  options: { signCorrected?: readonly string[]; limit?: number } = {},
): PublishedComparison {
  const limit = options.limit ?? 2;
  const flip = new Set(options.signCorrected ?? []);
  const misses: PublishedDifference[] = [];
  const untestable: { column: string; term: string }[] = [];
  let compared = 0;
  published.columns.forEach((column, j) => {
    const ours = columns.find((c) => c.label === column);
    if (!ours) return;
    for (const row of published.rows) {
      const cell = row.cells[j];
      const mine = ours.coefficients.find((c) => c.term === row.term);
      if (!cell || !mine || !Number.isFinite(mine.estimate)) continue;
      const printed = Number(cell[0]);
      const se = Number(cell[2]);
      if (!Number.isFinite(printed) || !Number.isFinite(se)) continue;
      if (!(se > 0)) {
        untestable.push(Object.freeze({ column, term: row.term }));
        continue;
      }
      compared++;
      const value = flip.has(row.term) ? -printed : printed;
      const z = (mine.estimate - value) / se;
      if (Math.abs(z) > limit)
        misses.push(
          Object.freeze({ column, term: row.term, ours: mine.estimate, published: value, se, z }),
        );
    }
  });
  return Object.freeze({
    misses: Object.freeze(misses),
    compared,
    untestable: Object.freeze(untestable),
    limit,
  });
}
