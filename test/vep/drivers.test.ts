import { existsSync, mkdtempSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readColumns } from '../../src/data/read.js';
import { assertAllClose, assertClose } from '../helpers/assert-close.js';
import { CLI, runCli } from '../helpers/run-cli.js';
import { fixturePath, orNaN } from './reference.js';

/** test/fixtures/ref/vep-drivers.json, written by test/fixtures/r/vep-drivers.R. */
interface DriversFit {
  variance: 'linear' | 'exponential';
  weights: string | null;
  xbar: number[];
  mean_baseline: number;
  variance_baseline: number;
  mean_log_income: (number | null)[];
  variance_index: (number | null)[];
  mean_contrib: (number | null)[][];
  variance_contrib: (number | null)[][];
}
const ref = JSON.parse(
  readFileSync(new URL('../fixtures/ref/vep-drivers.json', import.meta.url), 'utf8'),
) as { data: string; x: string[]; line: number; fits: Record<string, DriversFit> };

let dir = '';
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'povrisk-drivers-'));
});

describe('povrisk vep --explain against R (vep-drivers.R)', () => {
  for (const key of Object.keys(ref.fits)) {
    it(`${key}: baselines and every household's contributions`, async () => {
      const fit = ref.fits[key];
      const out = join(dir, `${key}.csv`);
      const args = ['vep', fixturePath(ref.data), '--income', 'income', '--x', ref.x.join(',')];
      args.push('--line', String(ref.line), '--variance', fit.variance, '--id', 'id');
      if (fit.weights) args.push('--weights', fit.weights);
      const run = await runCli([...args, '--out', out, '--explain']);
      expect(run.code, run.stderr).toBe(0);
      const names = ['mean', 'variance'].flatMap((e) => [
        `${e}_baseline`,
        ...ref.x.map((t) => `${e}_contrib_${t}`),
      ]);
      const got = await readColumns(out, { numeric: ['mean_log_income', ...names] });
      const n = fit.mean_log_income.length;
      expect(got.rows).toBe(n);
      const scored = fit.mean_log_income.filter((m) => m !== null).length;
      expect(scored).toBeGreaterThan(250);
      const col = (name: string) => got.numeric.get(name)!;
      for (let i = 0; i < n; i++) {
        if (fit.mean_log_income[i] === null) {
          expect(Number.isNaN(col('mean_baseline')[i]), `row ${i + 1} baseline empty`).toBe(true);
          continue;
        }
        assertClose(col('mean_baseline')[i], fit.mean_baseline, {
          rtol: 1e-10,
          name: `mean_baseline[${i + 1}]`,
        });
        assertClose(col('variance_baseline')[i], fit.variance_baseline, {
          rtol: 1e-8,
          atol: 1e-12,
          name: `variance_baseline[${i + 1}]`,
        });
      }
      ref.x.forEach((term, j) => {
        assertAllClose(col(`mean_contrib_${term}`), orNaN(fit.mean_contrib[j]), {
          rtol: 1e-8,
          atol: 1e-11,
          name: `mean_contrib_${term}`,
        });
        assertAllClose(col(`variance_contrib_${term}`), orNaN(fit.variance_contrib[j]), {
          rtol: 1e-7,
          atol: 1e-11,
          name: `variance_contrib_${term}`,
        });
      });
    });
  }

  it('baseline + contributions = mu and the variance index, to 1e-9, for every household', async () => {
    const fit = ref.fits['linear-w'];
    const out = join(dir, 'linear-w.csv');
    const names = ['mean', 'variance'].flatMap((e) => [
      `${e}_baseline`,
      ...ref.x.map((t) => `${e}_contrib_${t}`),
    ]);
    const got = await readColumns(out, { numeric: ['mean_log_income', ...names] });
    let checked = 0;
    for (let i = 0; i < fit.mean_log_income.length; i++) {
      const mu = fit.mean_log_income[i];
      const index = fit.variance_index[i];
      if (mu === null || index === null) continue;
      const sum = (e: string) =>
        ref.x.reduce((s, t) => s + got.numeric.get(`${e}_contrib_${t}`)![i], 0) +
        got.numeric.get(`${e}_baseline`)![i];
      // Against R's mu = X b and index = X theta, not against our own columns.
      assertClose(sum('mean'), mu, { atol: 1e-9, rtol: 0, name: `mu[${i + 1}]` });
      assertClose(sum('variance'), index, { atol: 1e-9, rtol: 0, name: `index[${i + 1}]` });
      checked++;
    }
    expect(checked).toBeGreaterThan(250);
  });

  it('--explain without --out is one clear line', async () => {
    const run = await runCli([
      'vep',
      fixturePath(ref.data),
      '--income',
      'income',
      '--x',
      'x1',
      '--line',
      '2500',
      '--explain',
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/--out/);
  });
});
