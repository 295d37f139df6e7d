import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LIANGSHAN_STUDY } from '../../src/paper/liangshan-study.js';
import { simulateSurvey } from '../../src/simulate/survey.js';
import { writeSurvey } from '../../src/simulate/write-survey.js';
import { assertAllClose } from '../helpers/assert-close.js';
import { runCli } from '../helpers/run-cli.js';

let dir: string;
const at = (...p: string[]) => join(dir, ...p);
const survey = simulateSurvey({ households: 300, seed: 7 });
const results = (out: string) => JSON.parse(readFileSync(at(out, 'results.json'), 'utf8'));
const coefficients = (r: {
  table4: { models: { result: { coefficients: { estimate: number }[] } }[] };
}) => r.table4.models.flatMap((m) => m.result.coefficients.map((c) => c.estimate));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'povrisk-analyze-'));
  await writeSurvey(survey, at('survey.csv'));
  await writeSurvey(survey, at('survey.parquet'));
  writeFileSync(at('study.yaml'), LIANGSHAN_STUDY);
  writeFileSync(at('study.json'), JSON.stringify(parse(LIANGSHAN_STUDY)));
  // The same survey as an Excel workbook: data on a second sheet, the id column renamed,
  // family sizes stored as text.
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('notes').addRow(['simulated survey']);
  const ws = wb.addWorksheet('households');
  const cols = survey.columns;
  ws.addRow(cols.map((c) => (c.name === 'household_id' ? 'HH id' : c.name)));
  for (let i = 0; i < survey.rows; i++) {
    ws.addRow(
      cols.map((c) =>
        c.levels
          ? c.levels[c.values[i]]
          : c.name === 'family_size'
            ? String(c.values[i])
            : c.values[i],
      ),
    );
  }
  await wb.xlsx.writeFile(at('survey.xlsx'));
  writeFileSync(
    at('excel.study.yaml'),
    LIANGSHAN_STUDY.replace(
      'data:\n  path: survey.csv',
      'data:\n  sheet: households\n  columns: { household_id: HH id }\n  path: survey.xlsx',
    ),
  );
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('povrisk analyze', () => {
  test('runs a study on CSV, Parquet and Excel data with the same numbers', async () => {
    // The three runs go in parallel (separate processes, separate outputs).
    const [csv, pq, xl] = await Promise.all([
      runCli(['analyze', at('study.yaml'), '--out', at('csv'), '--quiet']),
      runCli([
        'analyze',
        at('study.json'),
        '--data',
        at('survey.parquet'),
        '--out',
        at('pq'),
        '--quiet',
      ]),
      runCli(['analyze', at('excel.study.yaml'), '--out', at('xl'), '--quiet']),
    ]);
    expect(csv.stderr).not.toContain('povrisk:');
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(`povrisk: report written to ${at('csv', 'report.html')}\n`);
    expect(pq.code).toBe(0);
    expect(xl.stderr).not.toContain('povrisk:');
    expect(xl.code).toBe(0);
    const ref = results('csv');
    expect(ref.study.rows).toBe(300);
    for (const other of ['pq', 'xl']) {
      const r = results(other);
      assertAllClose(coefficients(r), coefficients(ref), { rtol: 1e-12, name: other });
      expect(r.vep.overall).toEqual(ref.vep.overall);
    }
    expect(readFileSync(at('xl', 'households.csv'), 'utf8').split('\n')[0]).toMatch(
      /^household_id,/,
    );
  }, 60_000);

  test.each([
    [
      'a typo in a key',
      (s: string) => s.replace('\nregression:', '\nregresion:'),
      "line 73, regresion: unknown key (did you mean 'regression'?)",
    ],
    [
      'a missing column',
      (s: string) => s.replace('family_size, debt', 'family_size, debts'),
      "line 52, vep.x[2]: no column 'debts' in survey.csv (did you mean 'debt'?)",
    ],
    [
      'a formula over a missing item',
      (s: string) => s.replace('+ own_business +', '+ own_busines +'),
      "derive[0].formula: formula 'industry_fund_loan + own_busines + microloan + employment_training + 0.5 * has_employed_member' uses 'own_busines'",
    ],
  ])('refuses %s before any work, naming the file, line and path', async (_, change, message) => {
    writeFileSync(at('bad.yaml'), change(LIANGSHAN_STUDY));
    const r = await runCli(['analyze', at('bad.yaml'), '--out', at('bad-out')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`povrisk: ${at('bad.yaml')} `);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain('estimating'); // no progress: nothing ran
    expect(existsSync(at('bad-out'))).toBe(false);
  });

  test('a missing data file is named', async () => {
    const r = await runCli([
      'analyze',
      at('study.yaml'),
      '--data',
      at('nope.csv'),
      '--out',
      at('x'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`povrisk: ${at('nope.csv')}: file not found\n`);
  });

  test('replaces an earlier run atomically, and never a directory that is not ours', async () => {
    mkdirSync(at('mine'));
    writeFileSync(at('mine', 'thesis.tex'), 'keep me');
    const refused = await runCli(['analyze', at('study.yaml'), '--out', at('mine'), '--quiet']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not a povrisk output directory');
    expect(readFileSync(at('mine', 'thesis.tex'), 'utf8')).toBe('keep me');

    const first = await runCli(['analyze', at('study.yaml'), '--out', at('again'), '--quiet']);
    expect(first.code).toBe(0);
    writeFileSync(at('again', 'stale.txt'), 'from an earlier run');
    const second = await runCli(['analyze', at('study.yaml'), '--out', at('again'), '--quiet']);
    expect(second.code).toBe(0);
    expect(existsSync(at('again', 'stale.txt'))).toBe(false);
    expect(existsSync(at('again', 'report.html'))).toBe(true);
  }, 60_000);
});
