import { PUBLISHED_TABLE2 } from '../paper/published.js';
import {
  PUBLISHED_TABLE4,
  TABLE4_SIGN_NOTE,
  TABLE4_SIGN_NOTE_ZH,
  PUBLISHED_TABLE5,
  type PublishedRegressionTable,
} from '../paper/published-regressions.js';
import { descriptiveTable } from './descriptive-table.js';
import { formatCount } from './number-format.js';
import { regressionTable, type ModelColumn } from './regression-table.js';
import type { ReportSetup } from './report-setup.js';
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

/**
 * Tables 1–5 of a study's results, worded by `setup` (titles, labels, language): Tables 1 and
 * 3 with the paper's means and SDs beside when the study compares with the paper, Table 2 by
 * group, Table 4 one column per configured model (and a `Stepwise` column when selection ran),
 * Table 5 one column per τ.
 * @example toMarkdown(studyTables(run.results, reportSetup(study)).table4)
 */
export function studyTables(results: StudyResults, setup: ReportSetup): StudyTables {
  const { words: w, lang, labels } = setup;
  const n = formatCount(results.study.rows);
  const t4 = results.table4;
  const columns: ModelColumn[] = t4.models.map((m) => ({
    label: m.label,
    coefficients: m.result.coefficients,
    n: m.result.n,
    rSquared: m.result.rSquared,
  }));
  const dependent = w.dependentNote(setup.dependent);
  const notes: string[] = [dependent];
  if (t4.stepwise) {
    const s = t4.stepwise;
    columns.push({
      label: w.stepwise,
      coefficients: s.result.coefficients,
      n: s.result.n,
      rSquared: s.result.rSquared,
    });
    const levels = [s.pr !== null ? `pr(${s.pr})` : '', s.pe !== null ? `pe(${s.pe})` : '']
      .filter(Boolean)
      .join(' ');
    const steps = s.steps.map(
      (st) => `${w.stepAction(st.action)} ${st.term} (p = ${st.pValue.toFixed(4)})`,
    );
    notes.push(w.stepwiseNote(s.method, levels, steps));
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
    title: setup.titles.table4,
    terms: [...explanatory, ...extra, '(Intercept)'],
    labels,
    seLabel: w.vce[t4.vce] ?? w.vce.classical,
    notes,
    lang,
  });
  const t5 = results.table5;
  const table5 = t5
    ? regressionTable(
        t5.quantreg.fits.map((f) => ({ tau: f.tau, n: f.n, coefficients: f.coefficients })),
        {
          title: setup.titles.table5,
          terms: [...t5.x, '(Intercept)'],
          labels,
          seLabel: w.quantileSe(t5.quantreg.se),
          notes: [dependent],
          lang,
        },
      )
    : null;
  const descriptive = (title: string, summaries: StudyResults['table1']) =>
    descriptiveTable(summaries, {
      title,
      labels,
      published: setup.compare,
      notes: [w.households(n)],
      lang,
    });
  const leftOut = results.table2.flatMap((b) =>
    b.leftOut.missing + b.leftOut.unmatched > 0
      ? [w.leftOut(setup.label(b.heading ?? ''), b.leftOut.missing, b.leftOut.unmatched)]
      : [],
  );
  return Object.freeze({
    table1: descriptive(setup.titles.table1, results.table1),
    table2: vulnerabilityTable(
      results.table2.map((b) => ({
        heading: b.heading ? setup.label(b.heading) : null,
        rows: b.rows,
      })),
      {
        title: setup.titles.table2,
        bands: results.vep.bands,
        showN: true,
        notes: [w.sampleNote(formatCount(results.vep.nUsed)), ...leftOut],
        lang,
      },
    ),
    table3: descriptive(setup.titles.table3, results.table3),
    table4,
    table5,
  });
}

/** The rows of the paper's Table 2 in Chinese. */
const PUBLISHED_GROUPS_ZH: Readonly<Record<string, string>> = {
  Overall: '总体',
  'Han nationality': '汉族',
  'Yi nationality': '彝族',
  'Other minorities': '其他少数民族',
  'Male head of household': '男性户主',
  'Female head of household': '女性户主',
  'Primary school and below': '小学及以下',
  'Above primary school': '小学以上',
};

/**
 * The paper's published Tables 2, 4 and 5 as report tables, to show beside a study's own.
 * @example toHtml(paperTables(reportSetup(study)).table4)
 */
export function paperTables(setup: ReportSetup) {
  const group = (g: string) => (setup.lang === 'zh-CN' ? (PUBLISHED_GROUPS_ZH[g] ?? g) : g);
  return Object.freeze({
    table2: vulnerabilityTable(
      [
        {
          heading: null,
          rows: PUBLISHED_TABLE2.map((p) => ({ ...p, group: group(p.group), between: p.middle })),
        },
      ],
      { title: setup.words.paperTable2, lang: setup.lang },
    ),
    table4: publishedTable(PUBLISHED_TABLE4, setup, [
      setup.lang === 'en' ? TABLE4_SIGN_NOTE : TABLE4_SIGN_NOTE_ZH,
    ]),
    table5: publishedTable(PUBLISHED_TABLE5, setup),
  });
}

function publishedTable(
  t: PublishedRegressionTable,
  setup: ReportSetup,
  footnotes: readonly string[] = [],
): ReportTable {
  const rows: ReportRow[] = [];
  for (const r of t.rows) {
    rows.push(
      row('estimate', r.term, [
        setup.label(r.term),
        ...r.cells.map((c) => (c ? cell(c[0], c[1]) : cell(''))),
      ]),
    );
    rows.push(row('std_error', null, ['', ...r.cells.map((c) => (c ? `(${c[2]})` : ''))]));
  }
  rows.push(row('statistic', 'n', ['N', ...t.n.map(String)], { ruleBefore: true }));
  return Object.freeze({
    title:
      setup.lang === 'en' ? t.title : t.title.replace(/^Table (\d)\..*$/, '表$1（原文，n = 676）'),
    header: Object.freeze(['', ...t.columns]),
    rows: Object.freeze(rows),
    notes: Object.freeze([
      setup.lang === 'en'
        ? t.note
        : `${t.note.startsWith('Robust') ? '括号内为稳健标准误' : '括号内为标准误'}。* p < 0.10，** p < 0.05，*** p < 0.01。`,
      ...footnotes,
    ]),
    align: Object.freeze(['left' as const, ...t.columns.map(() => 'center' as const)]),
  });
}
