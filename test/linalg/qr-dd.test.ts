import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ddDiv, ddMul, ddSqrt, twoProd } from '../../src/linalg/double-double.js';
import { qrDD } from '../../src/linalg/qr-dd.js';
import { ols } from '../../src/models/ols.js';

describe('double-double arithmetic', () => {
  it('twoProd is exact: (1 + 2⁻³⁰)² = 1 + 2⁻²⁹ + 2⁻⁶⁰', () => {
    const out = new Float64Array(2);
    twoProd(1 + 2 ** -30, 1 + 2 ** -30, out);
    expect([out[0], out[1]]).toEqual([1 + 2 ** -29, 2 ** -60]);
  });
  it('1/3·3 and √2·√2 to 30 digits', () => {
    const s = new Float64Array(2);
    ddDiv(1, 0, 3, 0, s);
    ddMul(s[0], s[1], 3, 0, s);
    expect(Math.abs(s[0] - 1 + s[1])).toBeLessThan(1e-30);
    ddSqrt(2, 0, s);
    ddMul(s[0], s[1], s[0], s[1], s);
    expect(Math.abs(s[0] - 2 + s[1])).toBeLessThan(1e-30);
  });
});

describe('qrDD rank rule: near-collinear kept, exactly collinear dropped', () => {
  const nist = JSON.parse(
    readFileSync(new URL('../fixtures/nist/strd-lls.json', import.meta.url), 'utf8'),
  ) as { problems: { name: string; x: number[][]; y: number[] }[] };
  const filip = nist.problems.find((p) => p.name === 'Filip')!;
  const x = filip.x[0];
  const n = x.length;

  it('Filip [1, x, …, x¹⁰] plus x1 + 2·x2 and a copy of x3: 11 kept, the two added dropped', () => {
    const cols = [
      x.map(() => 1),
      ...Array.from({ length: 10 }, (_, j) => x.map((v) => v ** (j + 1))),
    ];
    cols.push(cols[1].map((v, i) => v + 2 * cols[2][i])); // exact in the data's own rounding
    cols.push(cols[3].slice());
    const data = new Float64Array(n * cols.length);
    cols.forEach((c, j) => data.set(c, j * n));
    const X = { rows: n, cols: cols.length, data };
    const d = qrDD(X, Float64Array.from(filip.y));
    expect(d.rank).toBe(11);
    expect(Array.from(d.pivot.subarray(11)).sort()).toEqual([11, 12]);
    const fit = ols(X, Float64Array.from(filip.y));
    expect(fit.precision).toBe('double-double');
    expect(fit.omitted).toEqual(['x12', 'x13']);
    // lm's own rule (double precision, tol 1e-7) drops x10 too
    const asLm = ols(X, Float64Array.from(filip.y), { precision: 'double' });
    expect(asLm.omitted).toEqual(['x11', 'x12', 'x13']);
  });

  it('a dummy trap and a zero column are dropped, in double precision (no refit needed)', () => {
    const g = Array.from({ length: n }, (_, i) => i % 3);
    const cols = [
      x.map(() => 1),
      x,
      g.map((v) => (v === 0 ? 1 : 0)),
      g.map((v) => (v === 1 ? 1 : 0)),
      g.map((v) => (v === 2 ? 1 : 0)),
      x.map(() => 0),
    ];
    const data = new Float64Array(n * cols.length);
    cols.forEach((c, j) => data.set(c, j * n));
    const fit = ols({ rows: n, cols: cols.length, data }, Float64Array.from(filip.y));
    expect(fit.omitted).toEqual(['x5', 'x6']);
    expect(fit.precision).toBe('double');
  });
});
