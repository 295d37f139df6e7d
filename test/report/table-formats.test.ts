import { describe, expect, test } from 'vitest';
import { DEMO_HOUSEHOLDS, DEMO_SEED, simulateSurvey } from '../../src/simulate/survey.js';
import { surveyColumn } from '../../src/simulate/survey-columns.js';
import { DICTIONARY } from '../../src/paper/dictionary.js';
import { descriptiveTable, summarizeColumns } from '../../src/report/descriptive-table.js';
import { toCsv } from '../../src/report/formats/csv.js';
import { htmlEscape, toHtml } from '../../src/report/formats/html.js';
import { latexEscape, toLatex } from '../../src/report/formats/latex.js';
import { latexLayout } from '../../src/report/formats/latex-layout.js';
import { toMarkdown } from '../../src/report/formats/markdown.js';
import { regressionTable } from '../../src/report/regression-table.js';
import type { ReportTable } from '../../src/report/table-model.js';
import { vulnerabilityTable } from '../../src/report/vulnerability-table.js';
import { TABLE2_BLOCKS, TABLE4_COLUMNS, TABLE5_COLUMNS } from './table-inputs.js';

const survey = simulateSurvey({ households: DEMO_HOUSEHOLDS, seed: DEMO_SEED });
const tables: Record<string, ReportTable> = {
  table4: regressionTable(TABLE4_COLUMNS, {
    title: 'Table 4. Multiple regression analysis results',
    seLabel: 'Robust standard errors',
  }),
  table5: regressionTable(TABLE5_COLUMNS, {
    title: 'Table 5. Quantile regression analysis results',
  }),
  table2: vulnerabilityTable(TABLE2_BLOCKS, {
    title: 'Table 2. Probability of returning to poverty',
  }),
  descriptive: descriptiveTable(
    summarizeColumns(
      Object.fromEntries(DICTIONARY.map((d) => [d.name, surveyColumn(survey, d.name)])),
    ),
    {
      title: 'Tables 1 and 3: simulated survey (N = 676, seed 2020) beside the paper',
      published: true,
      showN: true,
    },
  ),
};
const formats = {
  md: toMarkdown,
  csv: toCsv,
  tex: toLatex,
  html: toHtml,
};

describe('snapshots (committed under test/report/__snapshots__/)', () => {
  for (const [name, table] of Object.entries(tables)) {
    for (const [ext, write] of Object.entries(formats)) {
      test(`${name}.${ext}`, async () => {
        await expect(write(table)).toMatchFileSnapshot(`__snapshots__/${name}.${ext}`);
      });
    }
  }
});

