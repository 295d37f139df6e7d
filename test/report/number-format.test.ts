import { describe, expect, it } from 'vitest';
import { fixedDecimals, formatCount, formatNumber } from '../../src/report/number-format.js';

describe('formatCount', () => {
  it('groups the digits of whole numbers in threes, as en-US does', () => {
    for (const n of [0, 7, 999, 1000, -1000, 12345, 1234567, -9876543210, 2 ** 53 - 1, 1.5, 1e21]) {
      expect(formatCount(n), String(n)).toBe(n.toLocaleString('en-US'));
    }
  });
});

describe('fixedDecimals and formatNumber', () => {
  it('prints as journals do: fixed decimals, three significant digits below 0.001, no exponent', () => {
    const cases: [number, number, string][] = [
      [0.328491, 3, '0.328'],
      [-0.000011, 3, '-0.0000110'],
      [0.00012345, 4, '0.000123'],
      [-0.000999, 3, '-0.000999'],
      [1.5e-7, 3, '0.000000150'],
      [-0.0001, 3, '-0.000100'],
      [-0.0000001, 2, '-0.000000100'],
      [1234567890123, 2, '1234567890123.00'],
      [-0.0004, 3, '-0.000400'],
      [-1e-12, 3, '-0.00000000000100'],
      [0, 3, '0.000'],
      [-0, 3, '0.000'],
    ];
    for (const [x, digits, expected] of cases) {
      expect(fixedDecimals(x, { digits }), String(x)).toBe(expected);
    }
    expect(fixedDecimals(0.00012345, { digits: 4, significant: 2 })).toBe('0.00012');
    expect(formatNumber(0.000012345)).toBe('0.0000123');
    expect(formatNumber(2.5e12, { digits: 2 })).toBe('2500000000000.00');
    expect(formatNumber(NaN)).toBe('.');
    expect(formatNumber(-Infinity)).toBe('-Inf');
  });
});
