import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const PSID = 'test/fixtures/data/validate-psid.csv';
const X = 'experience,weeks,education,blue,industry,south,smsa,married,female,union,afam';
const base = ['validate', PSID, '--id', 'id', '--wave', 'year', '--income', 'relative_wage'];
const ref = JSON.parse(readFileSync('test/fixtures/ref/validate-psid.json', 'utf8')) as {
  models: Record<string, { pairs: { n: number; auc?: number; brier?: number }[] }>;
};

describe('povrisk validate', () => {
  it('--json prints model, line and one entry per pair of waves with the R reference AUC', async () => {
    const args = [...base, '--x', X, '--line', String(2 / 3), '--variance', 'exponential'];
    const { code, stdout, stderr } = await runCli([...args, '--model', 'history', '--json']);
    expect(stderr).toContain('needs an earlier wave');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as {
      model: string;
      line: number;
      pairs: { from: string; to: string; n: number; auc: number | null; brier: number | null }[];
    };
    expect(out.model).toBe('history');
    expect(out.line).toBeCloseTo(2 / 3, 15);
    const expected = ref.models.history.pairs;
    expect(out.pairs.length).toBe(expected.length);
    expected.forEach((e, k) => {
      expect(out.pairs[k].n).toBe(e.n);
      if (e.n === 0) expect(out.pairs[k].auc).toBeNull();
      else expect(Math.abs(out.pairs[k].auc! - e.auc!)).toBeLessThan(1e-9);
    });
    expect(out.pairs.map((p) => `${p.from}-${p.to}`)).toEqual([
      '1976-1977',
      '1977-1978',
      '1978-1979',
      '1979-1980',
      '1980-1981',
      '1981-1982',
    ]);
  });

  it('text output has a table per pair; --out writes a self-contained HTML page with ROC and calibration SVGs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'povrisk-validate-'));
    const out = join(dir, 'v.html');
    const { code, stdout } = await runCli([...base, '--x', X, '--line', '0.6667', '--out', out]);
    expect(code).toBe(0);
    expect(stdout.match(/^Waves \d{4} → \d{4}/gm)?.length).toBe(6);
    expect(stdout).toContain('poor_now');
    const html = readFileSync(out, 'utf8');
    expect(html.match(/<svg [^>]*class="chart roc"/g)?.length).toBe(6);
    expect(html.match(/<svg [^>]*class="chart calibration"/g)?.length).toBe(6);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('bad input: one line naming the option or column, exit 1', async () => {
    const cases: [string[], RegExp][] = [
      [[...base, '--x', X, '--line', '-1'], /^povrisk: invalid --line: '-1'/],
      [[...base, '--x', 'nope', '--line', '1'], /no column named 'nope'/],
      [[...base, '--x', X, '--line', '1', '--model', 'magic'], /invalid --model: 'magic'/],
      [[...base, '--x', X, '--line', '1', '--capacity', '2'], /invalid --capacity/],
      [[...base, '--x', X, '--line', '1', '--out', 'x.pdf'], /invalid --out/],
      [
        [
          'validate',
          PSID,
          '--id',
          'year',
          '--wave',
          'year',
          '--income',
          'wage',
          '--x',
          'weeks',
          '--line',
          '1',
        ],
        /year '1976' appears twice in wave '1976'/,
      ],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await runCli(args);
      expect(code, args.join(' ')).toBe(1);
      expect(stderr.trim().split('\n').length, stderr).toBe(1);
      expect(stderr).toMatch(message);
    }
  });
});
