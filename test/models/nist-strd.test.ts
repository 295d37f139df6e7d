import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ols } from '../../src/models/ols.js';
import { vcovOls } from '../../src/models/vcov.js';

/**
 * NIST StRD linear least squares: all eleven problems, every coefficient and standard
 * error to at least 7 correct significant digits (log relative error, LRE ≥ 7), no term
 * omitted. Certified values and data: test/fixtures/nist/strd-lls.json (source inside).
 * Polynomial terms are the exact decimal powers of the data rounded once to double, as a
 * user's CSV written at 17 digits would hold them.
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
const file = JSON.parse(
  readFileSync(new URL('../fixtures/nist/strd-lls.json', import.meta.url), 'utf8'),
) as { source: string; problems: Problem[] };

/** The LRE of NIST's certification: −log10 of the relative error (absolute when c = 0), capped at 15. */
function lre(actual: number, certified: number): number {
  const err =
    certified === 0 ? Math.abs(actual) : Math.abs(actual - certified) / Math.abs(certified);
  if (Number.isNaN(err)) return NaN;
  return Math.min(15, err === 0 ? 15 : -Math.log10(err));
}

/** x^k for a decimal x (shortest round-trip form), exactly in BigInt, rounded once to double. */
function decimalPower(x: number, k: number): number {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x));
  if (!m) throw new Error(`not a decimal: ${x}`);
  const frac = m[3] ?? '';
  const exp = Number(m[4] ?? 0) - frac.length;
  const digits = BigInt(m[2] + frac) ** BigInt(k);
  const sign = m[1] === '-' && k % 2 === 1 ? '-' : '';
  return Number(`${sign}${digits}e${exp * k}`);
}

function design(p: Problem): { X: Float64Array; cols: number; terms: string[] } {
  const n = p.y.length;
  const xs =
    p.degree !== undefined && p.degree > 1
      ? Array.from({ length: p.degree }, (_, j) => p.x[0].map((v) => decimalPower(v, j + 1)))
      : p.x;
  const cols = xs.length + (p.intercept ? 1 : 0);
  const X = new Float64Array(n * cols);
  let c = 0;
  if (p.intercept) {
    X.fill(1, 0, n);
    c++;
  }
  for (const col of xs) X.set(col, n * c++);
  const terms = [...(p.intercept ? ['(Intercept)'] : []), ...xs.map((_, j) => `x${j + 1}`)];
  return { X, cols, terms };
}

describe(`NIST StRD linear regression (${file.source.slice(0, 60)}…)`, () => {
  expect(file.problems.map((p) => p.name)).toEqual([
    'Norris',
    'Pontius',
    'NoInt1',
    'NoInt2',
    'Filip',
    'Longley',
    'Wampler1',
    'Wampler2',
    'Wampler3',
    'Wampler4',
    'Wampler5',
  ]);
  for (const p of file.problems) {
    it(`${p.name}: LRE ≥ 7 in every coefficient and standard error`, () => {
      const n = p.y.length;
      const { X, cols, terms } = design(p);
      const fit = ols({ rows: n, cols, data: X }, Float64Array.from(p.y), {
        terms,
        constant: p.intercept,
      });
      expect(fit.omitted).toEqual([]);
      expect(fit.coefficients.length).toBe(p.estimate.length);
      const V = vcovOls(fit, { type: 'classical' });
      const k = fit.rank;
      const rows = p.estimate.map((c, j) => {
        const se = Math.sqrt(V.matrix[j + j * k]);
        return { term: terms[j], b: lre(fit.coefficients[j], c), se: lre(se, p.std_error[j]) };
      });
      const lines = rows.map(
        (r) => `  ${r.term.padEnd(12)} coef LRE ${r.b.toFixed(1)}  se LRE ${r.se.toFixed(1)}`,
      );
      const extra: string[] = [];
      if (p.residual_sd !== undefined)
        extra.push(`sigma LRE ${lre(fit.sigma, p.residual_sd).toFixed(1)}`);
      if (p.r_squared !== undefined)
        extra.push(`R² LRE ${lre(fit.rSquared, p.r_squared).toFixed(1)}`);
      console.log(`${p.name} (${fit.precision}) ${extra.join(', ')}\n${lines.join('\n')}`);
      for (const r of rows) {
        expect(r.b, `${p.name} ${r.term} coefficient LRE`).toBeGreaterThanOrEqual(7);
        expect(r.se, `${p.name} ${r.term} standard error LRE`).toBeGreaterThanOrEqual(7);
      }
      if (p.residual_sd !== undefined)
        expect(lre(fit.sigma, p.residual_sd)).toBeGreaterThanOrEqual(7);
      if (p.r_squared !== undefined)
        expect(lre(fit.rSquared, p.r_squared)).toBeGreaterThanOrEqual(7);
    });
  }
});
