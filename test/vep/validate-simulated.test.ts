import { describe, expect, it } from 'vitest';
import { simulatePanel } from '../../src/simulate/panel.js';
import { surveyColumn } from '../../src/simulate/survey-columns.js';
import { setWarningSink } from '../../src/log.js';
import { validateWarning } from '../../src/vep/validate.js';

describe('validate on the simulated panel (2,000 households × 4 rounds, seed 2020)', () => {
  it('with the default options, history beats the cross-section VEP and poor_now on AUC and Brier in every pair it scores (line 6,000)', () => {
    const panel = simulatePanel({ households: 2000, seed: 2020, waves: 4 });
    const x = ['head_male', 'family_size', 'debt', 'net_income'];
    const asText = (name: string) => Array.from(surveyColumn(panel, name), String);
    const data = {
      path: 'simulated panel',
      rows: panel.rows,
      numeric: new Map(
        [...x, 'per_capita_income'].map((name) => [name, surveyColumn(panel, name)]),
      ),
      text: new Map([
        ['household_id', asText('household_id')],
        ['wave', asText('wave')],
      ]),
    };
    const run = (model: 'cross-section' | 'history') =>
      validateWarning(data, {
        id: 'household_id',
        wave: 'wave',
        income: 'per_capita_income',
        x,
        line: 6000,
        model,
      });
    const previous = setWarningSink(() => undefined);
    const [cross, history] = (() => {
      try {
        return [run('cross-section'), run('history')];
      } finally {
        setWarningSink(previous);
      }
    })();
    const scored = history.pairs.filter((p) => p.n > 0);
    expect(scored.length).toBe(2);
    let pairs = 0;
    for (const h of scored) {
      const c = cross.pairs.find((p) => p.from === h.from)!;
      expect(h.n).toBe(c.n);
      // Falling below the monitoring line happens, but to a minority.
      expect(h.baseRate!).toBeGreaterThan(0.01);
      expect(h.baseRate!).toBeLessThan(0.15);
      expect(h.auc!, `${h.from}→${h.to} AUC`).toBeGreaterThan(c.auc!);
      expect(h.brier!, `${h.from}→${h.to} Brier`).toBeLessThan(c.brier!);
      expect(h.auc!, `${h.from}→${h.to} AUC vs poor_now`).toBeGreaterThan(h.poorNowAuc!);
      expect(h.brier!, `${h.from}→${h.to} Brier vs poor_now`).toBeLessThan(h.poorNowBrier!);
      pairs++;
    }
    expect(pairs).toBe(2);
  });
});
