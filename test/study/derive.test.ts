import { describe, expect, test } from 'vitest';
import { evaluateFormula, parseFormula } from '../../src/study/derive.js';
import { DEMO_SEED, simulateSurvey } from '../../src/simulate/survey.js';
import { surveyColumn } from '../../src/simulate/survey-columns.js';

const f64 = (...xs: number[]) => Float64Array.from(xs);
const run = (text: string, cols: Record<string, Float64Array>, rows = 3) => {
  const p = parseFormula(text);
  if (!p.ok) throw new Error(`${p.detail} at ${p.at}`);
  return Array.from(evaluateFormula(p.node, (n) => cols[n], rows));
};

describe('parseFormula / evaluateFormula', () => {
  const cols = { a: f64(1, 2, NaN), b: f64(4, 0, 1), c_d: f64(10, 20, 30) };

  test('precedence, parentheses, unary minus and the Unicode operators', () => {
    expect(run('a + 2 * b', cols)).toEqual([9, 2, NaN]);
    expect(run('(a + 2) * b', cols)).toEqual([12, 0, NaN]);
    expect(run('-a - -b', cols)).toEqual([3, -2, NaN]);
    expect(run('c_d − a × 2 ÷ 4', cols)).toEqual([9.5, 19, NaN]);
    expect(run('1e1 + .5', cols)).toEqual([10.5, 10.5, 10.5]);
  });

  test('missing values and division by zero give a missing result', () => {
    expect(run('a / b', cols)).toEqual([0.25, NaN, NaN]);
  });

  test('the columns a formula uses, each once, in order', () => {
    const p = parseFormula('b + a * b - c_d');
    expect(p.ok && p.columns).toEqual(['b', 'a', 'c_d']);
  });

  test.each([
    ['a + * b', 4, "unexpected '*'"],
    ['a + ', 4, 'the formula ends too early'],
    ['(a + b', 6, "missing ')'"],
    ['a b', 2, "unexpected 'b'"],
    ['a + $b', 4, "unexpected '$'"],
    ['process.exit()', 12, "unexpected '('"],
  ])('%s is refused at character %i', (text, at, detail) => {
    expect(parseFormula(text)).toEqual({ ok: false, at, detail });
  });

  test("the paper's motivation index reproduces the simulated survey's column", () => {
    const survey = simulateSurvey({ households: 676, seed: DEMO_SEED });
    const items = [
      'industry_fund_loan',
      'own_business',
      'microloan',
      'employment_training',
      'has_employed_member',
    ];
    const cols = Object.fromEntries(items.map((n) => [n, surveyColumn(survey, n)]));
    const v = run(
      'industry_fund_loan + own_business + microloan + employment_training + 0.5 * has_employed_member',
      cols,
      676,
    );
    expect(v).toEqual(Array.from(surveyColumn(survey, 'motivation')));
  });
});
