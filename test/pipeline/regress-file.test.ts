import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomStream } from '../../src/simulate/random.js';

// Workers run compiled JavaScript: exercise the built modules (npm test builds first).
const dist = (path: string): URL => new URL(`../../dist/${path}`, import.meta.url);
type FileModule = typeof import('../../src/pipeline/regress-file.js');
type ReadModule = typeof import('../../src/data/read.js');
type FrameModule = typeof import('../../src/data/model-frame.js');
type RegressModule = typeof import('../../src/models/regress.js');
type TsqrModule = typeof import('../../src/linalg/tsqr.js');

const N = 200_000; // n·p = 2.2 million: large enough to be factored on a worker
const X = Array.from({ length: 10 }, (_, j) => `x${j + 1}`);
let dir = '';

/**
 * A survey-like CSV: y, x1..x10, a weight and a group; `holes` rows miss one value, and the
 * row `bad` (if given) has a cell that is not a number.
 */
function csv(name: string, holes: number, bad = -1): string {
  const rng = randomStream(2026, name);
  const lines = [['y', ...X, 'w', 'g'].join(',')];
  for (let i = 0; i < N; i++) {
    const x = X.map((_, j) => (j === 3 ? 1000 * rng.uniform() : rng.normal()));
    const y = 1 + x.reduce((s, v, j) => s + (j % 3) * v, 0) + (1 + Math.abs(x[0])) * rng.normal();
    const cells = [y, ...x].map((v) => v.toPrecision(17));
    if (i < holes) cells[1 + (i % 10)] = 'NA';
    if (i === bad) cells[3] = '12;5';
    lines.push([...cells, (0.5 + rng.uniform()).toFixed(6), `g${i % 97}`].join(','));
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'povrisk-regress-file-'));
  expect(existsSync(dist('linalg/row-worker.js')), 'dist (run npm run build)').toBe(true);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('regressFile: reading and factoring at once', () => {
  it('gives exactly the result of readColumns, modelFrame and regress in turn', async () => {
    const { regressFile } = (await import(dist('pipeline/regress-file.js').href)) as FileModule;
    const { readColumns } = (await import(dist('data/read.js').href)) as ReadModule;
    const { modelFrame } = (await import(dist('data/model-frame.js').href)) as FrameModule;
    const { regress } = (await import(dist('models/regress.js').href)) as RegressModule;
    const complete = csv('complete.csv', 0);
    const holes = csv('holes.csv', 25);
    const cases = [
      { path: complete, spec: { y: 'y', x: X }, vce: 'hc1', early: true },
      { path: complete, spec: { y: 'y', x: X, weights: 'w' }, vce: 'hc3', early: true },
      { path: complete, spec: { y: 'y', x: X, cluster: 'g' }, vce: 'cluster', early: true },
      { path: holes, spec: { y: 'y', x: X }, vce: 'hc1', early: false },
      // without an intercept the design starts one column later in the reader's block (and
      // n·p is 2.0 million, below the default for worker threads: two are asked for)
      {
        path: complete,
        spec: { y: 'y', x: X, weights: 'w', constant: false },
        vce: 'hc1',
        early: true,
        threads: 2,
      },
      { path: holes, spec: { y: 'y', x: X, constant: false }, vce: 'classical', early: false },
    ] as const;
    for (const c of cases) {
      const { path, spec, vce, early } = c;
      const got = await regressFile(path, spec, {
        vce,
        threads: 'threads' in c ? c.threads : undefined,
      });
      expect(got.factoredWhileReading, `${vce}: factored while reading`).toBe(early);
      const numeric = [...spec.x, spec.y, ...('weights' in spec ? [spec.weights] : [])];
      const text = 'cluster' in spec ? [spec.cluster] : [];
      const frame = modelFrame(await readColumns(path, { numeric, text, reserve: 1 }), spec);
      // with threads asked for, the factor is the two-thread tall-skinny QR's
      const { tsqr } = (await import(dist('linalg/tsqr.js').href)) as TsqrModule;
      const factor =
        'threads' in c
          ? tsqr(frame.X, frame.y, { weights: frame.weights, threads: c.threads })
          : undefined;
      const want = regress(frame, { vce, factor });
      expect(got.frame.rowsDropped).toBe(early ? 0 : 25);
      expect(JSON.stringify(got.result)).toBe(JSON.stringify(want.result));
      const constant = !('constant' in spec);
      expect(got.result.coefficients.map((r) => r.term)).toEqual([
        ...(constant ? ['(Intercept)'] : []),
        ...X,
      ]);
    }
  });

  it('a bad cell deep in a large file is named, and the workers are free for the next read', async () => {
    const { regressFile } = (await import(dist('pipeline/regress-file.js').href)) as FileModule;
    const bad = csv('bad.csv', 0, 150_000);
    const error = await regressFile(bad, { y: 'y', x: X }, { vce: 'hc1' }).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/column 'x3'.*row 150001.*'12;5'/);
    const good = await regressFile(csv('good.csv', 0), { y: 'y', x: X }, { vce: 'hc1' });
    expect(good.factoredWhileReading).toBe(true);
    expect(good.result.n).toBe(N);
  });
});
