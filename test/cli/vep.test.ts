import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readColumns } from '../../src/data/read.js';
import type { VepSummaryJson } from '../../src/report/result-json.js';
import { assertAllClose, assertClose } from '../helpers/assert-close.js';
import { CLI, runCli } from '../helpers/run-cli.js';
import { asArray, loadReference, orNaN } from '../vep/reference.js';

const eu = loadReference('vep-eusilc');
const edge = loadReference('vep-edge');
let dir = '';

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'povrisk-vep-'));
});

/** Reads an output file back through our own reader (CSV or Parquet). */
async function readOut(path: string) {
  return readColumns(path, {
    numeric: ['vulnerability', 'mean_log_income', 'sd_log_income'],
    text: ['id', 'poor_now', 'band', 'vulnerable', 'group', 'cause', 'status'],
  });
}

describe('povrisk vep on eusilc households, against R', () => {
  for (const [key, ext] of [
    ['linear', 'csv'],
    ['exponential-weighted', 'parquet'],
  ] as const) {
    it(`${key}: every household's v to 1e-9 in the ${ext} output, in input order`, async () => {
      const ref = eu.fits[key];
      const out = join(dir, `eusilc-${key}.${ext}`);
      const args = [
        'vep',
        eu.data,
        '--income',
        'income',
        '--x',
        eu.x.join(','),
        '--line',
        String(eu.line),
      ];
      args.push(
        '--variance',
        ref.variance,
        '--id',
        'id',
        '--by',
        'region,female',
        '--out',
        out,
        '--json',
      );
      if (ref.weighted) args.push('--weights', 'weight');
      const { code, stdout, stderr } = await runCli(args);
      expect(code, stderr).toBe(0);
      const s = JSON.parse(stdout) as VepSummaryJson;
      expect(s.n_rows).toBe(6000);
      expect(s.n_used).toBe(ref.n_used);
      expect(s.excluded).toEqual({ 'non-positive income': 2 });
      assertClose(s.mean_vulnerability, ref.mean_vulnerability, { rtol: 1e-9, name: 'mean v' });
      const table = await readOut(out);
      expect(table.rows).toBe(6000);
      const input = await readColumns(eu.data, { text: ['id'] });
      expect(table.text.get('id')).toEqual(input.text.get('id'));
      assertAllClose(table.numeric.get('vulnerability')!, orNaN(ref.vulnerability), {
        atol: 1e-9,
        rtol: 0,
        name: 'v',
      });
      const status = table.text.get('status')!;
      for (const row of asArray(ref.excluded.row))
        expect(status[row - 1]).toBe('non-positive income');
    });
  }

  it('linear: reports the households whose variance was floored, and gives them σ = √floor', async () => {
    const ref = eu.fits.linear;
    const out = join(dir, 'eusilc-floor.csv');
    const { code, stdout, stderr } = await runCli([
      'vep',
      eu.data,
      '--income',
      'income',
      '--x',
      eu.x.join(','),
      '--line',
      String(eu.line),
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    expect(ref.floored).toBeGreaterThan(0);
    expect(stderr).toContain(
      `${ref.floored} household(s) had a fitted variance below the floor 0.0001`,
    );
    expect(stdout).toContain(`${ref.floored} household(s) floored`);
    const sd = (await readOut(out)).numeric.get('sd_log_income')!;
    expect(sd.filter((x) => x === Math.sqrt(1e-4)).length).toBe(ref.floored);
  });
});

describe('povrisk vep edge cases', () => {
  const base = [
    'vep',
    edge.data,
    '--income',
    'income',
    '--x',
    edge.x.join(','),
    '--line',
    '2500',
    '--id',
    'id',
  ];

  it('keeps every household: missing regressor (no v), zero income (scored, poor now, not used)', async () => {
    const out = join(dir, 'edge.csv');
    const { code, stderr } = await runCli([...base, '--weights', 'w', '--out', out]);
    expect(code).toBe(0);
    expect(stderr).toContain('6 of 300 household(s) not used in estimation');
    const t = await readOut(out);
    expect(t.rows).toBe(300);
    const id = t.text.get('id')!;
    expect(id[0]).toBe('H0001');
    expect(id[299]).toBe('H0300');
    const at = (col: string, row: number) => t.text.get(col)![row - 1];
    const v = t.numeric.get('vulnerability')!;
    const ref = orNaN(edge.fits['linear-w'].vulnerability);
    assertAllClose(v, ref, { atol: 1e-9, rtol: 0, name: 'v' });
    // Row 12: x1 missing → not scored, everything but id, poor_now and status empty.
    expect(at('status', 12)).toBe('missing x1');
    expect(Number.isNaN(v[11])).toBe(true);
    expect([at('band', 12), at('group', 12), at('vulnerable', 12)]).toEqual([null, null, null]);
    // Row 5: income zero → poor now, scored from its regressors, not used in estimation.
    expect(at('status', 5)).toBe('non-positive income');
    expect(at('poor_now', 5)).toBe('true');
    expect(Number.isFinite(v[4])).toBe(true);
    expect(['chronic poor', 'transient poor']).toContain(at('group', 5));
    // Row 9: income missing → scored, poor_now and group unknown.
    expect(at('status', 9)).toBe('missing income');
    expect(at('poor_now', 9)).toBe(null);
    expect(at('group', 9)).toBe(null);
    expect(at('status', 30)).toBe('missing w');
    expect(at('status', 40)).toBe('missing x2');
    // Vulnerable households carry a cause; others none.
    for (let r = 1; r <= 300; r++) {
      const vul = at('vulnerable', r);
      if (vul === 'true') expect(['low mean', 'high variance']).toContain(at('cause', r));
      else expect(at('cause', r)).toBe(null);
    }
  });

  it('weights that are all equal give the unweighted estimates', async () => {
    const run = async (extra: string[]) => {
      const { code, stdout } = await runCli([...base, '--json', ...extra]);
      expect(code).toBe(0);
      return JSON.parse(stdout) as VepSummaryJson;
    };
    const plain = await run([]);
    const equal = await run(['--weights', 'w_equal']);
    expect(equal.weighted).toBe(true);
    const est = (s: VepSummaryJson) => s.mean_equation.coefficients.map((c) => c.estimate);
    assertAllClose(est(equal), est(plain), { rtol: 1e-10, name: 'beta' });
    for (const key of [
      'headcount_ratio',
      'vulnerability_rate',
      'mean_vulnerability',
      'sd_vulnerability',
    ] as const) {
      assertClose(equal[key], plain[key], { rtol: 1e-10, name: key });
    }
  });

  it('a single-group --by gives one row equal to Overall; --threshold relative uses the headcount', async () => {
    const { code, stdout } = await runCli([
      ...base,
      '--by',
      'all',
      '--threshold',
      'relative',
      '--json',
    ]);
    expect(code).toBe(0);
    const s = JSON.parse(stdout) as VepSummaryJson;
    expect(s.by).toHaveLength(1);
    expect(s.by[0].rows).toHaveLength(1);
    const row = s.by[0].rows[0];
    expect(row.group).toBe('all');
    for (const key of ['n', 'mean', 'sd', 'below', 'between', 'above'] as const) {
      assertClose(row[key], s.overall[key], { rtol: 1e-12, name: key });
    }
    expect(s.threshold_rule).toBe('relative');
    expect(s.threshold).toBe(s.headcount_ratio);
  });

  it('the text report shows both equations and Table 2', async () => {
    const { code, stdout } = await runCli([...base, '--by', 'county']);
    expect(code).toBe(0);
    for (const text of [
      'Mean equation',
      'Variance equation',
      'Table 2',
      'Overall',
      'county = Muli',
      '(Intercept)',
    ]) {
      expect(stdout).toContain(text);
    }
  });
});

describe('povrisk vep bad input: one line, exit 1, no output file', () => {
  const cases: [string, string[], RegExp][] = [
    ['zero line', ['--line', '0'], /invalid --line: '0'/],
    ['negative line', ['--line', '-2500'], /invalid --line/],
    ['zero PPP factor', ['--line-usd-day', '1.9', '--ppp', '0'], /invalid --ppp: '0'/],
    ['no PPP factor', ['--line-usd-day', '1.9'], /missing required option --ppp/],
    ['both lines', ['--line', '2500', '--line-usd-day', '1.9', '--ppp', '3.696'], /alternatives/],
    ['unknown income column', ['--line', '2500', '--income', 'nope'], /no column named 'nope'/],
    [
      'all incomes non-positive',
      ['--line', '100', '--income', 'loss', '--x', 'a'],
      /'loss' has no positive income/,
    ],
    ['bad bands', ['--line', '2500', '--bands', '0.6,0.3'], /invalid --bands/],
    ['unknown output type', ['--line', '2500', '--out', 'OUT.xlsx'], /unknown output type/],
  ];
  for (const [name, extra, message] of cases) {
    it(name, async () => {
      const sub = mkdtempSync(join(dir, 'bad-'));
      const few = extra.includes('loss');
      const args = [
        'vep',
        few ? 'test/fixtures/data/vep-few.csv' : edge.data,
        '--out',
        join(sub, 'out.csv'),
      ];
      // --income and --x default to the edge data's; a case may override them.
      if (!extra.includes('--income')) args.push('--income', 'income');
      if (!extra.includes('--x')) args.push('--x', 'x1,x2,x3');
      const rest = extra.map((a) => (a === 'OUT.xlsx' ? join(sub, a) : a));
      const { code, stderr } = await runCli([...args, ...rest]);
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(message);
      expect(readdirSync(sub)).toEqual([]);
    });
  }

  it('fewer households than regressors', async () => {
    const sub = mkdtempSync(join(dir, 'few-'));
    const { code, stderr } = await runCli([
      'vep',
      'test/fixtures/data/vep-few.csv',
      '--income',
      'income',
      '--x',
      'a,b,c',
      '--line',
      '100',
      '--out',
      join(sub, 'out.parquet'),
    ]);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'povrisk: too few households: 3 of 4 usable (positive income, every regressor, weight) for 4 coefficient(s)',
    );
    expect(readdirSync(sub)).toEqual([]);
  });
});
