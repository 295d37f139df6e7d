import { describe, expect, test } from 'vitest';
import { simulateSurvey } from '../../src/simulate/survey.js';
import { simulatePanel } from '../../src/simulate/panel.js';
import { surveyColumn } from '../../src/simulate/survey-columns.js';

const N = 5000;
const W = 5;
const panel = simulatePanel({ households: N, seed: 11, waves: W });
const cross = simulateSurvey({ households: N, seed: 11 });
const get = (name: string) => {
  const column = surveyColumn(panel, name);
  expect(column.length, name).toBe(panel.rows);
  expect(column.length, name).toBeGreaterThan(0);
  return column;
};
const FLAGS = [
  'shock_illness',
  'shock_disability',
  'shock_disaster',
  'shock_accident',
  'shock_job_loss',
  'unsafe_housing',
  'unsafe_water',
  'schooling_costs',
];

describe('simulatePanel', () => {
  test('one row per household and round, sorted by household then wave', () => {
    expect(panel.rows).toBe(N * W);
    expect(panel.waves).toBe(W);
    const id = get('household_id');
    const wave = get('wave');
    for (let r = 0; r < panel.rows; r++) {
      if (id[r] !== Math.floor(r / W) + 1 || wave[r] !== (r % W) + 1)
        throw new Error(`row ${r + 1} out of order`);
    }
  });

  test('round 1 is the cross-section (incomes apart); fixed characteristics stay fixed', () => {
    const redrawn = ['per_capita_income', 'net_income'];
    expect(cross.columns.filter((c) => redrawn.includes(c.name)).length).toBe(2);
    for (const c of cross.columns.filter((x) => !redrawn.includes(x.name))) {
      const p = get(c.name);
      for (let i = 0; i < N; i++) {
        if (p[i * W] !== c.values[i])
          throw new Error(`${c.name}, household ${i + 1}: round 1 differs`);
      }
    }
    for (const name of [
      'county',
      'village',
      'head_male',
      'family_size',
      'road_hardened',
      'head_ethnicity',
    ]) {
      const p = get(name);
      for (let r = 0; r < panel.rows; r++) {
        if (p[r] !== p[r - (r % W)])
          throw new Error(`${name} changes within household ${Math.floor(r / W) + 1}`);
      }
    }
  });

  test('shock flags are 0/1, all 0 in round 1, and every kind occurs', () => {
    for (const name of FLAGS) {
      const f = get(name);
      expect(
        f.every((v) => v === 0 || v === 1),
        name,
      ).toBe(true);
      let first = 0;
      let later = 0;
      for (let r = 0; r < panel.rows; r++) {
        if (r % W === 0) first += f[r];
        else later += f[r];
      }
      expect(first, `${name} in round 1`).toBe(0);
      expect(later, `${name} in later rounds`).toBeGreaterThan(0);
    }
  });

  test('unsafe housing recovers; disability is permanent and removes a worker', () => {
    const housing = get('unsafe_housing');
    const disabled = get('disabled_count');
    const able = get('able_to_work');
    const size = get('family_size');
    let recovered = 0;
    for (let r = 0; r < panel.rows; r++) {
      if (r % W === 0) continue;
      if (housing[r - 1] === 1 && housing[r] === 0) recovered++;
      if (disabled[r] < disabled[r - 1]) throw new Error(`row ${r + 1}: disability disappeared`);
      if (able[r] > size[r] - disabled[r])
        throw new Error(`row ${r + 1}: more workers than able members`);
    }
    expect(recovered).toBeGreaterThan(0);
  });

  test('incomes fall with a shock and recover after it', () => {
    const income = get('per_capita_income');
    const disaster = get('shock_disaster');
    const growth: number[][] = [[], [], []]; // no disaster, disaster this round, disaster last round
    for (let r = 0; r < panel.rows; r++) {
      const t = r % W;
      if (t < 2) continue;
      const g = Math.log(income[r]) - Math.log(income[r - 1]);
      if (disaster[r] === 1) growth[1].push(g);
      else if (disaster[r - 1] === 1) growth[2].push(g);
      else growth[0].push(g);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(growth[1])).toBeLessThan(mean(growth[0]) - 0.2);
    expect(mean(growth[2])).toBeGreaterThan(mean(growth[0]));
  });

  test('job loss removes the employed member and cuts the wage share; motivation follows', () => {
    const loss = get('shock_job_loss');
    const employed = get('has_employed_member');
    const motivation = get('motivation');
    const wage = get('wage_share');
    let seen = 0;
    for (let r = 0; r < panel.rows; r++) {
      if (loss[r] !== 1) continue;
      seen++;
      expect(employed[r]).toBe(0);
      expect(motivation[r]).toBe(motivation[r - 1] - 0.5);
      expect(wage[r]).toBeLessThan(wage[r - 1] + 1e-12);
    }
    expect(seen).toBeGreaterThan(0);
  });

  test('same seed, same panel', () => {
    const again = simulatePanel({ households: 200, seed: 11, waves: 3 });
    const once = simulatePanel({ households: 200, seed: 11, waves: 3 });
    for (const c of once.columns) expect(surveyColumn(again, c.name), c.name).toEqual(c.values);
  });

  test('per-capita income is net income / family size, to the cent', () => {
    const pc = get('per_capita_income');
    const net = get('net_income');
    const size = get('family_size');
    for (let r = 0; r < panel.rows; r++) {
      if (Math.abs(pc[r] - net[r] / size[r]) > 0.005 + 1e-9)
        throw new Error(`row ${r + 1}: ${pc[r]} vs ${net[r]} / ${size[r]}`);
    }
  });

  test('levels: round 1 (2020) mean 10,740 CNY, everyone above the 4,000 exit standard; 2021 grows ~17%', () => {
    const pc = get('per_capita_income');
    const byRound = Array.from({ length: W }, (_, t) =>
      Array.from({ length: N }, (_, i) => pc[i * W + t]),
    );
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean(byRound[0]) - 10740)).toBeLessThan(1);
    expect(Math.min(...byRound[0])).toBeGreaterThanOrEqual(4000 - 0.005);
    // [R]: 12,550 / 10,740 = 1.169 nationally in 2021.
    const growth = mean(byRound[1]) / mean(byRound[0]);
    expect(growth).toBeGreaterThan(1.12);
    expect(growth).toBeLessThan(1.22);
  });

  test('falling below the 6,000 line: a few percent a round, more without a road or with a shock', () => {
    const pc = get('per_capita_income');
    const road = get('road_hardened');
    const wage = get('wage_share');
    const shocked = FLAGS.map(get);
    const rate = {
      all: [0, 0],
      noRoad: [0, 0],
      road: [0, 0],
      shock: [0, 0],
      lowWage: [0, 0],
      highWage: [0, 0],
    };
    const add = (k: keyof typeof rate, fell: boolean) => {
      rate[k][0] += fell ? 1 : 0;
      rate[k][1]++;
    };
    for (let i = 0; i < N; i++) {
      for (let t = 1; t < W; t++) {
        const r = i * W + t;
        if (pc[r - 1] < 6000) continue;
        const fell = pc[r] < 6000;
        add('all', fell);
        add(road[r] === 0 ? 'noRoad' : 'road', fell);
        if (shocked.some((f) => f[r] === 1)) add('shock', fell);
        if (wage[r - 1] < 0.1) add('lowWage', fell);
        if (wage[r - 1] > 0.6) add('highWage', fell);
      }
    }
    const share = (k: keyof typeof rate) => rate[k][0] / rate[k][1];
    expect(rate.all[1]).toBeGreaterThan(1000);
    // [S]: about 2% of those lifted out of poverty were at risk of returning (2020).
    expect(share('all')).toBeGreaterThan(0.01);
    expect(share('all')).toBeLessThan(0.05);
    expect(share('shock')).toBeGreaterThan(2 * share('all'));
    expect(share('noRoad')).toBeGreaterThan(share('road'));
    expect(share('lowWage')).toBeGreaterThan(share('highWage'));
  });
});
