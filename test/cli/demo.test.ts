import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PUBLISHED_TABLE2 } from '../../src/paper/published.js';
import { docxParagraphs } from '../helpers/docx-text.js';
import { runCli, type CliRun } from '../helpers/run-cli.js';

/** Numbers with decimals rounded to 4 significant digits, so snapshots survive float noise. */
export const roundNumbers = (text: string): string =>
  text.replace(/-?\d+\.\d+(?:e[-+]?\d+)?/gi, (m) => String(Number(Number(m).toPrecision(4))));
/** Timestamps masked. */
export const maskTimes = (text: string): string =>
  text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, '<timestamp>');

let dir: string;
let run: CliRun;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'povrisk-demo-'));
  run = await runCli(['demo', '--out', join(dir, 'out')]);
}, 120_000);
afterAll(() => {
  // Keep the last report for people to look at (test/artifacts is gitignored).
  try {
    mkdirSync('test/artifacts', { recursive: true });
    copyFileSync(out('report.html'), 'test/artifacts/demo-report.html');
  } catch {
    // no report to keep
  }
  rmSync(dir, { recursive: true, force: true });
});

const out = (...p: string[]) => join(dir, 'out', ...p);

describe('povrisk demo (npm start)', () => {
  test('writes the report and says where; progress on stderr', () => {
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`povrisk: report written to ${out('report.html')}\n`);
    expect(run.stderr).toContain('povrisk: simulating 676 households (seed 2020');
    expect(run.stderr).toContain('povrisk: estimating vulnerability (676 households)');
    expect(run.stderr).toContain('povrisk: Table 5: quantile regressions');
    expect(readdirSync(out()).sort()).toEqual(
      [
        'households.csv',
        'report.html',
        'results.json',
        'study.yaml',
        'survey.csv',
        'tables',
      ].sort(),
    );
    const tables = readdirSync(out('tables')).sort();
    expect(tables).toHaveLength(20);
    for (const n of [1, 2, 3, 4, 5])
      for (const ext of ['md', 'csv', 'tex', 'docx']) expect(tables).toContain(`table${n}.${ext}`);
    // No temporary directories are left beside the output.
    expect(readdirSync(dir)).toEqual(['out']);
  });

  test("calibration (the simulator was tuned to it, so this is no validation): the built-in data's bands are within 0.05 of Table 2's overall row", () => {
    const results = JSON.parse(readFileSync(out('results.json'), 'utf8'));
    const ours = results.vep.overall;
    const paper = PUBLISHED_TABLE2[0];
    expect(ours.n).toBe(676);
    expect(Math.abs(ours.below - paper.below)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(ours.between - paper.middle)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(ours.above - paper.above)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(ours.mean - paper.mean)).toBeLessThanOrEqual(0.05);
    // Table 2 in results.json carries the paper's row beside ours.
    expect(results.table2[0].rows[0].paper.group).toBe('Overall');
  });

  test('results.json holds every table, machine-readable', () => {
    const r = JSON.parse(readFileSync(out('results.json'), 'utf8'));
    expect(Object.keys(r)).toEqual([
      'generated_at',
      'study',
      'derived',
      'poverty_line',
      'vep',
      'vulnerability_histogram',
      'table1',
      'table2',
      'table3',
      'table4',
      'table5',
      'validation',
    ]);
    expect(r.validation).toBeNull(); // a cross-section: no waves to check the warning on
    expect(r.table4.models).toHaveLength(7);
    expect(r.table4.stepwise.method).toBe('backward stepwise');
    expect(r.table5.quantreg.fits.map((f: { tau: number }) => f.tau)).toEqual([0.3, 0.5, 0.7, 0.9]);
    expect(r.vulnerability_histogram.counts.reduce((a: number, b: number) => a + b, 0)).toBe(676);
  });

  test("the report says which model (7) coefficients miss the paper's by more than 2 SEs, and why", () => {
    const html = readFileSync(out('report.html'), 'utf8');
    const note = html.match(/<p class="note published-misses">Table 4[^<]*/)?.[0] ?? '';
    // docs/validation.md, by hand: road (−0.197 + 0.329) / 0.059 = 2.2; allowance (0.0278 − 0.012) / 0.007 = 2.3
    expect(note).toMatch(/\(7\) Transportation infrastructure construction \+2\.2 SE/);
    expect(note).toMatch(/\(7\) Subsistence allowance policy \+2\.3 SE/);
    expect(note).toContain(
      'Why: the simulated survey plants each effect through family net income',
    );
  });

  test('households.csv: one row per household with the VEP output', () => {
    const lines = readFileSync(out('households.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'household_id,vulnerability,mean_log_income,sd_log_income,poor_now,band,vulnerable,group,cause,status',
    );
    expect(lines).toHaveLength(677);
  });

  test('every .docx opens: valid XML parts, one table, the numbers of the Markdown table', async () => {
    for (const n of [1, 2, 3, 4, 5]) {
      const paragraphs = await docxParagraphs(readFileSync(out('tables', `table${n}.docx`)));
      expect(paragraphs[0]).toMatch(new RegExp(`^Table ${n}\\. `));
      const md = readFileSync(out('tables', `table${n}.md`), 'utf8');
      const cells = paragraphs.filter((p) => /^-?\(?\d/.test(p)).slice(0, 12);
      for (const c of cells) expect(md).toContain(c.replace(/\*/g, '\\*'));
    }
  });
});

describe('snapshots of every output format (numbers rounded, timestamps masked)', () => {
  const snap = (name: string) => `__snapshots__/demo/${name}`;
  for (const n of [1, 2, 3, 4, 5]) {
    for (const ext of ['md', 'csv', 'tex']) {
      test(`table${n}.${ext}`, async () => {
        await expect(
          roundNumbers(readFileSync(out('tables', `table${n}.${ext}`), 'utf8')),
        ).toMatchFileSnapshot(snap(`table${n}.${ext}`));
      });
    }
    test(`table${n}.docx (its paragraphs)`, async () => {
      const paragraphs = await docxParagraphs(readFileSync(out('tables', `table${n}.docx`)));
      await expect(roundNumbers(paragraphs.join('\n'))).toMatchFileSnapshot(
        snap(`table${n}.docx.txt`),
      );
    });
  }
  test('results.json', async () => {
    await expect(
      roundNumbers(maskTimes(readFileSync(out('results.json'), 'utf8'))),
    ).toMatchFileSnapshot(snap('results.json'));
  });
  test('households.csv (first 25 rows)', async () => {
    const head = readFileSync(out('households.csv'), 'utf8').split('\n').slice(0, 26).join('\n');
    await expect(roundNumbers(head)).toMatchFileSnapshot(snap('households.csv'));
  });
  test('report.html', async () => {
    const html = roundNumbers(maskTimes(readFileSync(out('report.html'), 'utf8')));
    await expect(html).toMatchFileSnapshot(snap('report.html'));
  });
});
