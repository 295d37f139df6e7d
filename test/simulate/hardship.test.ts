import { describe, expect, it } from 'vitest';
import { simulatePanel } from '../../src/simulate/panel.js';
import { surveyColumn } from '../../src/simulate/survey-columns.js';

describe('simulated registration status and hardship spending', () => {
  const W = 4;
  const p = simulatePanel({ households: 2000, seed: 11, waves: W });
  const col = (n: string) => surveyColumn(p, n);
  const n = p.households;

  it('registers about 60% of households, more of the poorer half, constant over rounds', () => {
    const reg = col('registered_poor');
    const income = col('per_capita_income');
    expect(reg.length).toBe(n * W);
    const first = Array.from({ length: n }, (_, i) => income[i * W]);
    const median = [...first].sort((a, b) => a - b)[Math.floor(n / 2)];
    let lower = 0;
    let nLower = 0;
    let upper = 0;
    for (let i = 0; i < n; i++) {
      for (let t = 1; t < W; t++) expect(reg[i * W + t]).toBe(reg[i * W]);
      if (first[i] < median) {
        nLower++;
        lower += reg[i * W];
      } else upper += reg[i * W];
    }
    const share = (lower + upper) / n;
    // Binomial sd of a 0.6 share over 2000 households is 0.011; 4 sd.
    expect(Math.abs(share - 0.6)).toBeLessThan(0.044);
    expect(Math.abs(lower / nLower - 0.8)).toBeLessThan(0.06);
    expect(Math.abs(upper / (n - nLower) - 0.4)).toBeLessThan(0.07);
  });

  it('spends only in rounds with the matching event, nothing in round 1', () => {
    const pairs: [string, string[]][] = [
      ['schooling_expenditure', ['schooling_costs']],
      ['disaster_loss', ['shock_disaster']],
    ];
    for (const [spend, events] of pairs) {
      const s = col(spend);
      const e = events.map(col);
      let fired = 0;
      for (let k = 0; k < n * W; k++) {
        if (k % W === 0) {
          expect(s[k], `${spend} row ${k}`).toBe(0);
          continue;
        }
        const happened = e.some((x) => x[k] === 1);
        expect(s[k] > 0, `${spend} row ${k}`).toBe(happened);
        if (happened) fired++;
      }
      expect(fired, spend).toBeGreaterThan(20);
    }
    const med = col('medical_expenditure');
    const ill = col('shock_illness');
    for (let k = 0; k < n * W; k++)
      if (k % W > 0 && ill[k] === 1) expect(med[k]).toBeGreaterThan(0);
  });

  it('charges a hospital stay out of pocket: 20% of the bill on the register, 30% off it', () => {
    // Mean bill per inpatient stay, 2020: 10,619.2 CNY (National Health Commission); the
    // register's reimbursement about 80%, residents' insurance 70% (National Healthcare
    // Security Administration). Hospital stays without a major illness only.
    const med = col('medical_expenditure');
    const hosp = col('hospitalized');
    const ill = col('shock_illness');
    const reg = col('registered_poor');
    const sum = [0, 0];
    const count = [0, 0];
    for (let k = 0; k < n * W; k++) {
      if (k % W === 0 || hosp[k] !== 1 || ill[k] === 1) continue;
      sum[reg[k]] += med[k];
      count[reg[k]]++;
    }
    // Log-normal bills with log SD 0.8 have a CV of 0.95: over 400+ stays the mean is within
    // 20% (4 standard errors).
    for (const [r, paid] of [
      [0, 0.3],
      [1, 0.2],
    ]) {
      expect(count[r], `registered ${r}`).toBeGreaterThan(400);
      expect(sum[r] / count[r] / (paid * 10619.2), `registered ${r}`).toBeGreaterThan(0.8);
      expect(sum[r] / count[r] / (paid * 10619.2), `registered ${r}`).toBeLessThan(1.2);
    }
  });

  it('keeps every member insured and drops out only after a schooling shock', () => {
    expect(col('no_medical_insurance')).toHaveLength(n * W);
    expect(col('no_medical_insurance').every((x) => x === 0)).toBe(true);
    const dropout = col('school_dropout');
    const school = col('schooling_costs');
    let dropped = 0;
    for (let k = 0; k < n * W; k++) {
      if (dropout[k] === 1) {
        dropped++;
        expect(school[k]).toBe(1);
      }
    }
    expect(dropped).toBeGreaterThan(0);
  });
});
