import { describe, expect, it } from 'vitest';
import { column, dot, fromColumns, matrix, multiply, norm2 } from '../../src/linalg/matrix.js';
import { assertClose } from '../helpers/assert-close.js';

describe('norm2', () => {
  it('is exact on a 3-4-5 triangle', () => {
    expect(norm2(new Float64Array([3, 4]))).toBe(5);
  });

  it('does not overflow where the naive sum of squares would', () => {
    const big = new Float64Array([1e200, 1e200, -1e200]);
    expect(big.reduce((s, v) => s + v * v, 0)).toBe(Infinity); // the naive way
    assertClose(norm2(big), Math.sqrt(3) * 1e200, { rtol: 1e-15, name: '‖big‖' });
    assertClose(
      norm2(new Float64Array([Number.MAX_VALUE / 2, Number.MAX_VALUE / 2])),
      Number.MAX_VALUE / Math.SQRT2,
      {
        rtol: 1e-15,
        name: '‖max‖',
      },
    );
  });

  it('does not underflow to zero on tiny entries', () => {
    const tiny = new Float64Array([3e-200, 4e-200]);
    expect(tiny.reduce((s, v) => s + v * v, 0)).toBe(0); // the naive way
    assertClose(norm2(tiny), 5e-200, { rtol: 1e-15, name: '‖tiny‖' });
    assertClose(norm2(new Float64Array([5e-324, 5e-324])), 5e-324 * Math.SQRT2, {
      rtol: 0.5,
      name: 'denormal',
    });
  });

  it('respects start and end, and is 0 on zeros and empty ranges', () => {
    const x = new Float64Array([100, 3, 4, 100]);
    expect(norm2(x, 1, 3)).toBe(5);
    expect(norm2(new Float64Array(4))).toBe(0);
    expect(norm2(x, 2, 2)).toBe(0);
  });

  it('propagates NaN', () => {
    expect(norm2(new Float64Array([1, NaN]))).toBeNaN();
  });
});

describe('column-major matrices', () => {
  it('fromColumns adds an intercept and lays columns out contiguously', () => {
    const X = fromColumns([new Float64Array([1, 2, 3]), new Float64Array([4, 5, 6])], {
      intercept: 'first',
    });
    expect([X.rows, X.cols]).toEqual([3, 3]);
    expect(Array.from(X.data)).toEqual([1, 1, 1, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(column(X, 2))).toEqual([4, 5, 6]);
    expect(Array.from(multiply(X, new Float64Array([1, 0, 2])))).toEqual([9, 11, 13]);
  });

  it('rejects storage of the wrong size and ragged columns (programming errors)', () => {
    expect(() => matrix(2, 2, new Float64Array(3))).toThrow(RangeError);
    expect(() => fromColumns([new Float64Array(2), new Float64Array(3)])).toThrow(RangeError);
  });

  it('dot', () => {
    expect(dot(new Float64Array([1, 2, 3]), new Float64Array([4, 5, 6]))).toBe(32);
  });
});
