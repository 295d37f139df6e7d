import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelFrame } from '../../src/data/model-frame.js';
import { readColumns } from '../../src/data/read.js';
import { regress } from '../../src/models/regress.js';
import { vcovOls, type VceType } from '../../src/models/vcov.js';
import { assertAllClose, assertClose } from '../helpers/assert-close.js';

/**
 * Every OLS/WLS number against R: `lm`, `summary.lm`, `sandwich::vcovHC` (HC0–HC3),
 * `sandwich::vcovCL(type = "HC1")` and robust Wald F tests, on real data sets and
 * ill-conditioned designs. The data go through our own reader (the CSV the R script wrote).
 * Reference: test/fixtures/r/ols-*.R → test/fixtures/ref/ols-*.json.
 */

/** Tolerances (relative). p-values come from a regularised incomplete beta, not R's pt(). */
export const TOL = {
  coef: 1e-10,
  fit: 1e-10, // R², adjusted R², σ
  se: 1e-8, // standard errors, covariance entries, t statistics, CI bounds, F statistics
  p: 1e-8,
} as const;

type Num = number | null;
interface RefInference {
  df: number;
  vcov: Num[];
  std_error: Num[];
  statistic: Num[];
  p_value: Num[];
  conf_low: Num[];
  conf_high: Num[];
  clusters?: number;
  f_test: { statistic: Num; df1: number; df2: number; p_value: Num; method: string };
}
interface RefCase {
  name: string;
  y: string;
  x: string[];
  weights: string | null;
  cluster: string | null;
  terms: string[];
  estimated: string[];
  omitted: string[];
  coefficients: number[];
  n: number;
  n_dropped: number;
  rank: number;
  df_residual: number;
  r_squared: number;
  adj_r_squared: number;
  sigma: number;
  vce: Partial<Record<VceType, RefInference>>;
}
interface RefFile {
  source: string;
  csv: string;
  cases: RefCase[];
}

/**
 * Longley's design has condition number 2.4e7: R's own HC covariances there differ from a
 * backward-stable R⁻¹(Z'ΩZ)R⁻ᵀ form by up to 4e-7 relative (sandwich multiplies (X'X)⁻¹
 * out), so its robust covariances are compared at 1e-6. Its coefficients still meet 1e-10.
 * The robust Wald F inverts the slopes' block of V, whose correlation matrix is nearly
 * singular there, which magnifies those differences: Longley's robust F is compared at 1e-4
 * and its p-value (≈ 1e-11 on 9 df, where p moves 20 times faster than F) at 1e-3.
 */
const SE_TOL: Record<string, number> = { 'ols-longley': 1e-6 };
const F_TOL: Record<string, number> = { 'ols-longley': 1e-4 };

const FILES = [
  'ols-cps',
  'ols-cps-missing',
  'ols-mtcars',
  'ols-mtcars-tiny',
  'ols-mtcars-zero-weights',
  'ols-mtcars-leverage',
  'ols-journals',
  'ols-illcond',
  'ols-longley',
  'ols-wages',
];
const load = (name: string): RefFile =>
  JSON.parse(
    readFileSync(new URL(`../fixtures/ref/${name}.json`, import.meta.url), 'utf8'),
  ) as RefFile;
const nums = (a: Num[]): number[] => a.map((v) => (v === null ? NaN : v));

async function frameOf(file: RefFile, c: RefCase) {
  const numeric = [c.y, ...c.x, ...(c.weights ? [c.weights] : [])];
  const data = await readColumns(file.csv, { numeric, text: c.cluster ? [c.cluster] : [] });
  return modelFrame(data, {
    y: c.y,
    x: c.x,
    weights: c.weights ?? undefined,
    cluster: c.cluster ?? undefined,
  });
}

