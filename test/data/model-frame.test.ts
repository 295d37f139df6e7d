import { describe, expect, it } from 'vitest';
import { modelFrame } from '../../src/data/model-frame.js';
import type { ColumnData } from '../../src/data/read.js';
import { isUserError } from '../../src/errors.js';

const data = (
  numeric: Record<string, number[]>,
  text: Record<string, (string | null)[]> = {},
): ColumnData => ({
  path: 'mem.csv',
  rows: Object.values(numeric)[0].length,
  numeric: new Map(Object.entries(numeric).map(([k, v]) => [k, Float64Array.from(v)])),
  text: new Map(Object.entries(text)),
});

describe('modelFrame', () => {
  it('adds the intercept first and keeps complete rows (listwise deletion)', () => {
    const d = data({
      y: [1, 2, NaN, 4, 5],
      a: [1, NaN, 3, 4, 5],
      b: [0, 1, 0, 1, 0],
      unused: [NaN, NaN, NaN, NaN, NaN],
    });
    const f = modelFrame(d, { y: 'y', x: ['a', 'b'] });
    expect(f.terms).toEqual(['(Intercept)', 'a', 'b']);
    expect([f.X.rows, f.X.cols, f.rowsRead, f.rowsDropped]).toEqual([3, 3, 5, 2]);
    expect(Array.from(f.rowIndex)).toEqual([0, 3, 4]);
    expect(Array.from(f.y)).toEqual([1, 4, 5]);
    expect(Array.from(f.X.data)).toEqual([1, 1, 1, 1, 4, 5, 0, 1, 0]);
    expect(f.weights).toBeNull();
    expect(f.cluster).toBeNull();
    expect(f.dropped).toEqual({ y: 1, a: 1 });
    expect(modelFrame(d, { y: 'y', x: ['b'] }).dropped).toEqual({ y: 1 });
    expect(modelFrame(d, { y: 'b', x: ['b'] }).dropped).toEqual({});
  });

  it('drops rows with a missing or zero weight, as lm; a negative weight names its row', () => {
    const d = data({ y: [1, 2, 3, 4], a: [1, 2, 3, 5], w: [1, 0, NaN, 2] });
    const f = modelFrame(d, { y: 'y', x: ['a'], weights: 'w' });
    expect(Array.from(f.weights!)).toEqual([1, 2]);
    expect(f.rowsDropped).toBe(2);
    expect(f.dropped).toEqual({ w: 1, 'zero weight': 1 });
    const bad = data({ y: [1, 2, 3], a: [1, 2, 3], w: [1, -0.5, 1] });
    try {
      modelFrame(bad, { y: 'y', x: ['a'], weights: 'w' });
      throw new Error('expected a UserError');
    } catch (e) {
      expect(isUserError(e)).toBe(true);
      expect((e as Error).message).toBe("mem.csv: column 'w', row 2: weight -0.5 is negative");
    }
  });

  it('codes clusters 0..G-1 in order of appearance, dropping rows with a missing cluster', () => {
    const d = data({ y: [1, 2, 3, 4, 5], a: [1, 2, 3, 4, 6] }, { g: ['b', 'a', null, 'b', 'c'] });
    const f = modelFrame(d, { y: 'y', x: ['a'], cluster: 'g' });
    expect(Array.from(f.cluster!)).toEqual([0, 1, 0, 2]);
    expect(f.clusters).toBe(3);
    expect(f.rowsDropped).toBe(1);
  });

  it('an unknown column is a UserError listing the columns', () => {
    expect(() => modelFrame(data({ y: [1], a: [2] }), { y: 'y', x: ['zz'] })).toThrow(
      "mem.csv: no column named 'zz' (columns: y, a)",
    );
  });
});
