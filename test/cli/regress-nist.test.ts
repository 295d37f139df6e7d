import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

/**
 * `povrisk regress` end to end on NIST StRD problems written as a user's CSV: the two
 * no-intercept problems through `--no-constant` (R² about zero, as NIST and `summary.lm`
 * compute it for y ~ 0 + x), and Filip, the hardest, with every term estimated.
 * Certified values: test/fixtures/nist/strd-lls.json.
 */
interface Problem {
  name: string;
  intercept: boolean;
  degree?: number;
  y: number[];
  x: number[][];
  estimate: number[];
  std_error: number[];
  residual_sd?: number;
  r_squared?: number;
}
interface Row {
  term: string;
  estimate: number;
  std_error: number;
}
const problems = (
  JSON.parse(readFileSync(new URL('../fixtures/nist/strd-lls.json', import.meta.url), 'utf8')) as {
    problems: Problem[];
  }
).problems;
const dir = mkdtempSync(join(tmpdir(), 'povrisk-nist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lre = (a: number, c: number): number =>
  Math.min(15, -Math.log10(c === 0 ? Math.abs(a) : Math.abs(a - c) / Math.abs(c)));

/** x^k of a decimal x exactly (BigInt), written with 17 significant digits. */
function power(x: number, k: number): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(x));
  if (!m) throw new Error(`not a plain decimal: ${x}`);
  const frac = m[3] ?? '';
  const digits = BigInt(m[2] + frac) ** BigInt(k);
  const sign = m[1] === '-' && k % 2 === 1 ? '-' : '';
  return Number(`${sign}${digits}e${-frac.length * k}`).toPrecision(17);
}

function writeCsv(p: Problem): { path: string; x: string[] } {
  const degree = p.degree ?? 1;
  const x =
    degree > 1
      ? Array.from({ length: degree }, (_, j) => `x${j + 1}`)
      : p.x.map((_, j) => `x${j + 1}`);
  const lines = [['y', ...x].join(',')];
  p.y.forEach((y, i) => {
    const cells =
      degree > 1 ? x.map((_, j) => power(p.x[0][i], j + 1)) : p.x.map((col) => String(col[i]));
    lines.push([String(y), ...cells].join(','));
  });
  const path = join(dir, `${p.name}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, x };
}

describe('povrisk regress on NIST StRD problems', () => {
  for (const name of ['NoInt1', 'NoInt2', 'Filip']) {
    it(`${name}: every term, LRE ≥ 7 in coefficients, standard errors${name === 'Filip' ? '' : ', σ, R² and F'}`, async () => {
      const p = problems.find((q) => q.name === name);
      if (!p) throw new Error(`no ${name} in the fixture`);
      const { path, x } = writeCsv(p);
      const args = ['regress', path, '--y', 'y', '--x', x.join(','), '--json'];
      if (!p.intercept) args.push('--no-constant');
      const run = await runCli(args);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const out = JSON.parse(run.stdout) as {
        coefficients: Row[];
        omitted: string[];
        sigma: number;
        r_squared: number;
        f_test: { statistic: number; df1: number; df2: number };
      };
      expect(out.omitted).toEqual([]);
      const terms = [...(p.intercept ? ['(Intercept)'] : []), ...x];
      expect(out.coefficients.map((r) => r.term)).toEqual(terms);
      const report = p.estimate.map((c, j) => {
        const row = out.coefficients[j];
        return [row.term, lre(row.estimate, c), lre(row.std_error, p.std_error[j])] as const;
      });
      console.log(
        `${name} via the CLI:\n${report.map(([t, b, s]) => `  ${t}: coef LRE ${b.toFixed(1)}, se LRE ${s.toFixed(1)}`).join('\n')}`,
      );
      for (const [t, b, s] of report) {
        expect(b, `${t} coefficient LRE`).toBeGreaterThanOrEqual(7);
        expect(s, `${t} standard error LRE`).toBeGreaterThanOrEqual(7);
      }
      if (p.residual_sd !== undefined && p.r_squared !== undefined) {
        expect(lre(out.sigma, p.residual_sd), 'sigma LRE').toBeGreaterThanOrEqual(7);
        expect(lre(out.r_squared, p.r_squared), 'R² LRE').toBeGreaterThanOrEqual(7);
        // F = (R²/k) / ((1 − R²)/(n − k)) with R² about zero: NIST's ANOVA table
        const k = p.estimate.length;
        const n = p.y.length;
        const f = p.r_squared / k / ((1 - p.r_squared) / (n - k));
        expect([out.f_test.df1, out.f_test.df2]).toEqual([k, n - k]);
        expect(lre(out.f_test.statistic, f), 'F LRE').toBeGreaterThanOrEqual(7);
      }
    });
  }
});
