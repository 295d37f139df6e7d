import { describe, expect, it } from 'vitest';
import { setWarningSink } from '../../src/log.js';
import { DEFAULT_RULES, rulesFrom, vepLine } from '../../src/monitor/rules.js';
import { simulatePanel } from '../../src/simulate/panel.js';
import { surveyColumn } from '../../src/simulate/survey-columns.js';
import { validateWarning } from '../../src/vep/validate.js';

describe("the line of the rules' VEP (high_vulnerability)", () => {
  it('defaults to the poverty line under the monitoring line; a rules file can set its own', () => {
    expect(DEFAULT_RULES.vep.line).toBeNull();
    expect(vepLine(DEFAULT_RULES, 6000)).toBe(4000);
    expect(vepLine(DEFAULT_RULES, 6600)).toBeCloseTo(4400, 12);
    expect(vepLine(rulesFrom({ vep: { line: 2563.176 } }), 6000)).toBe(2563.176);
  });

  it('on the simulated panel, v ≥ 0.6 flags nobody at the 1.90-dollar line, and a few households, better than chance, at the default', () => {
    const panel = simulatePanel({ households: 20000, seed: 2020, waves: 3 });
    const r = DEFAULT_RULES.vep;
    const names = [r.income, ...r.x];
    const data = {
      path: 'simulated panel',
      rows: panel.rows,
      numeric: new Map(names.map((n) => [n, surveyColumn(panel, n)])),
      text: new Map(
        ['household_id', 'wave'].map((n) => [n, Array.from(surveyColumn(panel, n), String)]),
      ),
    };
    const flagged = (line: number) =>
      validateWarning(data, {
        id: 'household_id',
        wave: 'wave',
        income: r.income,
        x: r.x,
        line: 6000,
        monitoring: {
          highVulnerability: { threshold: 0.6, income: r.income, x: r.x, line, variance: 'linear' },
        },
      }).pairs.map((p) => ({ p, hv: p.rules.find((x) => x.rule === 'high_vulnerability')! }));
    const previous = setWarningSink(() => undefined);
    try {
      const paper = flagged(1.9 * 365 * 3.696);
      const ours = flagged(vepLine(DEFAULT_RULES, 6000));
      expect(paper.length).toBe(2);
      expect(ours.length).toBe(2);
      for (const { hv } of paper) expect(hv.flagged).toBe(0);
      for (const { p, hv } of ours) {
        expect(hv.flagged).toBeGreaterThan(0);
        expect(hv.flagged / p.n).toBeLessThan(0.05); // an alert for a few, not for everyone poor-ish
        expect(hv.precision!).toBeGreaterThan(p.baseRate!); // better than flagging at random
      }
    } finally {
      setWarningSink(previous);
    }
  });
});
