import { describe, expect, test } from 'vitest';
import {
  DEFAULT_DRIVER_MEASURES,
  driverMeasuresFrom,
  suggestMeasures,
} from '../../src/monitor/driver-measures.js';

const term = (name: string, contribution: number) => ({
  term: name,
  value: 0,
  mean: 0,
  coefficient: 1,
  contribution,
});

describe('suggestMeasures', () => {
  test('the three largest negative drivers, largest first; positive ones and unmapped terms suggest nothing', () => {
    const got = suggestMeasures([
      term('wage_share', -0.05),
      term('road_hardened', -0.3),
      term('disabled_count', -0.2),
      term('head_ethnicity', -0.25),
      term('net_income', 0.4),
      term('hospitalized', -0.01),
    ]);
    // road (-0.3), head_ethnicity (-0.25, unmapped), disability (-0.2); wage share is fourth.
    expect(got).toEqual([
      { measure: 'infrastructure', terms: ['road_hardened'] },
      { measure: 'health', terms: ['disabled_count'] },
      { measure: 'social_assistance', terms: ['disabled_count'] },
    ]);
  });
  test('a term shared by two drivers lists both; top and the mapping are options', () => {
    const got = suggestMeasures([term('wage_share', -0.2), term('able_to_work', -0.1)], {
      top: 2,
    });
    expect(got[0]).toEqual({ measure: 'employment', terms: ['wage_share', 'able_to_work'] });
    expect(suggestMeasures([term('debt', -1)], { mapping: { debt: ['relocation'] } })).toEqual([
      { measure: 'relocation', terms: ['debt'] },
    ]);
    expect(suggestMeasures([])).toEqual([]);
  });
  test('the built-in mapping follows the issue: wage share, disability, road', () => {
    expect(DEFAULT_DRIVER_MEASURES.wage_share).toContain('employment');
    expect(DEFAULT_DRIVER_MEASURES.disabled_count).toEqual(['health', 'social_assistance']);
    expect(DEFAULT_DRIVER_MEASURES.road_hardened).toEqual(['infrastructure']);
  });
});

describe('driverMeasuresFrom', () => {
  test('accepts term → measure types', () => {
    expect(driverMeasuresFrom({ debt: ['microfinance'] }, 'm.yaml')).toEqual({
      debt: ['microfinance'],
    });
  });
  test.each([
    [[1, 2], 'expected an object'],
    [{ debt: 'microfinance' }, 'debt: expected a list'],
    [{ debt: ['charity'] }, "debt: 'charity' is not one of"],
  ])('rejects %j naming the file and the entry', (input, detail) => {
    expect(() => driverMeasuresFrom(input, 'm.yaml')).toThrow(
      /^m\.yaml: invalid driver-to-measure mapping: /,
    );
    expect(() => driverMeasuresFrom(input, 'm.yaml')).toThrow(detail);
  });
});
