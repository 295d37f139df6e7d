import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { describe, expect, it } from 'vitest';
import { importWave } from '../../src/monitor/import.js';
import { rulesFrom } from '../../src/monitor/rules.js';
import { runRules } from '../../src/monitor/run.js';
import { openStore } from '../../src/monitor/store.js';
import { estimateVep } from '../../src/vep/vep.js';
import { panel, writeCsv, type Row } from './fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'povrisk-apply-wave-'));
const HARVEY = 1.2703628454614782; // −E ln χ²₁

/** The wave's rows as the columns `estimateVep` reads, in household-id order (as the store keeps them). */
function columnsOf(rows: readonly Row[], names: readonly string[]) {
  const sorted = [...rows].sort((a, b) =>
    String(a.household_id).localeCompare(String(b.household_id)),
  );
  const numeric = new Map(
    names.map((n) => [n, Float64Array.from(sorted, (r) => Number(r[n]))] as const),
  );
  return {
    ids: sorted.map((r) => String(r.household_id)),
    data: { path: 'wave', rows: sorted.length, numeric, text: new Map() },
  };
}

function close(label: string, actual: number, expected: number, rtol: number): void {
  const diff = Math.abs(actual - expected);
  const tol = rtol * Math.max(1, Math.abs(expected));
  if (!(diff <= tol)) throw new Error(`${label}: ${actual} vs ${expected}, Δ ${diff}, tol ${tol}`);
}

describe('monitor run with a stored model (applyWave)', () => {
  for (const variance of ['linear', 'exponential'] as const) {
    it(`scores the next wave with the first wave's ${variance} FGLS coefficients: μ, σ and v to 1e-12`, async () => {
      const [w1, w2] = panel({
        households: 240,
        waves: 2,
        seed: variance === 'linear' ? 31 : 32,
        labels: ['a', 'b'],
      });
      writeCsv(join(dir, `${variance}-1.csv`), w1);
      writeCsv(join(dir, `${variance}-2.csv`), w2);
      const store = await openStore(join(dir, `${variance}.duckdb`), { user: 'test' });
      try {
        await importWave(store, join(dir, `${variance}-1.csv`), { wave: 'a', date: '2021-06-30' });
        await importWave(store, join(dir, `${variance}-2.csv`), { wave: 'b', date: '2022-06-30' });
        const rules = rulesFrom({ vep: { line: 9000, variance } });
        const spec = { ...rules.vep, line: 9000 };
        const fit = await runRules(store, { wave: 'a', rules });
        const applied = await runRules(store, { wave: 'b', rules, model: fit.model_id });
        expect(applied.method).toBe('apply');

        // The expected values: estimateVep on wave a's rows, then μ = Xβ and σ² from θ written out here.
        const a = columnsOf(w1, [spec.income, ...spec.x]);
        const r = estimateVep(a.data, {
          income: spec.income,
          x: spec.x,
          line: spec.line,
          variance,
        });
        const b = columnsOf(w2, spec.x);
        const floor = r.summary.varianceFloor;
        const stored = (
          await store.db.all(
            `SELECT household_id, mu, sigma, vulnerability FROM risk_scores
             WHERE model_id = ${applied.model_id} ORDER BY household_id`,
          )
        ).map((r) => Object.values(r));
        expect(stored.length).toBe(b.ids.length);
        expect(b.ids.length).toBe(240);
        for (const [i, id] of b.ids.entries()) {
          const row = stored[i];
          expect(row[0]).toBe(id);
          let mu = r.beta[0];
          let lin = r.theta[0];
          spec.x.forEach((name, j) => {
            const x = b.data.numeric.get(name)![i];
            mu += r.beta[j + 1] * x;
            lin += r.theta[j + 1] * x;
          });
          const sigma2 = variance === 'linear' ? Math.max(lin, floor) : Math.exp(lin + HARVEY);
          const sigma = Math.sqrt(sigma2);
          const v = normalCdf((Math.log(spec.line) - mu) / sigma, 0, 1);
          close(`μ[${id}]`, Number(row[1]), mu, 1e-12);
          close(`σ[${id}]`, Number(row[2]), sigma, 1e-12);
          close(`v[${id}]`, Number(row[3]), v, 1e-12);
        }
      } finally {
        store.close();
      }
    });
  }
});
