import { describe, expect, it } from 'vitest';
import { flagOf } from '../../src/cli/option-flag.js';

describe('flagOf: library option names as command-line flags', () => {
  const cases: [string, string][] = [
    ['tau', '--tau'],
    ['taus', '--tau'],
    ['se', '--se'],
    ['varianceFloor', '--variance-floor'],
    ['floor', '--variance-floor'],
    ['usdPerDay', '--line-usd-day'],
    ['line', '--line'],
  ];
  for (const [option, flag] of cases)
    it(`${option} → ${flag}`, () => expect(flagOf(option)).toBe(flag));
});
