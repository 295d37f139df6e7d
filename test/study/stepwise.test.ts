import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readColumns } from '../../src/data/read.js';
import { nestedModels, stepwise } from '../../src/models/stepwise.js';
import { assertAllClose, assertClose } from '../helpers/assert-close.js';

/** Reference: test/fixtures/r/stepwise.R (Stata's stepwise rules written out with lm + HC1). */
interface RefRun {
  selected: string[];
  steps: { action: 'add' | 'remove'; term: string; p_value: number }[];
  coefficients: number[];
  std_errors: number[];
  terms: string[];
  n: number;
}
const ref = JSON.parse(
  readFileSync(new URL('../fixtures/ref/stepwise.json', import.meta.url), 'utf8'),
) as Record<string, RefRun>;
const candidates = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8'];
const data = await readColumns('test/fixtures/data/stepwise.csv', {
  numeric: ['y', ...candidates],
});

const runs = {
  backward: { pr: 0.1 },
  forward: { pe: 0.05 },
  backward_stepwise: { pr: 0.1, pe: 0.05 },
  forward_stepwise: { pr: 0.1, pe: 0.05, forward: true },
  strict_backward: { pr: 0.01 },
} as const;

describe('stepwise selection (Stata semantics) vs R', () => {
  for (const [name, levels] of Object.entries(runs)) {
    test(name, () => {
      const r = stepwise(data, { y: 'y', x: candidates, vce: 'hc1', ...levels });
      const e = ref[name];
      expect(r.selected).toEqual(e.selected);
      expect(r.steps.map((s) => `${s.action} ${s.term}`)).toEqual(
        e.steps.map((s) => `${s.action} ${s.term}`),
      );
      r.steps.forEach((s, k) =>
        assertClose(s.pValue, e.steps[k].p_value, {
          rtol: 1e-8,
          atol: 1e-14,
          name: `p[${s.term}]`,
        }),
      );
      expect(r.result.n).toBe(e.n);
      expect(r.result.coefficients.map((c) => c.term)).toEqual(e.terms);
      assertAllClose(
        r.result.coefficients.map((c) => c.estimate),
        e.coefficients,
        { rtol: 1e-10, names: e.terms, name: 'coef' },
      );
      assertAllClose(
        r.result.coefficients.map((c) => c.stdError),
        e.std_errors,
        { rtol: 1e-9, names: e.terms, name: 'se' },
      );
    });
  }

  test('the method is named as Stata names it', () => {
    const method = (o: object) => stepwise(data, { y: 'y', x: candidates, ...o }).method;
    expect(method({ pr: 0.1 })).toBe('backward selection');
    expect(method({ pe: 0.05 })).toBe('forward selection');
    expect(method({ pr: 0.1, pe: 0.05 })).toBe('backward stepwise');
    expect(method({ pr: 0.1, pe: 0.05, forward: true })).toBe('forward stepwise');
  });

  test('removal is at p >= pr: a level above every p-value keeps the full model', () => {
    const r = stepwise(data, { y: 'y', x: candidates, pr: 0.999 });
    expect(r.selected).toEqual(candidates);
    expect(r.steps).toEqual([]);
  });

  test('forward selection with an impossible entry level keeps the constant alone', () => {
    const r = stepwise(data, { y: 'y', x: candidates, pe: 1e-300 });
    expect(r.selected).toEqual([]);
    expect(r.result.coefficients.map((c) => c.term)).toEqual(['(Intercept)']);
  });

  test('nested models: each on its own complete rows, in order, with labels', () => {
    const models = nestedModels(data, {
      y: 'y',
      models: [
        { label: 'A', x: ['x1'] },
        { label: 'B', x: ['x1', 'x5'] },
      ],
    });
    expect(models.map((m) => m.label)).toEqual(['A', 'B']);
    expect(models[0].result.n).toBe(300);
    expect(models[1].result.n).toBe(294); // x5 has 6 missing values
    expect(models[0].result.vce).toBe('hc1');
  });
});
