import { describe, expect, it } from 'vitest';
import { randomStream } from '../../src/simulate/random.js';
import { fitPredictor, linearPredictor } from '../../src/vep/linear-predictor.js';
import { wlsColumns } from '../../src/vep/wls.js';

// 10,000 rows in 4 regressors; every 7th row is left out of the subset in the indexed case.
const n = 10_000;
const k = 4;

function columns(): { xs: Float64Array[]; y: Float64Array; w: Float64Array } {
  const rng = randomStream(20261207, 'wls-direct');
  const xs = Array.from({ length: k }, (_, j) => {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = (rng.uniform() - 0.5) * 10 ** (j - 1);
    return x;
  });
  const y = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = 1 + xs[0][i] - 2 * xs[2][i] + rng.uniform();
    w[i] = 0.5 + rng.uniform();
  }
  return { xs, y, w };
}

describe('wlsColumns', () => {
  it('gives the same bits reading columns directly (every row) and through a row index', () => {
    const { xs, y, w } = columns();
    const kept = Array.from({ length: n }, (_, i) => i).filter((i) => i % 7 !== 3);
    const m = kept.length;
    const rows = Int32Array.from(kept);
    // The indexed subset of the full columns, and the same rows copied into their own columns
    // (the direct path: the subset is every row).
    const yIndexed = Float64Array.from(kept, (i) => y[i]);
    const wIndexed = Float64Array.from(kept, (i) => w[i]);
    const compact = xs.map((x) => Float64Array.from(kept, (i) => x[i]));
    const identity = Int32Array.from({ length: m }, (_, i) => i);
    const indexed = wlsColumns(xs, rows, yIndexed, { weights: wIndexed, threads: 1 });
    const direct = wlsColumns(compact, identity, yIndexed, { weights: wIndexed, threads: 1 });
    expect(indexed.n).toBe(m);
    expect(direct.n).toBe(m);
    expect(Array.from(direct.full)).toEqual(Array.from(indexed.full));
    expect(direct.rss).toBe(indexed.rss);
    expect(direct.rSquared).toBe(indexed.rSquared);
    expect(direct.fitted.length).toBe(m);
    expect(indexed.residuals?.length).toBe(m);
    for (let r = 0; r < m; r++) {
      expect(direct.fitted[r]).toBe(indexed.fitted[r]);
      expect(direct.residuals?.[r]).toBe(indexed.residuals?.[r]);
    }
  });

  it("keeps no residuals with keep: 'fitted', and the same fit", () => {
    const { xs, y, w } = columns();
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const both = wlsColumns(xs, rows, y, { weights: w, threads: 1 });
    const fitted = wlsColumns(xs, rows, y, { weights: w, threads: 1, keep: 'fitted' });
    expect(both.residuals?.length).toBe(n);
    expect(fitted.residuals).toBeNull();
    expect(Array.from(fitted.full)).toEqual(Array.from(both.full));
    expect(fitted.rss).toBe(both.rss);
    expect(fitted.sigma).toBe(both.sigma);
    expect(Array.from(fitted.fitted)).toEqual(Array.from(both.fitted));
  });

  it('fitPredictor reuses the fitted values of a fit on every row: the same bits as linearPredictor', () => {
    const { xs, y, w } = columns();
    const every = Int32Array.from({ length: n }, (_, i) => i);
    const fit = wlsColumns(xs, every, y, { weights: w, threads: 1, keep: 'fitted' });
    const reused = fitPredictor(xs, fit, n);
    expect(reused).toBe(fit.fitted); // no second pass
    const computed = linearPredictor(xs, fit.full, n);
    expect(computed.length).toBe(n);
    for (let i = 0; i < n; i++) expect(Object.is(reused[i], computed[i])).toBe(true);
    // A fit on a subset, or with a dropped term, is predicted anew for every row.
    const subset = Int32Array.from({ length: n - 1 }, (_, i) => i);
    const partial = wlsColumns(xs, subset, y.subarray(0, n - 1), { weights: w, threads: 1 });
    expect(fitPredictor(xs, partial, n).length).toBe(n);
    const twice = [...xs, xs[0]];
    const dropped = wlsColumns(twice, every, y, { weights: w, threads: 1 });
    expect(dropped.omitted.length).toBe(1);
    const predicted = fitPredictor(twice, dropped, n);
    expect(predicted).not.toBe(dropped.fitted);
    expect(Object.is(predicted[5], linearPredictor(twice, dropped.full, n)[5])).toBe(true);
  });
});
