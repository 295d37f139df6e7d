import { describe, expect, it } from 'vitest';
import { formatCount } from '../../src/report/number-format.js';

describe('formatCount', () => {
  it('groups the digits of whole numbers in threes, as en-US does', () => {
    for (const n of [0, 7, 999, 1000, -1000, 12345, 1234567, -9876543210, 2 ** 53 - 1, 1.5, 1e21]) {
      expect(formatCount(n), String(n)).toBe(n.toLocaleString('en-US'));
    }
  });
});
