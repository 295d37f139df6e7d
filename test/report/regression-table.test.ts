import { describe, expect, test } from 'vitest';
import { DEFAULT_STARS, regressionTable, starsFor } from '../../src/report/regression-table.js';
import { formatEstimate } from '../../src/report/table-model.js';
import { TABLE4_COLUMNS, TABLE5_COLUMNS } from './table-inputs.js';

describe('starsFor', () => {
  test('10/5/1% levels, strictly below', () => {
    expect([0.5, 0.1, 0.0999, 0.05, 0.0499, 0.01, 0.0099, 0].map((p) => starsFor(p))).toEqual([
      '',
      '',
      '*',
      '*',
      '**',
      '**',
      '***',
      '***',
    ]);
    expect(starsFor(NaN)).toBe('');
    expect(starsFor(0.03, [[0.05, '†']])).toBe('†');
    expect(DEFAULT_STARS.map((s) => s[1])).toEqual(['*', '**', '***']);
  });
});

describe('formatEstimate', () => {
  test('fixed decimals; three significant digits below 0.001, never scientific; no negative zero', () => {
    expect(formatEstimate(0.32849, 3)).toBe('0.328');
    expect(formatEstimate(-0.000007, 3)).toBe('-0.00000700');
    expect(formatEstimate(0.0000031, 3)).toBe('0.00000310');
    expect(formatEstimate(-0.0000109876, 3)).toBe('-0.0000110');
    expect(formatEstimate(0.00098765, 3)).toBe('0.000988');
    expect(formatEstimate(0.0012345, 3)).toBe('0.001');
    expect(formatEstimate(0, 3)).toBe('0.000');
    expect(formatEstimate(-0.0004, 4)).toBe('-0.000400');
    expect(formatEstimate(0.004, 2)).toBe('0.00400');
    expect(formatEstimate(NaN, 3)).toBe('');
    expect(formatEstimate(-Infinity, 3)).toBe('-Inf');
    expect(formatEstimate(-1e-20, 2)).toBe('-0.0000000000000000000100');
    expect(formatEstimate(-0.0004, 2)).toBe('-0.000400');
    expect(formatEstimate(-0.00001, 3)).not.toMatch(/e/);
  });
});

describe('regressionTable', () => {
  const t = regressionTable(TABLE4_COLUMNS, {
    title: 'Table 4. Multiple regression analysis results',
  });

  test('columns, labels from the dictionary, intercept last, SE rows under estimates', () => {
    expect(t.header).toEqual(['', '(1)', '(2)', 'Full']);
    const labels = t.rows.filter((r) => r.kind === 'estimate').map((r) => r.cells[0].text);
    expect(labels[0]).toBe('Transportation infrastructure construction');
    expect(labels.at(-1)).toBe('Constant');
    const road = t.rows.findIndex((r) => r.key === 'road_hardened');
    expect(t.rows[road].cells.map((c) => c.text + c.stars)).toEqual([
      'Transportation infrastructure construction',
      '0.328***',
      '0.289***',
      '0.329***',
    ]);
    expect(t.rows[road + 1].kind).toBe('std_error');
    expect(t.rows[road + 1].cells.map((c) => c.text)).toEqual([
      '',
      '(0.060)',
      '(0.056)',
      '(0.059)',
    ]);
    const education = t.rows.findIndex((r) => r.key === 'head_education');
    expect(t.rows[education].cells.slice(2).map((c) => c.text)).toEqual(['', '']);
  });

  test('N and R² rows; an all-missing statistic is left out', () => {
    const stats = t.rows.filter((r) => r.kind === 'statistic');
    expect(stats.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['N', '676', '676', '676'],
      ['R²', '0.091', '0.040', ''],
    ]);
    expect(stats[0].ruleBefore).toBe(true);
    const q = regressionTable(TABLE5_COLUMNS);
    expect(q.rows.filter((r) => r.kind === 'statistic').map((r) => r.key)).toEqual(['n']);
    expect(q.header).toEqual(['', 'QR 30', 'QR 50', 'QR 90']);
  });

  test('terms, labels and digits options; notes', () => {
    const u = regressionTable(TABLE4_COLUMNS, {
      terms: ['motivation'],
      labels: { motivation: 'Drive' },
      digits: 2,
    });
    expect(
      u.rows.filter((r) => r.kind === 'estimate').map((r) => r.cells.map((c) => c.text + c.stars)),
    ).toEqual([['Drive', '0.04***', '', '0.04***']]);
    expect(u.notes).toEqual([
      'Standard errors in parentheses.',
      '* p < 0.10, ** p < 0.05, *** p < 0.01.',
    ]);
    const robust = regressionTable(TABLE4_COLUMNS, {
      seLabel: 'Robust standard errors',
      notes: ['Source: simulated.'],
    });
    expect(robust.notes[0]).toBe('Robust standard errors in parentheses.');
    expect(robust.notes.at(-1)).toBe('Source: simulated.');
  });
});
