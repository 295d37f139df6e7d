import { describe, expect, test } from 'vitest';
import type { ColumnData } from '../../src/data/read.js';
import { DICTIONARY } from '../../src/paper/dictionary.js';
import { PUBLISHED_TABLE2 } from '../../src/paper/published.js';
import { randomStream } from '../../src/simulate/random.js';
import {
  DEMO_HOUSEHOLDS,
  DEMO_SEED,
  SIMULATION_POVERTY_LINE,
  simulateSurvey,
} from '../../src/simulate/survey.js';
import { surveyColumn, type SimulatedSurvey } from '../../src/simulate/survey-columns.js';
import { fromColumns } from '../../src/linalg/matrix.js';
import { ols } from '../../src/models/ols.js';
import { vcovOls } from '../../src/models/vcov.js';
import { PPP_CHINA_2011_PRIVATE_CONSUMPTION, povertyLine } from '../../src/vep/poverty-line.js';
import { estimateVep } from '../../src/vep/vep.js';
import { assertAllClose, assertClose } from '../helpers/assert-close.js';
import { bandSummary, quickVep } from './vep-check.js';

const big = simulateSurvey({ households: 20_000, seed: DEMO_SEED });
const demo = simulateSurvey({ households: DEMO_HOUSEHOLDS, seed: DEMO_SEED });
const VEP_X = ['head_male', 'family_size', 'debt', 'net_income'];
const overall = PUBLISHED_TABLE2[0];

function moments(x: Float64Array): { mean: number; sd: number; skew: number } {
  const n = x.length;
  let m = 0;
  for (const v of x) m += v;
  m /= n;
  let m2 = 0;
  let m3 = 0;
  for (const v of x) {
    m2 += (v - m) ** 2;
    m3 += (v - m) ** 3;
  }
  const sd = Math.sqrt(m2 / (n - 1));
  return { mean: m, sd, skew: m3 / n / (m2 / n) ** 1.5 };
}

function asColumnData(s: SimulatedSurvey): ColumnData {
  const numeric = new Map<string, Float64Array>();
  const text = new Map<string, readonly (string | null)[]>();
  for (const c of s.columns) {
    if (c.levels)
      text.set(
        c.name,
        Array.from(c.values, (k) => (c.levels as readonly string[])[k]),
      );
    else numeric.set(c.name, c.values);
  }
  return { path: 'simulated', rows: s.rows, numeric, text };
}

describe('random streams', () => {
  test('same seed and name, same draws; another name, another stream', () => {
    const a = randomStream(7, 'x');
    const b = randomStream(7, 'x');
    const c = randomStream(7, 'y');
    const da = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(da);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(da);
  });

  test('draw moments: normal, gamma, beta, binomial (n = 200,000)', () => {
    const r = randomStream(1, 'moments');
    const draw = (f: () => number) => moments(Float64Array.from({ length: 200_000 }, f));
    const z = draw(() => r.normal());
    assertClose(z.mean, 0, { atol: 0.01, name: 'normal mean' });
    assertClose(z.sd, 1, { atol: 0.01, name: 'normal sd' });
    const g = draw(() => r.gamma(0.6, 2));
    assertClose(g.mean, 1.2, { rtol: 0.02, name: 'gamma(0.6, 2) mean' });
    assertClose(g.sd, Math.sqrt(0.6) * 2, { rtol: 0.02, name: 'gamma(0.6, 2) sd' });
    const b = draw(() => r.beta(1.6, 1.1));
    assertClose(b.mean, 1.6 / 2.7, { rtol: 0.01, name: 'beta mean' });
    const k = draw(() => r.binomial(5, 0.3));
    assertClose(k.mean, 1.5, { rtol: 0.01, name: 'binomial mean' });
  });
});

