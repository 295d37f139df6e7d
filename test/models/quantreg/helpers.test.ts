import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bandwidthRq, shrinkToUnit } from '../../../src/models/quantreg/bandwidth.js';
import { invertDense } from '../../../src/models/quantreg/dense-inverse.js';
import { quantile7 } from '../../../src/models/quantreg/se-ker.js';
import { sampleIndices, seededUniform } from '../../../src/models/quantreg/seeded-random.js';
import { quantileSelect, selectKth } from '../../../src/models/quantreg/select-kth.js';
import { assertClose } from '../../helpers/assert-close.js';

const ref = JSON.parse(
  readFileSync(new URL('../../fixtures/ref/qreg-bandwidth.json', import.meta.url), 'utf8'),
) as {
  grid: { tau: number; n: number; hs: number; bofinger: number }[];
  sample: number[];
  q: number[];
  quantile7: number[];
};

describe('quantreg helpers', () => {
  it('bandwidthRq equals quantreg::bandwidth.rq (hs = TRUE and FALSE)', () => {
    for (const g of ref.grid) {
      assertClose(bandwidthRq(g.tau, g.n), g.hs, { rtol: 1e-13, name: `hs(${g.tau}, ${g.n})` });
      assertClose(bandwidthRq(g.tau, g.n, { method: 'bofinger' }), g.bofinger, {
        rtol: 1e-13,
        name: `bofinger(${g.tau}, ${g.n})`,
      });
    }
    expect(shrinkToUnit(0.98, 0.05)).toBe(0.0125);
    expect(shrinkToUnit(0.5, 0.1)).toBe(0.1);
  });

  it('quantile7 and quantileSelect equal R quantile() type 7', () => {
    const sorted = Float64Array.from(ref.sample).sort();
    ref.q.forEach((q, k) => {
      assertClose(quantile7(sorted, q), ref.quantile7[k], { rtol: 1e-15, name: `q7(${q})` });
      assertClose(quantileSelect(Float64Array.from(ref.sample), q), ref.quantile7[k], {
        rtol: 1e-15,
        name: `sel(${q})`,
      });
    });
  });

  it('selectKth finds every order statistic, with ties', () => {
    const u = seededUniform(3);
    const a = Float64Array.from({ length: 1001 }, () => Math.floor(u() * 50));
    const sorted = Float64Array.from(a).sort();
    for (const k of [0, 1, 250, 500, 999, 1000])
      expect(selectKth(Float64Array.from(a), k)).toBe(sorted[k]);
  });

  it('seeded streams are reproducible and samples are distinct', () => {
    const a = seededUniform(42);
    const b = seededUniform(42);
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
    const s = sampleIndices(1000, 300, seededUniform(1));
    expect(new Set(s).size).toBe(300);
    expect(Array.from(s)).toEqual(Array.from(sampleIndices(1000, 300, seededUniform(1))));
    const mean = Array.from({ length: 20000 }, seededUniform(9)).reduce((x, y) => x + y, 0) / 20000;
    assertClose(mean, 0.5, { atol: 0.01, rtol: 0, name: 'uniform mean' });
  });

  it('invertDense inverts, and reports a singular matrix as null', () => {
    const inv = invertDense(new Float64Array([4, 2, 7, 6]), 2)!;
    const expected = [0.6, -0.2, -0.7, 0.4];
    inv.forEach((v, i) => assertClose(v, expected[i], { rtol: 1e-14, name: `inv[${i}]` }));
    expect(invertDense(new Float64Array([1, 2, 2, 4]), 2)).toBeNull();
  });
});
