import { DICTIONARY, variableLabel } from '../paper/dictionary.js';
import { formatEstimate, row, type ReportTable } from './table-model.js';
import { formatCount } from './number-format.js';
import type { Lang } from '../domain/localized.js';
import { reportWords } from './report-words.js';

/** Mean and SD of one variable (SD with n − 1), as Tables 1 and 3 report them. */
export interface VariableSummary {
  readonly variable: string;
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
}

/**
 * Mean and SD (n − 1) of each named column, skipping NaN (missing) values.
 * @example summarizeColumns({ family_size: sizes }) // [{ variable: 'family_size', n, mean, sd }]
 */
export function summarizeColumns(
  columns: Readonly<Record<string, ArrayLike<number>>>,
): VariableSummary[] {
  return Object.entries(columns).map(([variable, values]) => {
    let n = 0;
    let mean = 0;
    let m2 = 0;
    for (let i = 0; i < values.length; i++) {
      const x = values[i];
      if (Number.isNaN(x)) continue;
      n++;
      const d = x - mean;
      mean += d / n;
      m2 += d * (x - mean);
    }
    return { variable, n, mean: n > 0 ? mean : NaN, sd: n > 1 ? Math.sqrt(m2 / (n - 1)) : NaN };
  });
}

/** Options of `descriptiveTable`. Defaults in its doc comment. */
export interface DescriptiveTableOptions {
  readonly title?: string | null;
  readonly digits?: number;
  /** Show the paper's published mean and SD beside (from the data dictionary). */
  readonly published?: boolean;
  /** Show the number of non-missing values. */
  readonly showN?: boolean;
  readonly labels?: Readonly<Record<string, string>>;
  readonly notes?: readonly string[];
  /** The language of the headings and labels; default en. */
  readonly lang?: Lang;
}

/**
 * Descriptive statistics as the paper's Tables 1 and 3: variable, label, mean, SD and, with
 * `published: true`, the paper's mean and SD beside. Defaults: 4 decimals (the paper's; 2 for values of 1,000 and more),
 * labels from the data dictionary, no N column, no published columns, English.
 * @example toLatex(descriptiveTable(summarizeColumns(cols), { published: true }))
 */
export function descriptiveTable(
  summaries: readonly VariableSummary[],
  options: DescriptiveTableOptions = {},
): ReportTable {
  const digits = options.digits ?? 4;
  const published = options.published ?? false;
  const showN = options.showN ?? false;
  const lang = options.lang ?? 'en';
  const w = reportWords(lang);
  // Money amounts (|x| ≥ 1000) get two decimals, as the paper prints them.
  const fmt = (x: number | undefined) =>
    x === undefined ? '' : formatEstimate(x, Math.abs(x) >= 1000 ? Math.min(2, digits) : digits);
  const header = [w.variable, w.label, ...(showN ? ['N'] : []), w.mean, w.sd];
  if (published) header.push(w.paperMean, w.paperSd);
  const rows = summaries.map((s) => {
    const paper = DICTIONARY.find((d) => d.name === s.variable);
    const cells = [
      s.variable,
      options.labels?.[s.variable] ?? variableLabel(s.variable, { lang }),
      ...(showN ? [formatCount(s.n)] : []),
      fmt(s.mean),
      fmt(s.sd),
    ];
    if (published) cells.push(fmt(paper?.mean), fmt(paper?.sd));
    return row('data', s.variable, cells);
  });
  const notes = [...(published ? [w.paperNote] : [])];
  return Object.freeze({
    title: options.title ?? null,
    header: Object.freeze(header),
    rows: Object.freeze(rows),
    notes: Object.freeze([...notes, ...(options.notes ?? [])]),
    align: Object.freeze(header.map((_, j) => (j < 2 ? ('left' as const) : ('right' as const)))),
  });
}
