import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LIANGSHAN_STUDY } from '../../src/paper/liangshan-study.js';
import { simulateSurvey } from '../../src/simulate/survey.js';
import { STUDY_SCHEMA } from '../../src/study/study-schema.js';
import { writeSurvey } from '../../src/simulate/write-survey.js';
import { docxParagraphs } from '../helpers/docx-text.js';
import { runCli } from '../helpers/run-cli.js';

/** Words that belong to the Liangshan paper and to nothing else. */
const PAPER = [
  'Ouyang',
  'Liangshan',
  'Published',
  'published',
  'Paper mean',
  'paper',
  'n = 676',
  'returning to poverty',
  'Yi nationality',
  '原文',
  '返贫',
];

let dir: string;
const at = (...p: string[]) => join(dir, ...p);
const EXAMPLE = 'examples/wages.study.yaml';
/** data/wages.csv read independently of povrisk: the rows as records of text. */
const wages = (() => {
  const [head, ...lines] = readFileSync('data/wages.csv', 'utf8').trim().split('\n');
  const names = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, j) => [names[j], v])));
})();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'povrisk-own-'));
  const survey = simulateSurvey({ households: 300, seed: 11 });
  await writeSurvey(survey, at('survey.csv'));
  writeFileSync(at('paper.yaml'), LIANGSHAN_STUDY);
  writeFileSync(at('nocompare.yaml'), LIANGSHAN_STUDY.replace(/^compare: .*\n/m, ''));
  const runs = await Promise.all([
    runCli(['analyze', EXAMPLE, '--out', at('wages'), '--quiet']),
    runCli(['analyze', at('paper.yaml'), '--out', at('paper'), '--quiet']),
    runCli(['analyze', at('nocompare.yaml'), '--out', at('nocompare'), '--quiet']),
  ]);
  for (const r of runs) if (r.code !== 0) throw new Error(r.stderr);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a study of our own: examples/wages.study.yaml', () => {
  test('validates against the published schema', () => {
    const schema = JSON.parse(readFileSync('schemas/study.schema.json', 'utf8'));
    expect(schema).toEqual(JSON.parse(JSON.stringify(STUDY_SCHEMA)));
    expect(new Ajv({ strict: false }).compile(schema)(parse(readFileSync(EXAMPLE, 'utf8')))).toBe(
      true,
    );
  });

  test('writes every format: HTML, docx, tex, md, csv', () => {
    expect(existsSync(at('wages', 'report.html'))).toBe(true);
    for (const n of [1, 2, 3, 4, 5])
      for (const ext of ['md', 'csv', 'tex', 'docx'])
        expect(existsSync(at('wages', 'tables', `table${n}.${ext}`)), `table${n}.${ext}`).toBe(
          true,
        );
  });

  test('its report and tables contain nothing of the paper', async () => {
    // The page's text and markup, without its style sheet (whose class names are no wording).
    const page = readFileSync(at('wages', 'report.html'), 'utf8');
    const texts = [page.replace(/<style>[^]*<\/style>/, '')];
    expect(texts[0].length).toBeGreaterThan(page.length / 2);
    for (const n of [1, 2, 3, 4, 5]) {
      for (const ext of ['md', 'csv', 'tex'])
        texts.push(readFileSync(at('wages', 'tables', `table${n}.${ext}`), 'utf8'));
      texts.push(
        (await docxParagraphs(readFileSync(at('wages', 'tables', `table${n}.docx`)))).join('\n'),
      );
    }
    expect(texts).toHaveLength(21);
    for (const [k, text] of texts.entries())
      for (const word of PAPER) expect(text.includes(word), `${word} in output ${k}`).toBe(false);
    expect(page).not.toContain('class="paper"');
    const results = JSON.parse(readFileSync(at('wages', 'results.json'), 'utf8'));
    const rows = results.table2.flatMap((b: { rows: { paper: unknown }[] }) => b.rows);
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(r.paper).toBeNull();
  });

  test('its own titles, labels and wording', async () => {
    const titles = [
      "Table 1. The wage equation's variables",
      'Table 2. Risk of low pay by group',
      'Table 3. Worker characteristics',
      'Table 4. What goes with the risk of low pay (OLS)',
      'Table 5. The risk of low pay at its quantiles',
    ];
    const html = readFileSync(at('wages', 'report.html'), 'utf8');
    for (const [k, title] of titles.entries()) {
      const n = k + 1;
      expect(html).toContain(`<h2>${title.replace("'", '&#39;')}</h2>`);
      expect(readFileSync(at('wages', 'tables', `table${n}.md`), 'utf8')).toContain(`**${title}**`);
      const docx = await docxParagraphs(readFileSync(at('wages', 'tables', `table${n}.docx`)));
      expect(docx[0]).toBe(title);
    }
    const t4 = readFileSync(at('wages', 'tables', 'table4.md'), 'utf8');
    expect(t4).toContain('Dependent variable: the probability of low pay (VEP).');
    expect(t4).toContain('| Years of education |');
    expect(html).toContain('poverty line 5.19 USD per hour');
    expect(readFileSync(at('wages', 'tables', 'table1.md'), 'utf8')).toContain('N = 534 workers.');
  });

  test('text groups: Table 2 counts the workers of each level as the CSV holds them', () => {
    const results = JSON.parse(readFileSync(at('wages', 'results.json'), 'utf8'));
    const block = (column: string) =>
      results.table2.find((b: { column: string }) => b.column === column).rows as {
        group: string;
        n: number;
      }[];
    const count = (pred: (r: Record<string, string>) => boolean) => wages.filter(pred).length;
    expect(results.study.rows).toBe(wages.length);
    expect(block('ethnicity').map((r) => [r.group, r.n])).toEqual([
      ['Caucasian', count((r) => r.ethnicity === 'cauc')],
      ['Hispanic', count((r) => r.ethnicity === 'hispanic')],
      ['Other', count((r) => r.ethnicity === 'other')],
    ]);
    // from-data with min_count 40: the occupations of 40 or more workers, sorted, then Other.
    const jobs = new Map<string, number>();
    for (const r of wages) jobs.set(r.occupation, (jobs.get(r.occupation) ?? 0) + 1);
    const big = [...jobs].filter(([, n]) => n >= 40).sort(([a], [b]) => (a < b ? -1 : 1));
    const small = [...jobs.values()].filter((n) => n < 40);
    expect(small.length).toBeGreaterThan(0);
    expect(block('occupation').map((r) => [r.group, r.n])).toEqual([
      ...big,
      ['Other', small.reduce((a, b) => a + b, 0)],
    ]);
    expect(block('sector').map((r) => r.n)).toEqual([
      count((r) => r.sector === 'manufacturing' || r.sector === 'construction'),
      count((r) => r.sector === 'other'),
    ]);
  });

  test('from-labels on a file without value labels is refused in one line', async () => {
    const text = readFileSync(EXAMPLE, 'utf8')
      .replace('path: ../data/wages.csv', `path: ${join(process.cwd(), 'data/wages.csv')}`)
      .replace('    levels: from-data\n    min_count: 40', '    levels: from-labels');
    writeFileSync(at('labels.yaml'), text);
    const r = await runCli(['analyze', at('labels.yaml'), '--out', at('labels-out'), '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(
      "groups[1].levels: levels: from-labels needs value labels, and wages.csv has none for column 'occupation'",
    );
    expect(existsSync(at('labels-out'))).toBe(false);
  });
});

