import { fixedDecimals } from './number-format.js';

/**
 * A table as researchers publish it, independent of the output format: a title, a header row,
 * rows of already formatted cells, and notes. Markdown, CSV, LaTeX, Word and HTML writers
 * (src/report/formats/) lay out the same model, so every format shows the same numbers.
 */
export interface ReportTable {
  readonly title: string | null;
  /** Column headings; the first is the heading of the label column (often empty). */
  readonly header: readonly string[];
  readonly rows: readonly ReportRow[];
  /** Footnotes, one paragraph each (significance stars, standard errors, sources). */
  readonly notes: readonly string[];
  /** Alignment per column: the label column left, numbers centred (esttab) or right. */
  readonly align: readonly ('left' | 'center' | 'right')[];
}

/**
 * One row. `kind` says what it holds so writers can style it: `estimate` (a coefficient),
 * `std_error` (its standard error, in parentheses under it), `statistic` (N, R² …) and `data`
 * (any other row). `ruleBefore` asks for a horizontal rule above the row (booktabs \midrule).
 */
export interface ReportRow {
  readonly kind: 'estimate' | 'std_error' | 'statistic' | 'data';
  /** The term, variable or statistic the row is about (null for a standard-error row). */
  readonly key: string | null;
  readonly cells: readonly ReportCell[];
  readonly ruleBefore: boolean;
  /** The label cell is indented (a group under a block heading). */
  readonly indent: boolean;
}

/** A cell: its text and, for an estimate, the significance stars written after it. */
export interface ReportCell {
  readonly text: string;
  readonly stars: string;
}

/**
 * A cell without stars.
 * @example cell('0.328') // { text: '0.328', stars: '' }
 */
export function cell(text: string, stars = ''): ReportCell {
  return Object.freeze({ text, stars });
}

/**
 * A row of plain cells.
 * @example row('data', 'family_size', ['Family size', '4.429', '1.532'])
 */
export function row(
  kind: ReportRow['kind'],
  key: string | null,
  cells: readonly (string | ReportCell)[],
  options: { ruleBefore?: boolean; indent?: boolean } = {},
): ReportRow {
  return Object.freeze({
    kind,
    key,
    cells: Object.freeze(cells.map((c) => (typeof c === 'string' ? cell(c) : c))),
    ruleBefore: options.ruleBefore ?? false,
    indent: options.indent ?? false,
  });
}

/**
 * The text of a cell with its stars, for plain-text formats (CSV).
 * @example cellText({ text: '0.328', stars: '***' }) // '0.328***'
 */
export function cellText(c: ReportCell): string {
  return c.text + c.stars;
}

/**
 * An estimate's text: `digits` fixed decimals, small values with three significant digits and
 * never in scientific notation (`fixedDecimals`: county GDP's −7E−06 prints as "-0.00000700");
 * NaN → "".
 * @example formatEstimate(-0.000007, 3) // '-0.00000700'
 */
export function formatEstimate(x: number, digits: number): string {
  if (Number.isNaN(x)) return '';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  return fixedDecimals(x, { digits });
}
