import { describe, expect, it } from 'vitest';
import { brSimplex } from '../../../src/models/quantreg/br-simplex.js';
import { checkLoss } from '../../../src/models/quantreg/check-loss.js';
import { assertAllClose, assertClose } from '../../helpers/assert-close.js';
import { loadReference } from './fixtures.js';

describe('brSimplex (Barrodale–Roberts, as rq(method = "br"))', () => {
  it('matches rq on engel at every tau', async () => {
    const ref = await loadReference('qreg-engel');
    for (const f of ref.fits) {
      const fit = brSimplex(ref.frame.X, ref.frame.y, f.tau);
      expect(fit.status).not.toBe('failed');
      assertAllClose(fit.coefficients, f.coefficients, { rtol: 1e-9, name: `coef tau=${f.tau}` });
      assertClose(checkLoss(ref.frame.X, ref.frame.y, fit.coefficients, f.tau), f.objective, {
        rtol: 1e-12,
        name: `objective tau=${f.tau}`,
      });
    }
  });
});
