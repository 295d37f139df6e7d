import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitTau, type TauSpec } from '../../../src/models/quantreg/fit-tau.js';
import { loadReference } from './fixtures.js';

// The worker entry is compiled JavaScript: exercise the built module (npm test builds first).
const built = new URL('../../../dist/models/quantreg/parallel-taus.js', import.meta.url);

describe('fitTausParallel (worker threads on shared memory)', () => {
  it('gives exactly the sequential results, in tau order', async () => {
    expect(existsSync(built)).toBe(true);
    const { fitTausParallel } = (await import(
      built.href
    )) as typeof import('../../../src/models/quantreg/parallel-taus.js');
    const ref = await loadReference('qreg-sim-cluster', 'qreg-sim');
    const taus = [0.9, 0.1, 0.5, 0.25, 0.75];
    const done: number[] = [];
    for (const se of ['nid', 'cluster'] as const) {
      const spec: TauSpec = {
        se,
        bandwidth: 'hall-sheather',
        method: 'auto',
        cluster: ref.frame.cluster,
        clusters: ref.frame.clusters,
      };
      const par = await fitTausParallel(ref.frame.X, ref.frame.y, taus, spec, {
        threads: 2,
        onTau: (d: number) => done.push(d),
      });
      taus.forEach((tau, t) => {
        const seq = fitTau(ref.frame.X, ref.frame.y, tau, spec);
        expect(par[t].tau).toBe(tau);
        expect(Array.from(par[t].coefficients)).toEqual(Array.from(seq.coefficients));
        expect(Array.from(par[t].vcov)).toEqual(Array.from(seq.vcov));
      });
    }
    expect(done.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
  });
});