describe('simulateSurvey', () => {
  test('same seed, same survey; another seed, another survey', () => {
    const again = simulateSurvey({ households: DEMO_HOUSEHOLDS, seed: DEMO_SEED });
    for (const c of demo.columns) expect(surveyColumn(again, c.name), c.name).toEqual(c.values);
    const other = simulateSurvey({ households: DEMO_HOUSEHOLDS, seed: DEMO_SEED + 1 });
    expect(surveyColumn(other, 'per_capita_income')).not.toEqual(
      surveyColumn(demo, 'per_capita_income'),
    );
  });

  test("the data dictionary's columns plus ids, items and outcome", () => {
    const names = big.columns.map((c) => c.name);
    for (const d of DICTIONARY) expect(names).toContain(d.name);
    for (const extra of [
      'household_id',
      'county',
      'township',
      'village',
      'per_capita_income',
      'industry_fund_loan',
      'own_business',
      'microloan',
      'employment_training',
      'has_employed_member',
      'able_to_work',
    ]) {
      expect(names).toContain(extra);
    }
  });

  test('means within 0.1 SD and SDs within 15% of Tables 1 and 3 (N = 20,000)', () => {
    for (const d of DICTIONARY) {
      const m = moments(surveyColumn(big, d.name));
      assertClose(m.mean, d.mean, { atol: 0.1 * d.sd, name: `mean ${d.name}` });
      assertClose(m.sd, d.sd, { rtol: 0.15, name: `sd ${d.name}` });
    }
  });

  test('counts are integers within their ranges; flags 0/1; shares in [0, 1]', () => {
    const get = (name: string) => {
      const column = surveyColumn(big, name);
      expect(column.length, name).toBe(big.rows);
      return column;
    };
    const size = get('family_size');
    const disabled = get('disabled_count');
    for (const name of [
      'household_id',
      'family_size',
      'debt',
      'net_income',
      'subsistence_allowance',
      'disabled_count',
      'chronic_count',
      'able_to_work',
      'county_gdp_per_capita',
    ]) {
      expect(
        get(name).every((v) => Number.isInteger(v) && v >= 0),
        name,
      ).toBe(true);
    }
    for (const name of [
      'head_male',
      'industrial_support',
      'road_hardened',
      'hospitalized',
      'industry_fund_loan',
      'own_business',
      'microloan',
      'employment_training',
      'has_employed_member',
    ]) {
      expect(
        get(name).every((v) => v === 0 || v === 1),
        name,
      ).toBe(true);
    }
    expect(get('head_ethnicity').every((v) => v === 0 || v === 1 || v === 2)).toBe(true);
    expect(get('head_education').every((v) => Number.isInteger(v) && v >= 1 && v <= 5)).toBe(true);
    expect(get('wage_share').every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(get('per_capita_income').every((v) => v > 0)).toBe(true);
    for (let i = 0; i < big.rows; i++) {
      const ok =
        size[i] >= 1 &&
        disabled[i] <= size[i] &&
        get('chronic_count')[i] <= size[i] &&
        get('subsistence_allowance')[i] <= size[i] &&
        get('able_to_work')[i] <= size[i] - disabled[i] &&
        (get('has_employed_member')[i] === 0 || get('able_to_work')[i] > 0) &&
        (get('microloan')[i] === 0 || get('debt')[i] > 0) &&
        (get('industry_fund_loan')[i] === 0 || get('industrial_support')[i] === 1);
      if (!ok) throw new Error(`household ${i + 1} is inconsistent`);
    }
  });

  test('motivation = the four items + 0.5 × has_employed_member', () => {
    const items = ['industry_fund_loan', 'own_business', 'microloan', 'employment_training'].map(
      (c) => surveyColumn(big, c),
    );
    const employed = surveyColumn(big, 'has_employed_member');
    const expected = surveyColumn(big, 'motivation').map(
      (_, i) => items[0][i] + items[1][i] + items[2][i] + items[3][i] + 0.5 * employed[i],
    );
    expect(surveyColumn(big, 'motivation')).toEqual(expected);
  });

  test('3 counties and 15 villages; GDP constant within a county, road within a village', () => {
    const county = big.columns.find((c) => c.name === 'county');
    const village = big.columns.find((c) => c.name === 'village');
    expect(county?.levels).toEqual(['Xide', 'Muli', 'Yanyuan']);
    expect(village?.levels?.length).toBe(15);
    const constantWithin = (group: Float64Array, value: Float64Array): boolean => {
      const seen = new Map<number, number>();
      for (let i = 0; i < group.length; i++) {
        const before = seen.get(group[i]);
        if (before !== undefined && before !== value[i]) return false;
        seen.set(group[i], value[i]);
      }
      return true;
    };
    expect(
      constantWithin(surveyColumn(big, 'county'), surveyColumn(big, 'county_gdp_per_capita')),
    ).toBe(true);
    expect(constantWithin(surveyColumn(big, 'village'), surveyColumn(big, 'road_hardened'))).toBe(
      true,
    );
    expect(constantWithin(surveyColumn(big, 'village'), surveyColumn(big, 'township'))).toBe(true);
    expect(constantWithin(surveyColumn(big, 'township'), surveyColumn(big, 'county'))).toBe(true);
    expect(new Set(surveyColumn(demo, 'village')).size).toBe(15);
  });

  test('debt and incomes are right-skewed', () => {
    for (const name of ['debt', 'net_income', 'per_capita_income']) {
      expect(moments(surveyColumn(big, name)).skew, name).toBeGreaterThan(0.5);
    }
  });

  test('the poverty line is the VEP module’s 1.90 dollars a day at 2011 PPP', () => {
    assertClose(
      SIMULATION_POVERTY_LINE,
      povertyLine({ usdPerDay: 1.9, ppp: PPP_CHINA_2011_PRIVATE_CONSUMPTION }),
      {
        rtol: 1e-15,
      },
    );
  });
});

describe('calibration: three-step FGLS vulnerability reproduces Table 2 (overall row)', () => {
  for (const [label, survey] of [
    ['N = 676, demo seed', demo],
    ['N = 20,000', big],
  ] as const) {
    test(label, () => {
      const r = estimateVep(asColumnData(survey), {
        income: 'per_capita_income',
        x: VEP_X,
        line: SIMULATION_POVERTY_LINE,
      });
      const got = bandSummary(r.vulnerability);
      assertClose(got.below, overall.below, { atol: 0.05, name: 'share below 0.3' });
      assertClose(got.middle, overall.middle, { atol: 0.05, name: 'share 0.3-0.6' });
      assertClose(got.above, overall.above, { atol: 0.05, name: 'share above 0.6' });
      assertClose(got.mean, overall.mean, { atol: 0.03, name: 'mean vulnerability' });
      assertClose(got.sd, overall.sd, { atol: 0.05, name: 'sd of vulnerability' });
      // The independent three-step FGLS of the test agrees with src/vep.
      const lnY = surveyColumn(survey, 'per_capita_income').map(Math.log);
      const v = quickVep(
        lnY,
        VEP_X.map((c) => surveyColumn(survey, c)),
        Math.log(SIMULATION_POVERTY_LINE),
      );
      assertAllClose(r.vulnerability, v, { atol: 1e-8, rtol: 0, name: 'v' });
    });
  }

  test("planted effects: Table 4's regression of v has the text's signs (N = 20,000, HC1)", () => {
    const terms = [
      'road_hardened',
      'motivation',
      'county_gdp_per_capita',
      'head_education',
      'disabled_count',
      'hospitalized',
      'chronic_count',
      'head_ethnicity',
      'wage_share',
      'subsistence_allowance',
      'industrial_support',
    ];
    const y = surveyColumn(big, 'per_capita_income').map(Math.log);
    const v = quickVep(
      y,
      VEP_X.map((c) => surveyColumn(big, c)),
      Math.log(SIMULATION_POVERTY_LINE),
    );
    const fit = ols(
      fromColumns(
        terms.map((c) => surveyColumn(big, c)),
        { intercept: 'first' },
      ),
      v,
      { terms: ['(Intercept)', ...terms] },
    );
    const V = vcovOls(fit, { type: 'hc1' }).matrix;
    const t = (name: string) => {
      const j = fit.estimated.indexOf(name);
      return fit.coefficients[j] / Math.sqrt(V[j + j * fit.rank]);
    };
    for (const lowers of ['road_hardened', 'motivation', 'county_gdp_per_capita', 'wage_share']) {
      expect(t(lowers), lowers).toBeLessThan(-3);
    }
    for (const raises of ['disabled_count', 'subsistence_allowance'])
      expect(t(raises), raises).toBeGreaterThan(3);
  });
});