describe('format details', () => {
  test('Markdown escapes stars and pipes; one line per row', () => {
    const md = toMarkdown(tables.table4);
    expect(md).toContain('0.328\\*\\*\\*');
    expect(md.split('\n').filter((l) => l.startsWith('|'))).toHaveLength(
      2 + tables.table4.rows.length,
    );
  });

  test('CSV is rectangular and quotes cells with commas', () => {
    const lines = toCsv(tables.table2).trimEnd().split('\r\n');
    expect(new Set(lines.map((l) => l.split(',').length)).size).toBe(1);
    const n = toCsv(regressionTable([{ n: 12345, coefficients: [] }]));
    expect(n).toContain('N,"12,345"');
  });

  test('LaTeX: booktabs rules, escaped specials, stars through \\sym', () => {
    const tex = toLatex(tables.table4);
    for (const rule of ['\\toprule', '\\midrule', '\\bottomrule']) expect(tex).toContain(rule);
    expect(tex).toContain('0.328\\sym{***}');
    expect(latexEscape('wage_share & 50% < $1 ^ #{x}~')).toBe(
      'wage\\_share \\& 50\\% $<$ \\$1 \\textasciicircum{} \\#\\{x\\}\\textasciitilde{}',
    );
    expect(toLatex(tables.table4)).toContain('R$^2$ & 0.091');
    const begins = tex.match(/\\begin\{/g)?.length;
    expect(begins).toBe(tex.match(/\\end\{/g)?.length);
  });

  test('LaTeX: caption without "Table N.", a label, packages named, numbers with a true minus', () => {
    const tex = toLatex(tables.table4);
    expect(tex).toContain('\\caption{Multiple regression analysis results}');
    expect(tex).toContain('\\label{tab:table4}');
    expect(toLatex(tables.table4, { label: 'tab:ols' })).toContain('\\label{tab:ols}');
    expect(tex).toMatch(
      /^% Needs \\usepackage\{booktabs,array,graphicx\} \(Debian: texlive-latex-recommended\)\.$/m,
    );
    expect(tex).toContain('$-$0.00000700\\sym{**}');
    expect(tex).not.toMatch(/\de-\d/);
    expect(tex).not.toContain('\\documentclass');
    const doc = toLatex(tables.table4, { output: 'standalone' });
    expect(doc.startsWith('\\documentclass{article}\n')).toBe(true);
    expect(doc).toContain('\\usepackage{booktabs,array,graphicx}');
    expect(doc.trimEnd().endsWith('\\end{document}')).toBe(true);
  });

  test('LaTeX layout: narrow tables as they are; wide ones wrap labels, shrink the font or turn', () => {
    const col = (k: number) => ({
      label: `(${k})`,
      coefficients: [
        { term: 'industrial_support', estimate: -0.018, stdError: 0.028, pValue: 0.01 },
      ],
    });
    const narrow = latexLayout(regressionTable([col(1)]), { width: 345, height: 550 });
    expect(narrow).toEqual({ spec: 'lc', size: '', tabcolsep: 6, orientation: 'portrait' });
    const six = latexLayout(regressionTable([1, 2, 3, 4, 5, 6].map(col)), {
      width: 345,
      height: 550,
    });
    expect(six.spec).toMatch(/^>\{\\raggedright\\arraybackslash\}p\{\d+pt\}c{6}$/);
    const twelve = regressionTable(Array.from({ length: 12 }, (_, k) => col(k)));
    expect(latexLayout(twelve, { width: 345, height: 550 }).orientation).toBe('landscape');
    expect(toLatex(twelve)).toContain('\\begin{landscape}');
    expect(toLatex(twelve)).toMatch(/^% Needs \\usepackage\{booktabs,array,graphicx,pdflscape\}/m);
  });

  test('HTML: a fragment with a table, escaped text, stars in <sup>', () => {
    const html = toHtml(tables.table4);
    expect(html.startsWith('<table class="povrisk-table">')).toBe(true);
    expect(html.trimEnd().endsWith('</table>')).toBe(true);
    expect(html).toContain('0.328<sup>***</sup>');
    expect(html).not.toMatch(/<script|style=/);
    expect(htmlEscape(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    expect(html.match(/<tr/g)?.length).toBe(1 + tables.table4.rows.length + 1);
  });

  test('a table from a real regression on the simulated survey', async () => {
    const { fromColumns } = await import('../../src/linalg/matrix.js');
    const { ols } = await import('../../src/models/ols.js');
    const { vcovOls } = await import('../../src/models/vcov.js');
    const { tidyCoefficients } = await import('../../src/models/tidy.js');
    const x = ['road_hardened', 'motivation', 'wage_share'];
    const y = surveyColumn(survey, 'per_capita_income').map(Math.log);
    const fit = ols(
      fromColumns(
        x.map((c) => surveyColumn(survey, c)),
        { intercept: 'first' },
      ),
      y,
      { terms: ['(Intercept)', ...x] },
    );
    const V = vcovOls(fit, { type: 'hc1' });
    const coefficients = tidyCoefficients(fit.estimated, fit.coefficients, V.matrix, { df: V.df });
    const table = regressionTable([{ coefficients, n: fit.n, rSquared: fit.rSquared }], {
      title: 'ln per-capita income, simulated survey (HC1)',
    });
    await expect(toMarkdown(table)).toMatchFileSnapshot('__snapshots__/simulated-ols.md');
  });
});

describe('CSV injection', () => {
  test.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+cmd|calc', "'+1+cmd|calc"],
    ['-1+cmd|calc', "'-1+cmd|calc"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['-0.123***', '-0.123***'],
    ['+1.5e-3', '+1.5e-3'],
    ['-12%', '-12%'],
    ['-1,234.5', '"-1,234.5"'],
    ['log income', 'log income'],
  ])('a cell %j is written %s', (text, written) => {
    const table = { header: [text], rows: [] } as unknown as Parameters<typeof toCsv>[0];
    expect(toCsv(table)).toBe(`${written}\r\n`);
  });
});
