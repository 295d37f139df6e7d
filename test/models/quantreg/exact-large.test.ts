import { describe, expect, it } from 'vitest';
import { fromColumns } from '../../../src/linalg/matrix.js';
import { brSimplex } from '../../../src/models/quantreg/br-simplex.js';
import { checkLoss } from '../../../src/models/quantreg/check-loss.js';
import { exactLargeFit } from '../../../src/models/quantreg/exact-large.js';
import { exactVertex } from '../../../src/models/quantreg/exact-vertex.js';
import { frischNewton } from '../../../src/models/quantreg/frisch-newton.js';
import { seededUniform } from '../../../src/models/quantreg/seeded-random.js';
import { assertAllClose, assertClose } from '../../helpers/assert-close.js';

/** Heteroskedastic design: y = 1 + x1 − 0.5 x2 + 0.2 d + (1 + x1) e, with a rare dummy d. */
function simulate(n: number, seed: number, options: { ties?: boolean } = {}) {
  const u = seededUniform(seed);
  const x1 = new Float64Array(n);
  const x2 = new Float64Array(n);
  const d = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x1[i] = 3 * u();
    x2[i] = options.ties
      ? Math.floor(5 * u())
      : Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    d[i] = u() < 0.03 ? 1 : 0;
    const e = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    y[i] = 1 + x1[i] - 0.5 * x2[i] + 0.2 * d[i] + (1 + x1[i]) * e;
    if (options.ties) y[i] = Math.round(y[i] * 2) / 2;
  }
  return { X: fromColumns([x1, x2, d], { intercept: 'first' }), y };
}

describe('large-n exact solver (interior point + globs + exact vertex)', () => {
  for (const tau of [0.02, 0.3, 0.5, 0.9, 0.98]) {
    it(`reaches the simplex optimum on simulated heteroskedastic data, tau ${tau}`, () => {
      const { X, y } = simulate(3000, 7);
      const br = brSimplex(X, y, tau);
      const fit = exactLargeFit(X, y, tau);
      expect(fit.status).toBe('ok');
      assertClose(checkLoss(X, y, fit.coefficients, tau), checkLoss(X, y, br.coefficients, tau), {
        rtol: 1e-12,
        name: 'objective',
      });
      assertAllClose(fit.coefficients, br.coefficients, { rtol: 1e-9, atol: 1e-9, name: 'coef' });
    });
  }

  it('reaches the optimum objective with ties (non-unique solutions)', () => {
    const { X, y } = simulate(2000, 11, { ties: true });
    for (const tau of [0.25, 0.5, 0.75]) {
      const br = brSimplex(X, y, tau);
      const fit = exactLargeFit(X, y, tau);
      assertClose(checkLoss(X, y, fit.coefficients, tau), checkLoss(X, y, br.coefficients, tau), {
        rtol: 1e-12,
        name: `objective tau=${tau}`,
      });
    }
  });

  it('exactVertex repairs a poor starting point by simplex pivots', () => {
    const { X, y } = simulate(500, 3);
    const v = exactVertex(X, y, 0.5, new Float64Array([0, 0, 0, 0]));
    expect(v.pivots).toBeGreaterThan(0);
    assertClose(
      checkLoss(X, y, v.coefficients, 0.5),
      checkLoss(X, y, brSimplex(X, y, 0.5).coefficients, 0.5),
      {
        rtol: 1e-12,
        name: 'objective',
      },
    );
  });

  it('the interior point alone is within 1e-8 of the optimum', () => {
    const { X, y } = simulate(1000, 5);
    const ip = frischNewton(X, y, 0.7);
    expect(ip.status).toBe('ok');
    const exact = checkLoss(X, y, brSimplex(X, y, 0.7).coefficients, 0.7);
    assertClose(checkLoss(X, y, ip.coefficients, 0.7), exact, { rtol: 1e-8, name: 'objective' });
  });
});
