import { describe, expect, it } from 'vitest';
import { simulatePanel } from '../../src/simulate/panel.js';
import { surveyColumn } from '../../src/simulate/survey-columns.js';
import { quickVep } from './vep-check.js';

// Issue 11: with the default monitoring rules, 1–15% of households get an alert in each round of
// the simulated panel. The rules are written out here from docs/monitoring.md (not src/monitor's
// SQL; test/cli/monitor-simulated.test.ts checks that `monitor run` raises exactly these):
// high_vulnerability v ≥ 0.6 (linear three-step FGLS in head_male, family_size, debt, net_income
// at 6,000 / 1.5 = 4,000 CNY), low_income < 6,000, income_drop ≥ 30% since the previous round,
// new_shock (a flag 1 now and not 1 before), high_expenditure (medical + schooling + disaster
// loss above half of per-capita income × family size).
const N = 4000;
const W = 3;
const LINE = 6000;
const X = ['head_male', 'family_size', 'debt', 'net_income'];
const SHOCKS = [
  'shock_illness',
  'shock_disability',
  'shock_disaster',
  'shock_accident',
  'shock_job_loss',
  'unsafe_housing',
  'unsafe_water',
  'schooling_costs',
];
const SPENDING = ['medical_expenditure', 'schooling_expenditure', 'disaster_loss'];

/** Per round, the share of households with at least one alert and the households each rule flags. */
function alertShares(seed: number): { share: number; byRule: Record<string, number> }[] {
  const panel = simulatePanel({ households: N, seed, waves: W });
  const get = (name: string) => {
    const c = surveyColumn(panel, name);
    expect(c.length, name).toBe(N * W);
    return c;
  };
  const income = get('per_capita_income');
  const size = get('family_size');
  const wave = get('wave');
  const shocks = SHOCKS.map(get);
  const spending = SPENDING.map(get);
  const regressors = X.map(get);
  const out = [];
  for (let t = 0; t < W; t++) {
    const rows = Array.from({ length: N }, (_, i) => i * W + t);
    for (const r of rows) if (wave[r] !== t + 1) throw new Error(`row ${r}: wave ${wave[r]}`);
    const v = quickVep(
      Float64Array.from(rows, (r) => Math.log(income[r])),
      regressors.map((x) => Float64Array.from(rows, (r) => x[r])),
      Math.log(LINE / 1.5),
    );
    expect(v.length).toBe(N);
    const byRule: Record<string, number> = {
      high_vulnerability: 0,
      low_income: 0,
      income_drop: 0,
      new_shock: 0,
      high_expenditure: 0,
    };
    let alerted = 0;
    rows.forEach((r, i) => {
      const fired = {
        high_vulnerability: v[i] >= 0.6,
        low_income: income[r] < LINE,
        income_drop: t > 0 && (income[r - 1] - income[r]) / income[r - 1] >= 0.3,
        new_shock: shocks.some((s) => s[r] === 1 && (t === 0 || s[r - 1] !== 1)),
        high_expenditure: spending.reduce((a, s) => a + s[r], 0) > 0.5 * income[r] * size[r],
      };
      for (const [rule, on] of Object.entries(fired)) if (on) byRule[rule]++;
      if (Object.values(fired).some(Boolean)) alerted++;
    });
    out.push({ share: alerted / N, byRule });
  }
  return out;
}

describe('the simulated panel under the default monitoring rules', () => {
  // Seeds 4 and 9 had the highest shares before the recalibration (16.4% and 17.1% in round 2).
  for (const seed of [4, 9, 2020]) {
    it(`seed ${seed}: every round has 1–15% of households with an alert`, () => {
      const rounds = alertShares(seed);
      expect(rounds.length).toBe(W);
      for (const [t, { share, byRule }] of rounds.entries()) {
        expect(share, `round ${t + 1}`).toBeGreaterThan(0.01);
        expect(share, `round ${t + 1}`).toBeLessThan(0.15);
        // low_income is the main rule in every round; after round 1 the shocks add to it.
        expect(byRule.low_income, `round ${t + 1}`).toBeGreaterThan(0.04 * N);
        if (t > 0) {
          expect(byRule.new_shock, `round ${t + 1}`).toBeGreaterThan(0.02 * N);
          expect(byRule.high_expenditure, `round ${t + 1}`).toBeGreaterThan(0);
          expect(byRule.income_drop, `round ${t + 1}`).toBeGreaterThan(0);
        }
      }
    });
  }
});
