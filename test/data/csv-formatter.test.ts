import { describe, expect, it } from 'vitest';
import { csvFormatter } from '../../src/data/csv-formatter.js';

/**
 * The reference: V8's own shortest round-trip digits (`toExponential()` without an argument
 * gives as many digits as it takes to tell the double apart), laid out as DuckDB's CSV writer
 * lays them out (fixed notation for decimal exponents −4 … 15, ".0" after whole numbers).
 */
function duckdbLayout(x: number): string {
  if (Number.isNaN(x)) return '';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa, exponent] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const e = Number(exponent);
  if (e < -4 || e >= 16) {
    const rest = digits.length > 1 ? `.${digits.slice(1)}` : '';
    return `${sign}${digits[0]}${rest}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  const point = e + 1;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point < digits.length) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
}

describe('csvFormatter().formatDouble', () => {
  const formatter = csvFormatter();

  it('writes the documented forms', () => {
    const cases: [number, string][] = [
      [0.1, '0.1'],
      [100, '100.0'],
      [1e-5, '1e-05'],
      [1e-4, '0.0001'],
      [1e15, '1000000000000000.0'],
      [1e16, '1e+16'],
      [12345678901234568, '1.2345678901234568e+16'],
      [5e-324, '5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [-0, '-0.0'],
      [Infinity, 'inf'],
      [-Infinity, '-inf'],
      [NaN, ''],
    ];
    expect(cases.length).toBe(13);
    for (const [x, text] of cases)
      expect({ x, text: formatter.formatDouble(x) }).toEqual({ x, text });
  });

  it('gives V8 shortest digits at every power of two, its neighbours and 200,000 random doubles', () => {
    const values: number[] = [];
    for (let e = -1074; e <= 1023; e++) {
      const p = 2 ** e;
      values.push(p, -p, p * 1.5, p * (1 + 2 ** -52), p * (2 - 2 ** -52));
    }
    const x = new Float64Array(1);
    const bits = new Uint32Array(x.buffer);
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    for (let i = 0; i < 200_000; i++) {
      bits[0] = next();
      bits[1] = next();
      values.push(x[0], next() / 2 ** 32, Math.round(next() / 1000) / 1000);
    }
    expect(values.length).toBe(5 * 2098 + 600_000);
    const wrong: string[] = [];
    for (const v of values) {
      const actual = formatter.formatDouble(v);
      const expected = duckdbLayout(v);
      if (actual !== expected) wrong.push(`${v}: ${actual} vs ${expected}`);
      if (v === v && Number(actual.replace('inf', 'Infinity')) !== v && !Object.is(v, -0))
        wrong.push(`${v}: ${actual} does not read back`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});
