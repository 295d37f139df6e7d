import { describe, expect, it } from 'vitest';
import type { PublishedRegressionTable } from '../../src/paper/published-regressions.js';
import { publishedComparison } from '../../src/report/published-comparison.js';

const TABLE: PublishedRegressionTable = {
  title: 'a published table',
  columns: ['(1)', '(2)'],
  rows: [
    { term: 'road', cells: [['0.329', '***', '0.059'], null] },
    {
      term: 'allowance',
      cells: [
        ['0.012', '*', '0.007'],
        ['0.020', '', '0.010'],
      ],
    },
    { term: 'gdp', cells: [['-7E-06', '**', '0.000'], null] },
    {
      term: '(Intercept)',
      cells: [
        ['0.683', '***', '0.085'],
        ['0.5', '', '0.1'],
      ],
    },
  ],
  n: [676, 676],
  note: '',
};
const column = (label: string, values: Record<string, number>) => ({
  label,
  coefficients: Object.entries(values).map(([term, estimate]) => ({ term, estimate })),
});

describe('publishedComparison: coefficients more than 2 published SEs off', () => {
  it('flags by hand-computed z, reverses the sign-corrected terms, lists SEs printed as 0.000 apart', () => {
    const c = publishedComparison(
      [
        // (−0.197 − (−0.329)) / 0.059 = 2.2373; (0.0278 − 0.012) / 0.007 = 2.2571;
        // (0.637 − 0.683) / 0.085 = −0.5412
        column('(1)', { road: -0.197, allowance: 0.0278, gdp: -9.9e-6, '(Intercept)': 0.637 }),
        // (0.0 − 0.020) / 0.010 = −2 (not more than 2); (0.75 − 0.5) / 0.1 = 2.5
        column('(2)', { allowance: 0, '(Intercept)': 0.75 }),
        column('Stepwise', { road: 5 }),
      ],
      TABLE,
      { signCorrected: ['road'] },
    );
    expect(c.compared).toBe(5);
    expect(c.untestable).toEqual([{ column: '(1)', term: 'gdp' }]);
    expect(c.misses.map((m) => [m.column, m.term, m.published, m.se])).toEqual([
      ['(1)', 'road', -0.329, 0.059],
      ['(1)', 'allowance', 0.012, 0.007],
      ['(2)', '(Intercept)', 0.5, 0.1],
    ]);
    const z = [2.2372881355932206, 2.257142857142857, 2.5];
    expect(c.misses.length).toBe(z.length);
    c.misses.forEach((m, i) => expect(m.z).toBeCloseTo(z[i], 12));
  });

  it('compares nothing when no column label matches', () => {
    const c = publishedComparison([column('QR 50', { road: 1 })], TABLE);
    expect([c.compared, c.misses.length, c.untestable.length]).toEqual([0, 0, 0]);
  });
});
