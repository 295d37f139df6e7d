import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { randomStream } from '../../src/simulate/random.js';

// Workers run compiled JavaScript: exercise the built modules (npm test builds first).
const dist = (path: string): URL => new URL(`../../dist/${path}`, import.meta.url);
type TsqrModule = typeof import('../../src/linalg/tsqr.js');
type RowsModule = typeof import('../../src/linalg/parallel-rows.js');

async function load(): Promise<{ tsqr: TsqrModule; rows: RowsModule }> {
  expect(existsSync(dist('linalg/row-worker.js')), 'dist (run npm run build)').toBe(true);
  const rows = (await import(dist('linalg/parallel-rows.js').href)) as RowsModule;
  rows.startRowWorkers({ threads: 2 });
  await new Promise((resolve) => setTimeout(resolve, 300)); // the worker starts up
  return { tsqr: (await import(dist('linalg/tsqr.js').href)) as TsqrModule, rows };
}

const N = 200_003; // not a multiple of the 65,536-row chunks
const P = 4;

/** [1, x₁, x₂, x₃] side by side in one shared block, then y and weights. */
function data(): { block: Float64Array; source: Float64Array } {
  const rng = randomStream(11, 'tsqr-stream');
  const source = new Float64Array((P + 2) * N);
  for (let i = 0; i < N; i++) {
    source[i] = 1;
    for (let j = 1; j < P; j++) source[j * N + i] = 10 ** j * rng.normal();
    source[P * N + i] = source[N + i] - 0.01 * source[3 * N + i] + rng.normal();
    source[(P + 1) * N + i] = 0.5 + rng.uniform();
  }
  return { block: new Float64Array(new SharedArrayBuffer(source.length * 8)), source };
}

const parts = (block: Float64Array) => ({
  X: { rows: N, cols: P, data: block.subarray(0, P * N) },
  y: block.subarray(P * N, (P + 1) * N),
  w: block.subarray((P + 1) * N),
});

describe('startTsqr: the factor of rows still arriving', () => {
  it('is bit for bit the factor of tsqr, with workers folding while rows arrive', async () => {
    const { tsqr } = await load();
    for (const weighted of [false, true]) {
      const { block, source } = data();
      const { X, y, w } = parts(block);
      const weights = weighted ? w : null;
      const stream = tsqr.startTsqr(X, y, { weights, threads: 2 });
      // rows arrive in uneven pieces, every column at once, as the reader writes them
      for (let at = 0; at < N;) {
        const next = Math.min(N, at + 7919 + (at % 13));
        for (let j = 0; j < P + 2; j++)
          block.set(source.subarray(j * N + at, j * N + next), j * N + at);
        stream.advance(next);
        at = next;
        await new Promise((resolve) => setImmediate(resolve));
      }
      await new Promise((resolve) => setTimeout(resolve, 200)); // the worker catches up
      const early = stream.finish();
      const late = tsqr.tsqr(X, y, { weights, threads: 2 });
      expect(Array.from(early.r.data)).toEqual(Array.from(late.r.data));
      expect(Array.from(early.qty)).toEqual(Array.from(late.qty));
      expect(early.byWorkers, 'chunks folded by the worker').toBeGreaterThan(0);
    }
  });

  it('cancel frees the worker for the next run; rows not in shared memory are refused', async () => {
    const { tsqr } = await load();
    const { block, source } = data();
    block.set(source);
    const { X, y } = parts(block);
    const stream = tsqr.startTsqr(X, y, { threads: 2 });
    stream.advance(1000); // the worker now waits for its first chunk's rows
    stream.cancel();
    expect(() => stream.finish()).toThrow(/cancel/);
    // Every row is there: a free worker folds the chunks while this thread waits.
    const next = tsqr.startTsqr(X, y, { threads: 2, available: N });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = next.finish();
    const serial = tsqr.tsqr(X, y, { threads: 1 });
    expect(Array.from(after.r.data)).toEqual(Array.from(serial.r.data));
    expect(after.byWorkers, 'the worker took part again').toBeGreaterThan(0);
    const plain = { rows: N, cols: P, data: new Float64Array(P * N) };
    expect(() => tsqr.startTsqr(plain, new Float64Array(N), { threads: 2 })).toThrow(/shared/);
  });
});
