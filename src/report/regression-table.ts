import { variableLabel } from '../paper/dictionary.js';
import { cell, formatEstimate, row, type ReportRow, type ReportTable } from './table-model.js';
import { formatCount } from './number-format.js';
import type { Lang } from '../domain/localized.js';
import { reportWords } from './report-words.js';

/** One coefficient as the estimators' tidy rows give it (`TidyRow`). */
export interface CoefficientRow {
  readonly term: string;
  readonly estimate: number;
  readonly stdError: number;
  readonly pValue: number;
}

/**
 * One column of a regression table: an OLS result (`regress`), one τ of a quantile regression
 * (`quantreg(...).fits[k]`) or any plain object with tidy coefficients and optional statistics.
 */
export interface ModelColumn {
  readonly coefficients: readonly CoefficientRow[];
  /** Column heading; default "(1)", "(2)", … or "QR 30" for a fit with `tau` 0.3. */
  readonly label?: string;
  readonly n?: number;
  readonly rSquared?: number | null;
  readonly tau?: number;
}

/** A significance level and its marker, e.g. [0.01, '***']. */
export type StarLevel = readonly [number, string];

/** Stars at the 10%, 5% and 1% levels: *, **, *** (Stata's esttab `star(* 0.10 ** 0.05 *** 0.01)`). */
export const DEFAULT_STARS: readonly StarLevel[] = Object.freeze([
  Object.freeze([0.1, '*'] as const),
  Object.freeze([0.05, '**'] as const),
  Object.freeze([0.01, '***'] as const),
]);

/** Options of `regressionTable`. Defaults in the doc comment of `regressionTable`. */
export interface RegressionTableOptions {
  readonly title?: string | null;
  /** Terms to show, in order; default every term in order of first appearance, intercept last. */
  readonly terms?: readonly string[];
  /** Row labels by term; default the data dictionary's label (`(Intercept)` → "Constant"). */
  readonly labels?: Readonly<Record<string, string>>;
  readonly digits?: number;
  readonly stars?: readonly StarLevel[];
  /** What the parentheses hold, for the note; default "Standard errors". */
  readonly seLabel?: string;
  /** Extra notes after the standard ones. */
  readonly notes?: readonly string[];
  /** The language of the notes and labels; default en. */
  readonly lang?: Lang;
}

/**
 * The stars of a p-value: the marker of the smallest level it is below (strictly).
 * @example starsFor(0.004) // '***'
 */
export function starsFor(p: number, levels: readonly StarLevel[] = DEFAULT_STARS): string {
  let best: StarLevel | null = null;
  for (const level of levels)
    if (p < level[0] && (best === null || level[0] < best[0])) best = level;
  return best ? best[1] : '';
}

function defaultLabel(column: ModelColumn, j: number): string {
  if (column.label !== undefined) return column.label;
  if (column.tau !== undefined) return `QR ${Math.round(column.tau * 100)}`;
  return `(${j + 1})`;
}

/**
 * A regression table as esttab / modelsummary lay it out: one column per model (or τ), one
 * row per term with the estimate and its stars, the standard error in parentheses underneath,
 * then N and R² (each shown when any column has it). Defaults: `digits` 3, stars at 10/5/1%
 * (`DEFAULT_STARS`), labels from the data dictionary, all terms with the intercept last, notes
 * "Standard errors in parentheses." and the star legend.
 * @example toMarkdown(regressionTable([fit1.result, fit2.result], { title: 'Table 4' }))
 */
export function regressionTable(
  columns: readonly ModelColumn[],
  options: RegressionTableOptions = {},
): ReportTable {
  const digits = options.digits ?? 3;
  const stars = options.stars ?? DEFAULT_STARS;
  let terms = options.terms;
  if (!terms) {
    const seen: string[] = [];
    for (const c of columns)
      for (const r of c.coefficients) if (!seen.includes(r.term)) seen.push(r.term);
    terms = [
      ...seen.filter((t) => t !== '(Intercept)'),
      ...seen.filter((t) => t === '(Intercept)'),
    ];
  }
  const lang = options.lang ?? 'en';
  const w = reportWords(lang);
  const label = (term: string) => options.labels?.[term] ?? variableLabel(term, { lang });
  const rows: ReportRow[] = [];
  for (const term of terms) {
    const found = columns.map((c) => c.coefficients.find((r) => r.term === term));
    rows.push(
      row('estimate', term, [
        label(term),
        ...found.map((r) =>
          r ? cell(formatEstimate(r.estimate, digits), starsFor(r.pValue, stars)) : cell(''),
        ),
      ]),
    );
    rows.push(
      row('std_error', null, [
        '',
        ...found.map((r) => (r ? `(${formatEstimate(r.stdError, digits)})` : '')),
      ]),
    );
  }
  let first = true;
  const stat = (key: string, text: string, values: readonly (string | null)[]) => {
    if (values.every((v) => v === null)) return;
    rows.push(row('statistic', key, [text, ...values.map((v) => v ?? '')], { ruleBefore: first }));
    first = false;
  };
  stat(
    'n',
    'N',
    columns.map((c) => (c.n === undefined ? null : formatCount(c.n))),
  );
  stat(
    'r_squared',
    'R²',
    columns.map((c) =>
      c.rSquared === undefined || c.rSquared === null ? null : c.rSquared.toFixed(digits),
    ),
  );
  const legend = w.starLegend([...stars].sort((a, b) => b[0] - a[0]));
  return Object.freeze({
    title: options.title ?? null,
    header: Object.freeze(['', ...columns.map(defaultLabel)]),
    rows: Object.freeze(rows),
    notes: Object.freeze([
      w.inParentheses(options.seLabel ?? (lang === 'en' ? 'Standard errors' : '标准误')),
      legend,
      ...(options.notes ?? []),
    ]),
    align: Object.freeze(['left' as const, ...columns.map(() => 'center' as const)]),
  });
}
