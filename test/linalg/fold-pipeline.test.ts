import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { randomStream } from '../../src/simulate/random.js';

// The worker entry is compiled JavaScript: exercise the built modules (npm test builds first).
const dist = (path: string): URL => new URL(`../../dist/${path}`, import.meta.url);
type PipelineModule = typeof import('../../src/linalg/fold-pipeline.js');
type FoldModule = typeof import('../../src/linalg/fold-rows.js');
type WlsModule = typeof import('../../src/vep/wls.js');

async function load(): Promise<{ pipe: PipelineModule; fold: FoldModule; wls: WlsModule }> {
  for (const path of ['linalg/fold-pipeline.js', 'linalg/row-worker.js', 'vep/wls.js']) {
    expect(existsSync(dist(path)), `dist/${path} (run npm run build)`).toBe(true);
  }
  return {
    pipe: (await import(dist('linalg/fold-pipeline.js').href)) as PipelineModule,
    fold: (await import(dist('linalg/fold-rows.js').href)) as FoldModule,
    wls: (await import(dist('vep/wls.js').href)) as WlsModule,
  };
}

// 20,000 rows: 79 blocks of 256 (the last one short), so the ring of 16 slots wraps around.
const n = 20_000;
const k = 5;

function data(): { xs: Float64Array[]; y: Float64Array; w: Float64Array; rows: Int32Array } {
  const rng = randomStream(20261207, 'fold-pipeline');
  const xs = Array.from({ length: k }, (_, j) => {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = (rng.uniform() - 0.5) * 10 ** (j - 2);
    return x;
  });
  const y = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = 1 + xs.reduce((s, x, j) => s + (j + 1) * x[i], 0) + rng.normal();
    w[i] = 0.5 + 2 * rng.uniform();
  }
  // Every other row of the first tenth left out, as a sample would.
  const rows = Int32Array.from({ length: n }, (_, i) => i).filter((i) => i > n / 10 || i % 2 === 0);
  return { xs, y, w, rows };
}

const bits = (a: Float64Array): string =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

describe('startFoldPipeline: two threads give the bits of one', () => {
  it('folds blocks with a row worker into the factor foldBlock gives, bit for bit', async () => {
    const { pipe, fold } = await load();
    const { xs, y, w } = data();
    const q = k + 2;
    const B = fold.FOLD_BLOCK;
    const fill = (A: Float64Array, start: number, m: number): void => {
      for (let r = 0; r < m; r++) {
        const sw = Math.sqrt(w[start + r]);
        A[r] = sw;
        for (let j = 0; j < k; j++) A[(j + 1) * B + r] = sw * xs[j][start + r];
        A[(k + 1) * B + r] = sw * y[start + r];
      }
    };
    const serial = new Float64Array(q * q);
    const A = new Float64Array(B * q);
    const shared = pipe.startFoldPipeline(q, { threads: 2, claimMs: 60_000 });
    let blocks = 0;
    for (let start = 0; start < n; start += B) {
      const m = Math.min(B, n - start);
      fill(A, start, m);
      fold.foldBlock(serial, q, A, m);
      fill(shared.slot(), start, m);
      shared.push(m);
      blocks++;
    }
    const T = shared.finish();
    expect(blocks).toBe(79);
    expect(shared.workerBlocks()).toBe(blocks); // the worker did take its part
    expect(T.length).toBe(q * q);
    expect(serial[0]).not.toBe(0);
    expect(bits(T)).toBe(bits(serial));
  });

  it('gives wlsColumns the same coefficients, residuals and statistics with one thread or two', async () => {
    const { wls } = await load();
    const { xs, y, w, rows } = data();
    const yu = Float64Array.from(rows, (i) => y[i]);
    const wu = Float64Array.from(rows, (i) => w[i]);
    const one = wls.wlsColumns(xs, rows, yu, { weights: wu, threads: 1 });
    const two = wls.wlsColumns(xs, rows, yu, { weights: wu, threads: 2 });
    expect(one.coefficients.length).toBe(k + 1);
    const e1 = one.residuals ?? new Float64Array(0);
    const e2 = two.residuals ?? new Float64Array(0);
    expect(e1.length).toBe(rows.length);
    expect(bits(two.coefficients)).toBe(bits(one.coefficients));
    expect(bits(two.xtxInverse)).toBe(bits(one.xtxInverse));
    expect(bits(e2)).toBe(bits(e1));
    expect([two.rss, two.rSquared, two.sigma]).toEqual([one.rss, one.rSquared, one.sigma]);
  });
});