describe('the published comparison is opt-in', () => {
  test('the built-in study (compare: liangshan-2020) shows the paper panels, columns and notes', () => {
    const html = readFileSync(at('paper', 'report.html'), 'utf8');
    expect(html.match(/<div class="paper">/g)).toHaveLength(3);
    expect(html).toContain('Published (Ouyang)');
    const t1 = readFileSync(at('paper', 'tables', 'table1.md'), 'utf8');
    expect(t1).toContain('Paper mean');
    expect(t1).toContain('Paper: the means and SDs published in Tables 1 and 3 (n = 676).');
    const results = JSON.parse(readFileSync(at('paper', 'results.json'), 'utf8'));
    expect(results.table2[0].rows[0].paper).toEqual(
      expect.objectContaining({ group: 'Overall', mean: 0.16 }),
    );
  });

  test('the same study without compare shows none of them', () => {
    const html = readFileSync(at('nocompare', 'report.html'), 'utf8');
    expect(html).not.toContain('class="paper"');
    expect(html).not.toContain('Published');
    expect(html).not.toContain('published means');
    for (const n of [1, 3]) {
      const t = readFileSync(at('nocompare', 'tables', `table${n}.md`), 'utf8');
      expect(t).not.toContain('Paper');
      expect(t).toContain('| Mean | SD |');
    }
    const results = JSON.parse(readFileSync(at('nocompare', 'results.json'), 'utf8'));
    const rows = results.table2.flatMap((b: { rows: { paper: unknown }[] }) => b.rows);
    expect(rows).toHaveLength(8);
    for (const r of rows) expect(r.paper).toBeNull();
  });
});
