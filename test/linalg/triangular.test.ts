import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backsolve, chol2inv, forwardsolve, invertUpper } from '../../src/linalg/triangular.js';
import { assertAllClose } from '../helpers/assert-close.js';

/** R's backsolve, forwardsolve and chol2inv from test/fixtures/r/ols-linalg.R. */
const ref = (
  JSON.parse(readFileSync(new URL('../fixtures/ref/ols-linalg.json', import.meta.url), 'utf8')) as {
    triangular: {
      k: number;
      r: number[];
      b: number[];
      backsolve: number[];
      forwardsolve: number[];
      inverse: number[];
      chol2inv: number[];
    };
  }
).triangular;

const transpose = (a: Float64Array, k: number): Float64Array => {
  const t = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) t[j + i * k] = a[i + j * k];
  return t;
};

describe('triangular solves vs R', () => {
  const R = Float64Array.from(ref.r);
  const b = Float64Array.from(ref.b);

  it('backsolve(R, b) as R', () => {
    assertAllClose(backsolve(R, ref.k, b), ref.backsolve, { rtol: 1e-13, name: 'backsolve' });
  });

  it("forwardsolve(R', b) as R", () => {
    assertAllClose(forwardsolve(transpose(R, ref.k), ref.k, b), ref.forwardsolve, {
      rtol: 1e-13,
      name: 'forwardsolve',
    });
  });

  it("invertUpper(R) = backsolve(R, I) and chol2inv(R) = (R'R)⁻¹ as R", () => {
    assertAllClose(invertUpper(R, ref.k), ref.inverse, { rtol: 1e-13, atol: 1e-15, name: 'R⁻¹' });
    assertAllClose(chol2inv(R, ref.k), ref.chol2inv, { rtol: 1e-12, name: 'chol2inv' });
  });

  it('reads only the leading k entries of b and leaves b untouched', () => {
    const long = new Float64Array([...ref.b, 99, 99]);
    const x = backsolve(R, ref.k, long);
    expect(x.length).toBe(ref.k);
    expect(Array.from(long.subarray(ref.k))).toEqual([99, 99]);
    assertAllClose(x, ref.backsolve, { rtol: 1e-13, name: 'backsolve' });
  });

  it('a zero on the diagonal gives non-finite entries, never a throw', () => {
    const singular = new Float64Array([1, 0, 2, 0]); // [[1, 2], [0, 0]]
    const x = backsolve(singular, 2, new Float64Array([1, 1]));
    expect(Number.isFinite(x[1])).toBe(false);
    const y = forwardsolve(new Float64Array([0, 1, 0, 1]), 2, new Float64Array([1, 1]));
    expect(Number.isFinite(y[0])).toBe(false);
  });

  it('1×1 and identity systems', () => {
    expect(Array.from(backsolve(new Float64Array([4]), 1, new Float64Array([2])))).toEqual([0.5]);
    const I = new Float64Array([1, 0, 0, 1]);
    expect(Array.from(chol2inv(I, 2))).toEqual([1, 0, 0, 1]);
  });
});