for (const name of FILES) {
  const file = load(name);
  describe(`${name} (${file.source}) vs R`, () => {
    for (const c of file.cases) {
      it(`${c.name}: lm coefficients, fit statistics, listwise deletion`, async () => {
        const frame = await frameOf(file, c);
        expect(frame.rowsDropped).toBe(c.n_dropped);
        const { fit, result } = regress(frame, { vce: 'classical' });
        expect(fit.terms).toEqual(c.terms);
        expect(fit.estimated).toEqual(c.estimated);
        expect(result.omitted).toEqual(c.omitted);
        expect(result.n).toBe(c.n);
        expect(result.nDropped).toBe(c.n_dropped);
        expect(fit.rank).toBe(c.rank);
        expect(result.dfResidual).toBe(c.df_residual);
        assertAllClose(fit.coefficients, c.coefficients, {
          rtol: TOL.coef,
          names: c.estimated,
          name: 'coef',
        });
        assertClose(result.rSquared, c.r_squared, { rtol: TOL.fit, name: 'R²' });
        assertClose(result.adjRSquared, c.adj_r_squared, { rtol: TOL.fit, name: 'adj R²' });
        assertClose(result.sigma, c.sigma, { rtol: TOL.fit, name: 'sigma' });
      });
      for (const [vce, ref] of Object.entries(c.vce) as [VceType, RefInference][]) {
        const seTol = vce === 'classical' ? TOL.se : (SE_TOL[name] ?? TOL.se);
        const fTol = vce === 'classical' ? TOL.se : (F_TOL[name] ?? TOL.se);
        it(`${c.name}: ${vce} covariance, t tests, CIs and Wald F`, async () => {
          const frame = await frameOf(file, c);
          const { fit, result } = regress(frame, { vce });
          const k = fit.rank;
          const V = vcovOls(fit, { type: vce, cluster: frame.cluster, clusters: frame.clusters });
          expect(V.df).toBe(ref.df);
          // an observation with leverage 1 makes R's hc2/hc3 NaN, and ours, flagged
          expect(V.leverageOne.length > 0).toBe(ref.std_error.every((v) => v === null));
          const vcov = nums(ref.vcov);
          for (let i = 0; i < k; i++) {
            for (let j = 0; j < k; j++) {
              // an off-diagonal entry is judged against the scale of its row and column
              const scale = Math.sqrt(Math.abs(vcov[i + i * k] * vcov[j + j * k]));
              assertClose(V.matrix[i + j * k], vcov[i + j * k], {
                rtol: seTol,
                atol: seTol * scale * 1e-3,
                name: `vcov[${c.estimated[i]}, ${c.estimated[j]}]`,
              });
            }
          }
          const rows = result.coefficients;
          const names = rows.map((r) => r.term);
          expect(names).toEqual(c.estimated);
          const se = nums(ref.std_error);
          assertAllClose(
            rows.map((r) => r.estimate),
            c.coefficients,
            { rtol: TOL.coef, names, name: 'estimate' },
          );
          assertAllClose(
            rows.map((r) => r.stdError),
            se,
            { rtol: seTol, names, name: 'se' },
          );
          assertAllClose(
            rows.map((r) => r.statistic),
            nums(ref.statistic),
            { rtol: seTol, names, name: 't' },
          );
          assertAllClose(
            rows.map((r) => r.pValue),
            nums(ref.p_value),
            { rtol: Math.max(seTol, TOL.p), names, name: 'p' },
          );
          rows.forEach((r, j) => {
            const atol = seTol * se[j];
            assertClose(r.confLow, nums(ref.conf_low)[j], {
              rtol: seTol,
              atol,
              name: `conf_low[${r.term}]`,
            });
            assertClose(r.confHigh, nums(ref.conf_high)[j], {
              rtol: seTol,
              atol,
              name: `conf_high[${r.term}]`,
            });
          });
          const f = result.fTest;
          expect([f.df1, f.df2]).toEqual([ref.f_test.df1, ref.f_test.df2]);
          assertClose(f.statistic, ref.f_test.statistic ?? NaN, {
            rtol: fTol,
            name: `F (${ref.f_test.method})`,
          });
          assertClose(f.pValue, ref.f_test.p_value ?? NaN, {
            rtol: fTol === TOL.se ? TOL.p : 1e-3,
            name: 'F p-value',
          });
          expect(result.clusters).toBe(vce === 'cluster' ? ref.clusters : null);
        });
      }
    }
  });
}
