import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

/**
 * A study on a Stata file written by R haven (test/fixtures/dta/haven-v14.dta: income with
 * missing and .a/.z cells, a household size, and a county with Chinese value labels), grouped by
 * `levels: from-labels`. The expected rows come from haven's own reading of the file
 * (test/fixtures/ref/dta/haven-v14.dta.json), not from povrisk's reader.
 */
const DTA = resolve('test/fixtures/dta/haven-v14.dta');
const ref = JSON.parse(readFileSync('test/fixtures/ref/dta/haven-v14.dta.json', 'utf8')) as {
  rows: number;
  columns: { name: string; numbers?: (number | null)[]; value_labels?: Record<string, string> }[];
};
const column = (name: string) => ref.columns.find((c) => c.name === name)!;

const STUDY = `title: A study on a Stata file
data:
  path: ${JSON.stringify(DTA)}
vep:
  income: income
  x: [size]
  poverty_line: { line: 1500 }
explanatory: [size]
regression: { vce: hc1, models: [all] }
quantiles: { taus: [0.5], x: [size], se: iid }
groups:
  - column: county
    heading: County
    levels: from-labels
outputs: { formats: [csv] }
`;

describe('levels: from-labels on a .dta file', () => {
  test("Table 2 has one row per value label, with haven's counts of the estimation sample", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'povrisk-from-labels-'));
    writeFileSync(join(dir, 'study.yaml'), STUDY);
    const r = await runCli([
      'analyze',
      join(dir, 'study.yaml'),
      '--out',
      join(dir, 'out'),
      '--quiet',
    ]);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('povrisk:'))).toEqual([]);
    expect(r.code).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8')) as {
      table2: { heading: string | null; rows: { group: string; n: number }[] }[];
    };
    const block = results.table2.find((b) => b.heading === 'County');
    expect(block).toBeDefined();
    const labels = column('county').value_labels!;
    const income = column('income').numbers!;
    const size = column('size').numbers!;
    const county = column('county').numbers!;
    expect(income.length).toBe(ref.rows);
    const codes = Object.keys(labels).sort((a, b) => Number(a) - Number(b));
    expect(codes.length).toBe(3);
    expect(block!.rows.length).toBe(codes.length);
    codes.forEach((code, k) => {
      // the VEP estimation sample: a positive income and every regressor
      let n = 0;
      for (let i = 0; i < ref.rows; i++) {
        const y = income[i];
        if (y !== null && y > 0 && size[i] !== null && county[i] === Number(code)) n++;
      }
      expect(block!.rows[k].group).toBe(labels[code]);
      expect(block!.rows[k].n, labels[code]).toBe(n);
    });
  });
});
