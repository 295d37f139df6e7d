import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/errors.js';
import { auc } from '../../src/vep/auc.js';
import { brier } from '../../src/vep/brier.js';
import { calibration } from '../../src/vep/calibration.js';
import { panelIndex } from '../../src/vep/panel-index.js';
import { ruleOutcome } from '../../src/vep/rule-outcome.js';
import { topFlags } from '../../src/vep/top-flags.js';

describe('auc (Mann–Whitney, ties count one half)', () => {
  it('counts pairs by hand', () => {
    // Events 0.35, 0.8; non-events 0.1, 0.4: pairs won 1 + 2 = 3 of 4.
    expect(auc(Float64Array.of(0.1, 0.4, 0.35, 0.8), Uint8Array.of(0, 0, 1, 1))).toBe(0.75);
  });
  it('a tie between an event and a non-event counts one half', () => {
    expect(auc(Float64Array.of(0.5, 0.5), Uint8Array.of(1, 0))).toBe(0.5);
    // Events 0.5, 0.9; non-events 0.5, 0.1: (0.5 + 1) + (1 + 1) = 3.5 of 4.
    expect(auc(Float64Array.of(0.5, 0.9, 0.5, 0.1), Uint8Array.of(1, 1, 0, 0))).toBe(0.875);
  });
  it('is NaN when one group is empty', () => {
    expect(auc(Float64Array.of(0.2, 0.3), Uint8Array.of(0, 0))).toBeNaN();
    expect(auc(new Float64Array(0), new Uint8Array(0))).toBeNaN();
  });
});

describe('brier, calibration, rule outcomes', () => {
  it('brier is the mean squared error', () => {
    expect(brier(Float64Array.of(0.9, 0.2), Uint8Array.of(1, 0))).toBeCloseTo(0.025, 15);
    expect(brier(new Float64Array(0), new Uint8Array(0))).toBeNaN();
  });
  it('calibration: ten bins, v = 1 in bin 9, 0.1 in bin 1, empty bins null', () => {
    const bins = calibration(Float64Array.of(0, 0.1, 0.95, 1), Uint8Array.of(0, 0, 1, 0));
    expect(bins.map((b) => b.n)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(bins[9]).toEqual({ bin: 9, n: 2, meanPredicted: 0.975, observed: 0.5 });
    expect(bins[5]).toEqual({ bin: 5, n: 0, meanPredicted: null, observed: null });
  });
  it('precision is null when nothing is flagged; recall null when nobody is poor', () => {
    expect(ruleOutcome('vep', Uint8Array.of(0, 0), Uint8Array.of(1, 0))).toEqual({
      rule: 'vep',
      flagged: 0,
      caught: 0,
      precision: null,
      recall: 0,
    });
    expect(ruleOutcome('top', Uint8Array.of(1, 0), Uint8Array.of(0, 0)).recall).toBeNull();
  });
});

describe('topFlags', () => {
  it('takes ceil(capacity · n) households, ties broken by id ascending', () => {
    // ceil(0.5 · 3) = 2: v 0.9 twice; both taken.
    expect([
      ...topFlags(Float64Array.of(0.2, 0.9, 0.9), ['a', 'c', 'b'], { capacity: 0.5 }),
    ]).toEqual([0, 1, 1]);
    // ceil(0.25 · 4) = 1 of three tied at 0.9: the smallest id, numerically (9 < 10).
    expect([
      ...topFlags(Float64Array.of(0.9, 0.9, 0.1, 0.9), ['10', '9', '1', '11'], { capacity: 0.25 }),
    ]).toEqual([0, 1, 0, 0]);
    // Text ids by code units.
    expect([...topFlags(Float64Array.of(0.9, 0.9), ['b', 'a'], { capacity: 0.5 })]).toEqual([0, 1]);
  });
  it('ceil(0.1 · 2000) is exactly 200', () => {
    const flags = topFlags(new Float64Array(2000).fill(0.3), Array.from({ length: 2000 }, String), {
      capacity: 0.1,
    });
    expect(flags.reduce((s, f) => s + f, 0)).toBe(200);
  });
});

describe('panelIndex', () => {
  const names = { path: 'p.csv', id: 'household_id', wave: 'wave' };
  it('orders numeric waves numerically and finds each row', () => {
    const p = panelIndex(['a', 'a', 'b', 'b'], ['10', '9', '9', '10'], names);
    expect(p.waves).toEqual(['9', '10']);
    expect([...p.rowOf]).toEqual([1, 0, 2, 3]);
  });
  it('a household twice in a wave is an error naming both rows', () => {
    try {
      panelIndex(['a', 'b', 'a'], ['1', '1', '1'], names);
      expect.unreachable();
    } catch (e) {
      expect(isUserError(e)).toBe(true);
      expect((e as Error).message).toBe(
        "p.csv: household_id 'a' appears twice in wave '1' (rows 1 and 3)",
      );
    }
  });
  it('an empty id or wave is an error naming the column and row', () => {
    expect(() => panelIndex(['a', null], ['1', '1'], names)).toThrow(
      "p.csv: column 'household_id', row 2: empty",
    );
    expect(() => panelIndex(['a', 'b'], ['1', ' '], names)).toThrow("p.csv: column 'wave', row 2");
  });
});
