import { describe, expect, it } from 'vitest';
import { cholesky, choleskySolve } from '../../src/linalg/cholesky.js';
import { assertAllClose } from '../helpers/assert-close.js';

describe('cholesky', () => {
  // A = [[4, 2, 0.6], [2, 2, 0.5], [0.6, 0.5, 3]], symmetric positive definite
  const A = new Float64Array([4, 2, 0.6, 2, 2, 0.5, 0.6, 0.5, 3]);

  it("factors A = U'U with an upper-triangular U", () => {
    const { status, u } = cholesky(A, 3);
    expect(status).toBe('ok');
    expect([u[1], u[2], u[5]]).toEqual([0, 0, 0]); // below the diagonal
    const utu = new Float64Array(9);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        for (let m = 0; m < 3; m++) utu[i + j * 3] += u[m + i * 3] * u[m + j * 3];
      }
    }
    assertAllClose(utu, A, { rtol: 1e-15, atol: 1e-15, name: "U'U" });
    // R: chol(matrix(c(4, 2, 0.6, 2, 2, 0.5, 0.6, 0.5, 3), 3))
    assertAllClose(
      [u[0], u[3], u[4], u[6], u[7], u[8]],
      [2, 1, 1, 0.3, 0.2, Math.sqrt(3 - 0.09 - 0.04)],
      {
        rtol: 1e-15,
        name: 'U',
      },
    );
  });

  it('solves A x = b', () => {
    const { u } = cholesky(A, 3);
    const x = new Float64Array([1, -1, 2]);
    const b = new Float64Array(3);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) b[i] += A[i + j * 3] * x[j];
    assertAllClose(choleskySolve(u, 3, b), x, { rtol: 1e-14, atol: 1e-15, name: 'x' });
  });

  it("reports 'not positive definite' (never throws) for indefinite, singular and NaN input", () => {
    const indefinite = new Float64Array([1, 2, 2, 1]); // eigenvalues 3 and -1
    expect(cholesky(indefinite, 2).status).toBe('not positive definite');
    const singular = new Float64Array([1, 1, 1, 1]);
    expect(cholesky(singular, 2).status).toBe('not positive definite');
    const negative = new Float64Array([-1]);
    expect(cholesky(negative, 1).status).toBe('not positive definite');
    expect(cholesky(new Float64Array([NaN]), 1).status).toBe('not positive definite');
  });

  it('accepts an empty matrix', () => {
    expect(cholesky(new Float64Array(0), 0).status).toBe('ok');
  });
});
