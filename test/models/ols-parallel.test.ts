import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { randomStream } from '../../src/simulate/random.js';
import { fromColumns, type Matrix } from '../../src/linalg/matrix.js';
import { assertAllClose } from '../helpers/assert-close.js';

// The worker entry is compiled JavaScript: exercise the built modules (npm test builds first).
const dist = (path: string): URL => new URL(`../../dist/${path}`, import.meta.url);
type OlsModule = typeof import('../../src/models/ols.js');
type VcovModule = typeof import('../../src/models/vcov.js');
type TsqrModule = typeof import('../../src/linalg/tsqr.js');

async function load(): Promise<{ ols: OlsModule; vcov: VcovModule; tsqr: TsqrModule }> {
  for (const path of ['models/ols.js', 'models/vcov.js', 'linalg/row-worker.js']) {
    expect(existsSync(dist(path)), `dist/${path} (run npm run build)`).toBe(true);
  }
  return {
    ols: (await import(dist('models/ols.js').href)) as OlsModule,
    vcov: (await import(dist('models/vcov.js').href)) as VcovModule,
    tsqr: (await import(dist('linalg/tsqr.js').href)) as TsqrModule,
  };
}

const N = 300_000;

/**
 * An ill-conditioned design: regressors on scales from 1e-3 to 1e6 (κ(X) ≈ 1e10), two of them
 * correlated at 0.98 (x₂ = x₁ + 0.2·u), heteroskedastic errors. Two backward-stable QRs differ
 * by about κ_s²·ε relative (κ_s, the condition number of the column-scaled design, here ≈ 10):
 * 1e-12 is the rounding both paths share, not a loosened tolerance.
 */
function illConditioned(): { X: Matrix; y: Float64Array; w: Float64Array } {
  const rng = randomStream(20261125, 'ols-parallel');
  const x1 = new Float64Array(N);
  const x2 = new Float64Array(N);
  const x3 = new Float64Array(N);
  const x4 = new Float64Array(N);
  const y = new Float64Array(N);
  const w = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    x1[i] = rng.normal();
    x2[i] = x1[i] + 0.2 * rng.normal();
    x3[i] = 1e6 * rng.uniform();
    x4[i] = 1e-3 * rng.normal();
    w[i] = 0.5 + rng.uniform();
    y[i] =
      1 + 2 * x1[i] - x2[i] + 3e-6 * x3[i] + 400 * x4[i] + (1 + Math.abs(x1[i])) * rng.normal();
  }
  return { X: fromColumns([x1, x2, x3, x4], { intercept: 'first', storage: 'shared' }), y, w };
}

describe('ols on worker threads (tall-skinny QR over row blocks)', () => {
  it('runs its second row block on a worker', async () => {
    const { tsqr } = await load();
    const { X, y } = illConditioned();
    const { startRowWorkers } = (await import(
      dist('linalg/parallel-rows.js').href
    )) as typeof import('../../src/linalg/parallel-rows.js');
    expect(startRowWorkers({ threads: 2 })).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the worker starts up
    expect(tsqr.tsqr(X, y, { threads: 2 }).byWorkers).toBeGreaterThan(0);
  });

  it('gives the serial coefficients and HC standard errors to 1e-12 on an ill-conditioned design', async () => {
    const { ols, vcov } = await load();
    const { X, y, w } = illConditioned();
    for (const weights of [null, w]) {
      const serial = ols.ols(X, y, { weights, threads: 1 });
      const parallel = ols.ols(X, y, { weights, threads: 2 });
      const name = weights ? 'wls' : 'ols';
      expect(parallel.rank).toBe(serial.rank);
      assertAllClose(parallel.coefficients, serial.coefficients, {
        rtol: 1e-12,
        name: `${name} coef`,
      });
      assertAllClose([parallel.rss, parallel.rSquared], [serial.rss, serial.rSquared], {
        rtol: 1e-12,
        name: `${name} rss, R²`,
      });
      for (const type of ['classical', 'hc1', 'hc3'] as const) {
        const se = (fit: typeof serial): number[] => {
          const V = vcov.vcovOls(fit, { type });
          return Array.from({ length: fit.rank }, (_, j) => Math.sqrt(V.matrix[j + j * fit.rank]));
        };
        assertAllClose(se(parallel), se(serial), { rtol: 1e-12, name: `${name} se ${type}` });
      }
    }
  });

  it('finds the same rank and omits the same terms on a collinear design', async () => {
    const { ols } = await load();
    const rng = randomStream(7, 'ols-parallel-collinear');
    const x = Array.from({ length: 5 }, () => new Float64Array(N));
    const y = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      x[0][i] = rng.normal();
      x[1][i] = rng.normal();
      x[2][i] = x[0][i] - 2 * x[1][i]; // exact combination of earlier terms
      x[3][i] = rng.normal();
      x[4][i] = 5 - 3 * x[3][i]; // a combination with the intercept
      y[i] = x[0][i] + x[1][i] + x[3][i] + rng.normal();
    }
    const X = fromColumns(x, { intercept: 'first', storage: 'shared' });
    const terms = ['(Intercept)', 'a', 'b', 'a_minus_2b', 'c', 'affine_c'];
    const serial = ols.ols(X, y, { terms, threads: 1 });
    const parallel = ols.ols(X, y, { terms, threads: 2 });
    expect(serial.omitted).toEqual(['a_minus_2b', 'affine_c']);
    expect(parallel.rank).toBe(serial.rank);
    expect(parallel.omitted).toEqual(serial.omitted);
    expect(Array.from(parallel.columns)).toEqual(Array.from(serial.columns));
    assertAllClose(parallel.coefficients, serial.coefficients, { rtol: 1e-12, name: 'coef' });
  });
});
