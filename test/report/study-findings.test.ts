import { describe, expect, test } from 'vitest';
import { parseStudy } from '../../src/study/study.js';
import { reportSetup } from '../../src/report/report-setup.js';
import { studyFindings } from '../../src/report/study-findings.js';
import type { StudyResults } from '../../src/report/study-run.js';

const row = (term: string, estimate: number, stdError: number, pValue: number) => ({
  term,
  estimate,
  stdError,
  pValue,
  statistic: estimate / stdError,
  confLow: estimate - 2 * stdError,
  confHigh: estimate + 2 * stdError,
});

/** Results with fixed estimates: road raises (p .001), motivation lowers (p .03), chronic n.s. */
const results = {
  table4: {
    models: [
      {
        label: '(1)',
        result: {
          coefficients: [
            row('(Intercept)', 0.1, 0.01, 0),
            row('road_hardened', 0.25, 0.05, 0.001),
            row('motivation', -0.05, 0.02, 0.03),
            row('chronic_count', 0.01, 0.04, 0.5),
          ],
        },
      },
    ],
    stepwise: null,
  },
  table5: {
    x: ['road_hardened', 'motivation'],
    quantreg: {
      fits: [
        {
          tau: 0.9,
          coefficients: [
            row('road_hardened', 0.4, 0.1, 0.001),
            row('motivation', -0.05, 0.03, 0.2),
          ],
        },
        {
          tau: 0.3,
          coefficients: [
            row('road_hardened', 0.01, 0.01, 0.3),
            row('motivation', -0.04, 0.02, 0.05),
          ],
        },
      ],
    },
  },
} as unknown as StudyResults;

const study = (extra: string, lang: 'en' | 'zh-CN' = 'en') => ({
  ...parseStudy(
    `data: { path: s.csv }\nvep: { income: y, x: [a], poverty_line: { line: 1 } }\nexplanatory: [a]\n${extra}`,
    { file: 's.yaml', dir: '/d' },
  ),
  lang,
});

describe('Main findings, written from the estimates', () => {
  test('English, without comparison: factors by p, the rest, quantile growth, caveats', () => {
    const f = studyFindings(results, reportSetup(study('wording: { outcome: risk of low pay }')), {
      simulated: false,
    });
    expect(f.map((x) => x.kind)).toEqual(['factor', 'factor', 'none', 'quantile', 'caveat']);
    expect(f[0].text).toBe(
      'Transportation infrastructure construction raises the risk of low pay: coefficient 0.250, significant at the 1% level.',
    );
    expect(f[1].text).toBe(
      'Endogenous development motivation lowers the risk of low pay: coefficient -0.050, significant at the 5% level.',
    );
    expect(f[2].text).toBe('Not significant at the 10% level: Chronic diseases.');
    // road: 0.01 → 0.40 (growth 0.39 > SE 0.10, p < 0.1); motivation: growth 0.01 < SE 0.03.
    expect(f[3].text).toBe(
      'The effect of Transportation infrastructure construction grows at the upper quantiles: 0.010 at τ = 0.3, 0.400 at τ = 0.9.',
    );
    expect(f[4].text).toMatch(/^Vulnerability \(VEP\) is the estimated probability/);
  });

  test('with compare, signs and magnitudes against the paper; simulated data named', () => {
    const f = studyFindings(results, reportSetup(study('compare: liangshan-2020')), {
      simulated: true,
    });
    const cmp = f.filter((x) => x.kind === 'comparison').map((x) => x.text);
    // The paper's column (1): road 0.328***, motivation 0.036***, chronic 0.006 (no stars).
    expect(cmp).toEqual([
      "Against the paper's Table 4, column (1): 2 of 3 coefficients have the same sign; opposite: Endogenous development motivation (ours -0.050, paper 0.036).",
      `For the paper's 2 significant coefficients, our estimates are ${(-0.05 / 0.036).toFixed(2)} to ${(0.25 / 0.328).toFixed(2)} times the paper's.`,
    ]);
    expect(f.filter((x) => x.kind === 'caveat')).toHaveLength(2);
    expect(f.filter((x) => x.kind === 'caveat')[0].text).toMatch(/^The data are simulated/);
  });

  test('Chinese', () => {
    const f = studyFindings(results, reportSetup(study('compare: liangshan-2020', 'zh-CN')));
    expect(f[0].text).toBe('交通基础设施建设提高贫困脆弱性：系数 0.250，在 1% 水平上显著。');
    expect(f[1].text).toBe('内生发展动力降低贫困脆弱性：系数 -0.050，在 5% 水平上显著。');
    expect(f[2].text).toBe('在 10% 水平上不显著：慢性病。');
    expect(
      f.some((x) => x.text.startsWith('与原文表4第(1)列相比，3 个系数中有 2 个符号相同')),
    ).toBe(true);
    expect(f.filter((x) => x.kind === 'caveat')).toHaveLength(1); // not simulated
  });
});
