import { variableLabel } from '../data/dictionary.js';
import { PUBLISHED_TABLE2 } from '../data/published.js';
import {
  PUBLISHED_TABLE4,
  TABLE4_SIGN_NOTE,
  PUBLISHED_TABLE5,
  type PublishedRegressionTable,
} from '../data/published-regressions.js';
import { descriptiveTable } from './descriptive-table.js';
import { regressionTable, type ModelColumn } from './regression-table.js';
import type { StudyResults } from './study-run.js';
import { cell, row, type ReportRow, type ReportTable } from './table-model.js';
import { vulnerabilityTable } from './vulnerability-table.js';

/** The five tables of a study, as format-neutral tables (Table 5 only when configured). */
export interface StudyTables {
  readonly table1: ReportTable;
  readonly table2: ReportTable;
  readonly table3: ReportTable;
  readonly table4: ReportTable;
  readonly table5: ReportTable | null;
}

/** The paper's titles of Tables 1–5. */
export const TABLE_TITLES = Object.freeze({
  table1: 'Table 1. Descriptive statistics of household and individual characteristic variables',
  table2: 'Table 2. Descriptive statistics of the probability of returning to poverty',
  table3: 'Table 3. Definition of explanatory variables and descriptive statistics',
  table4: 'Table 4. Multiple regression analysis results',
  table5: 'Table 5. Quantile regression analysis results',
});

const VCE_NOTE: Record<string, string> = {
  classical: 'Classical standard errors',
  hc0: 'Robust (HC0) standard errors',
  hc1: 'Robust standard errors (HC1, Stata robust)',
  hc2: 'Robust (HC2) standard errors',
  hc3: 'Robust (HC3) standard errors',
};

/**
 * Tables 1–5 of a study's results, laid out as the paper's: Tables 1 and 3 with the paper's
 * means and SDs beside (`published`), Table 2 by group, Table 4 one column per configured model
 * (and a `Stepwise` column when selection ran), Table 5 one column per τ. `labels` override
 * the data dictionary's variable labels.
 * @example toMarkdown(studyTables(run.results, { labels: study.labels }).table4)
 */
export function studyTables(
  results: StudyResults,
  options: { labels?: Readonly<Record<string, string>>; published?: boolean } = {},
): StudyTables {
  const labels = options.labels ?? {};
  const published = options.published ?? true;
  const n = results.study.rows;
  const t4 = results.table4;
  const columns: ModelColumn[] = t4.models.map((m) => ({
    label: m.label,
    coefficients: m.result.coefficients,
    n: m.result.n,
    r_squared: m.result.r_squared,
  }));
  const notes: string[] = ['Dependent variable: the probability of returning to poverty (VEP).'];
  if (t4.stepwise) {
    const s = t4.stepwise;
    columns.push({
      label: 'Stepwise',
      coefficients: s.result.coefficients,
      n: s.result.n,
      r_squared: s.result.r_squared,
    });
    const levels = [s.pr !== null ? `pr(${s.pr})` : '', s.pe !== null ? `pe(${s.pe})` : '']
      .filter(Boolean)
      .join(' ');
    const steps = s.steps.map((st) => `${st.action} ${st.term} (p = ${st.p_value.toFixed(4)})`);
    notes.push(
      `Stepwise: ${s.method}, ${levels} (Stata stepwise semantics)${steps.length ? `: ${steps.join('; ')}` : ': no term moved'}.`,
    );
  }
  const explanatory = results.table3.map((s) => s.variable);
  const seen = new Set<string>(explanatory);
  const extra: string[] = [];
  for (const c of columns)
    for (const r of c.coefficients)
      if (r.term !== '(Intercept)' && !seen.has(r.term)) {
        seen.add(r.term);
        extra.push(r.term);
      }
  const table4 = regressionTable(columns, {
    title: TABLE_TITLES.table4,
    terms: [...explanatory, ...extra, '(Intercept)'],
    labels,
    seLabel: VCE_NOTE[t4.vce] ?? 'Standard errors',
    notes,
  });
  const t5 = results.table5;
  const table5 = t5
    ? regressionTable(
        t5.quantreg.fits.map((f) => ({ tau: f.tau, n: f.n, coefficients: f.coefficients })),
        {
          title: TABLE_TITLES.table5,
          terms: [...t5.x, '(Intercept)'],
          labels,
          seLabel: `Standard errors (${t5.quantreg.se})`,
          notes: ['Dependent variable: the probability of returning to poverty (VEP).'],
        },
      )
    : null;
  const descriptive = (title: string, summaries: StudyResults['table1']) =>
    descriptiveTable(summaries, { title, labels, published, notes: [`N = ${n} households.`] });
  return Object.freeze({
    table1: descriptive(TABLE_TITLES.table1, results.table1),
    table2: vulnerabilityTable(
      results.table2.map((b) => ({
        heading: b.heading ? variableLabel(b.heading) : null,
        rows: b.rows,
      })),
      {
        title: TABLE_TITLES.table2,
        bands: results.vep.bands,
        showN: true,
        notes: [`Households of the VEP estimation sample (${results.vep.n_used}).`],
      },
    ),
    table3: descriptive(TABLE_TITLES.table3, results.table3),
    table4,
    table5,
  });
}

/**
 * The paper's published Tables 2, 4 and 5 as report tables, to show beside a study's own.
 * @example toHtml(paperTables().table4)
 */
export function paperTables(options: { labels?: Readonly<Record<string, string>> } = {}) {
  return Object.freeze({
    table2: vulnerabilityTable(
      [{ heading: null, rows: PUBLISHED_TABLE2.map((p) => ({ ...p, between: p.middle })) }],
      { title: 'Table 2 (paper, n = 676)' },
    ),
    table4: publishedTable(PUBLISHED_TABLE4, options.labels ?? {}, [TABLE4_SIGN_NOTE]),
    table5: publishedTable(PUBLISHED_TABLE5, options.labels ?? {}),
  });
}

function publishedTable(
  t: PublishedRegressionTable,
  labels: Readonly<Record<string, string>>,
  footnotes: readonly string[] = [],
): ReportTable {
  const rows: ReportRow[] = [];
  for (const r of t.rows) {
    rows.push(
      row('estimate', r.term, [
        labels[r.term] ?? variableLabel(r.term),
        ...r.cells.map((c) => (c ? cell(c[0], c[1]) : cell(''))),
      ]),
    );
    rows.push(row('std_error', null, ['', ...r.cells.map((c) => (c ? `(${c[2]})` : ''))]));
  }
  rows.push(row('statistic', 'n', ['N', ...t.n.map(String)], { ruleBefore: true }));
  return Object.freeze({
    title: t.title,
    header: Object.freeze(['', ...t.columns]),
    rows: Object.freeze(rows),
    notes: Object.freeze([t.note, ...footnotes]),
    align: Object.freeze(['left' as const, ...t.columns.map(() => 'center' as const)]),
  });
}
