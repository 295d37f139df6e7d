import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, runCli } from '../helpers/run-cli.js';
import { assertClose } from '../helpers/assert-close.js';

const engel = 'test/fixtures/data/qreg-engel.csv';
const ref = JSON.parse(readFileSync('test/fixtures/ref/qreg-engel.json', 'utf8')) as {
  fits: { tau: number; objective: number; coefficients: number[]; nid: { std_error: number[] } }[];
};

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('run `npm run build` first');
});

describe('povrisk qreg', () => {
  it('--json: one fit per tau with the objective and tidy coefficients, as R', async () => {
    const { code, stdout, stderr } = await runCli([
      'qreg',
      engel,
      '--y',
      'foodexp',
      '--x',
      'income',
      '--tau',
      '0.25,0.5,0.9',
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as {
      se: string;
      fits: {
        tau: number;
        objective: number;
        n: number;
        coefficients: Record<string, number | string>[];
      }[];
    };
    expect(out.se).toBe('nid');
    expect(out.fits.map((f) => f.tau)).toEqual([0.25, 0.5, 0.9]);
    for (const fit of out.fits) {
      const e = ref.fits.find((f) => f.tau === fit.tau)!;
      expect(fit.n).toBe(235);
      assertClose(fit.objective, e.objective, { rtol: 1e-12, name: 'objective' });
      expect(Object.keys(fit.coefficients[0])).toEqual([
        'term',
        'estimate',
        'std_error',
        'statistic',
        'p_value',
        'conf_low',
        'conf_high',
      ]);
      expect(fit.coefficients[0].term).toBe('(Intercept)');
      expect(fit.coefficients).toHaveLength(e.coefficients.length);
      e.coefficients.forEach((estimate, j) => {
        const c = fit.coefficients[j];
        assertClose(c.estimate as number, estimate, { rtol: 1e-9, name: 'estimate' });
        assertClose(c.std_error as number, e.nid.std_error[j], { rtol: 1e-8, name: 'se' });
      });
    }
  });

  it('prints a table with one column per tau and SEs in parentheses', async () => {
    const { code, stdout } = await runCli([
      'qreg',
      engel,
      '--y',
      'foodexp',
      '--x',
      'income',
      '--tau',
      '0.1,0.9',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/tau = 0\.1\s+tau = 0\.9/);
    expect(stdout).toMatch(/income\s+0\.4018\s+0\.6863/);
    expect(stdout).toMatch(/\(0\.0402\)\s+\(0\.0285\)/);
    expect(stdout).not.toMatch(/qreg: \d+\//); // no progress bar when stderr is not a TTY
  });

  it.each([
    [['--tau', '1.2'], /^povrisk: invalid --tau: '1\.2' \(must lie in \(0, 1\)\)\n$/],
    [['--tau', '0'], /^povrisk: invalid --tau: '0' \(must lie in \(0, 1\)\)\n$/],
    [
      ['--se', 'robust'],
      /^povrisk: invalid --se: 'robust' \(one of nid, iid, ker, boot, cluster\)\n$/,
    ],
    [['--bandwidth', 'silverman'], /^povrisk: invalid --bandwidth: 'silverman'/],
  ])('bad option %j: one line, exit 1', async (extra, message) => {
    const { code, stderr, stdout } = await runCli([
      'qreg',
      engel,
      '--y',
      'foodexp',
      '--x',
      'income',
      ...extra,
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('more regressors than rows, and a constant y: one line, exit 1', async () => {
    const small = 'test/fixtures/data/qreg-small.csv';
    const few = await runCli(['qreg', small, '--y', 'y', '--x', 'x,y']);
    expect(few.code).toBe(1);
    expect(few.stderr).toBe(
      'povrisk: too few observations: 3 complete row(s) for 3 coefficient(s)\n',
    );
    const dir = mkdtempSync(join(tmpdir(), 'qreg-'));
    const path = join(dir, 'flat.csv');
    writeFileSync(path, 'y,x\n2,1\n2,2\n2,3\n2,4\n');
    const flat = await runCli(['qreg', path, '--y', 'y', '--x', 'x']);
    expect(flat.code).toBe(1);
    expect(flat.stderr).toBe(
      'povrisk: --y y: the dependent variable is constant; quantile regression needs variation\n',
    );
  });

  it('--weights and --cluster reproduce the R references; --se boot is reproducible by --seed', async () => {
    const sim = 'test/fixtures/data/qreg-sim.csv';
    const base = ['qreg', sim, '--y', 'y', '--x', 'x1,x2,rare', '--tau', '0.25,0.9', '--json'];
    type Out = {
      weighted: boolean;
      clusters: number | null;
      fits: { tau: number; coefficients: { std_error: number }[] }[];
    };
    const wref = JSON.parse(readFileSync('test/fixtures/ref/qreg-sim-weighted.json', 'utf8')) as {
      fits: { tau: number; nid: { std_error: number[] } }[];
    };
    const w = await runCli([...base, '--weights', 'w']);
    expect(w.code).toBe(0);
    const wo = JSON.parse(w.stdout) as Out;
    expect(wo.weighted).toBe(true);
    expect(wo.fits.map((f) => f.tau)).toEqual([0.25, 0.9]);
    for (const tau of [0.25, 0.9]) {
      const e = wref.fits.find((f) => f.tau === tau)!;
      const fit = wo.fits.find((f) => f.tau === tau)!;
      expect(fit.coefficients).toHaveLength(e.nid.std_error.length);
      e.nid.std_error.forEach((se, j) =>
        assertClose(fit.coefficients[j].std_error, se, { rtol: 1e-8, name: 'weighted se' }),
      );
    }
    const cref = JSON.parse(readFileSync('test/fixtures/ref/qreg-sim-cluster.json', 'utf8')) as {
      fits: { tau: number; cluster: { std_error: number[] } }[];
    };
    const c = await runCli([...base, '--cluster', 'g']);
    expect(c.code).toBe(0);
    const co = JSON.parse(c.stdout) as Out;
    expect(co.clusters).toBe(40);
    expect(co.fits.map((f) => f.tau)).toEqual([0.25, 0.9]);
    for (const tau of [0.25, 0.9]) {
      const e = cref.fits.find((f) => f.tau === tau)!;
      const fit = co.fits.find((f) => f.tau === tau)!;
      expect(fit.coefficients).toHaveLength(e.cluster.std_error.length);
      e.cluster.std_error.forEach((se, j) =>
        assertClose(fit.coefficients[j].std_error, se, { rtol: 1e-8, name: 'cluster se' }),
      );
    }
    const boot = [
      'qreg',
      engel,
      '--y',
      'foodexp',
      '--x',
      'income',
      '--tau',
      '0.5',
      '--se',
      'boot',
      '--reps',
      '30',
    ];
    const b1 = await runCli([...boot, '--seed', '5', '--json']);
    const b2 = await runCli([...boot, '--seed', '5', '--json']);
    const b3 = await runCli([...boot, '--seed', '6', '--json']);
    expect(b1.code).toBe(0);
    expect(b1.stdout).toBe(b2.stdout);
    expect(b3.stdout).not.toBe(b1.stdout);
    expect((JSON.parse(b1.stdout) as { reps: number }).reps).toBe(30);
  });
});
