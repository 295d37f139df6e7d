import { randomStream } from './random.js';
import { simulateHardship } from './simulate-hardship.js';
import { simulateSurvey, type SimulateOptions } from './simulate.js';
import { expectedLogIncome, logIncomeVariance, MODEL, VILLAGES } from './simulate-design.js';
import {
  numericColumn,
  roundTo,
  surveyColumn,
  type SimulatedSurvey,
  type SurveyColumn,
} from './survey-columns.js';

/** Options of `simulatePanel`: those of `simulateSurvey` plus the number of rounds (default 4). */
export interface PanelOptions extends SimulateOptions {
  readonly waves?: number;
}

/** Shock processes per round: probabilities of onset, persistence (1 − recovery) and income losses (log points). */
export const SHOCKS = Object.freeze({
  growth: 0.05,
  persistence: 0.5,
  villageDisaster: 0.08,
  disasterGivenVillage: 0.6,
  disasterIdiosyncratic: 0.01,
  disasterLoss: 0.35,
  /** Share of a disaster's loss still felt a round later. */
  disasterDecay: 0.5,
  housingGivenDisaster: 0.5,
  housingPersists: 0.4,
  housingOnset: 0.005,
  waterGivenVillageDisaster: 0.7,
  waterPersists: 0.3,
  waterOnset: 0.01,
  illness: 0.05,
  illnessChronic: 0.1,
  illnessLoss: 0.15,
  hospitalizedOther: 0.18,
  disability: 0.01,
  disabilityLoss: 0.2,
  accident: 0.03,
  accidentLoss: 0.2,
  jobLoss: 0.1,
  reemployed: 0.5,
  schooling: 0.06,
  schoolingPersists: 0.7,
  schoolingLoss: 0.1,
  /** A household that falls below the line without an allowance is granted one with this probability. */
  allowanceGranted: 0.3,
  gdpGrowth: 0.06,
});

const FLAGS = [
  'shock_illness',
  'shock_disability',
  'shock_disaster',
  'shock_accident',
  'shock_job_loss',
  'unsafe_housing',
  'unsafe_water',
  'schooling_costs',
] as const;

/** Columns that change between rounds; all others are carried over from the first round. */
const VARYING = [
  'per_capita_income',
  'net_income',
  'debt',
  'county_gdp_per_capita',
  'subsistence_allowance',
  'motivation',
  'has_employed_member',
  'disabled_count',
  'hospitalized',
  'wage_share',
  'able_to_work',
] as const;

/**
 * The simulated survey as a panel: the same households over `waves` rounds, one row per
 * household and round (sorted by household, then `wave` 1..W). Round 1 is `simulateSurvey`'s
 * cross-section; the shock flags record events since the previous round (all 0 in round 1,
 * when every household has just met the "three guarantees"). Later rounds draw illness,
 * disability, village-wide disasters (which can leave housing and water unsafe), accidents,
 * job losses and schooling costs; losses recover over the following rounds, incomes grow 5% a
 * round around each household's expected level with an AR(1) transitory part, and households
 * that fall below the line may be granted the subsistence allowance. Registration status,
 * hardship spending and the education and medical flags follow (`simulateHardship`).
 * @example const panel = simulatePanel({ households: 676, seed: 2020, waves: 4 });
 */
export function simulatePanel(options: PanelOptions = {}): SimulatedSurvey {
  const base = simulateSurvey(options);
  const W = options.waves ?? 4;
  const n = base.households;
  const rows = n * W;
  const get = (name: string) => surveyColumn(base, name);
  const at = (i: number, t: number) => i * W + t;
  const out = new Map<string, Float64Array>();
  for (const c of base.columns) {
    const values = new Float64Array(rows);
    const src = c.values;
    for (let i = 0; i < n; i++) values.fill(src[i], at(i, 0), at(i, W));
    out.set(c.name, values);
  }
  const col = (name: string) => out.get(name) as Float64Array;
  const wave = new Float64Array(rows);
  const flags = FLAGS.map(() => new Float64Array(rows));
  const [illness, disability, disaster, accident, jobLoss, housing, water, schooling] = flags;
  for (let i = 0; i < n; i++) for (let t = 0; t < W; t++) wave[at(i, t)] = t + 1;

  const rng = (name: string) => randomStream(base.seed, `panel:${name}`);
  const r = Object.fromEntries(
    [
      'village',
      'disaster',
      'housing',
      'water',
      'illness',
      'disability',
      'accident',
      'job',
      'school',
      'income',
      'debt',
      'allowance',
    ].map((k) => [k, rng(k)]),
  );
  const villageOf = get('village');
  const villageHit = new Uint8Array(VILLAGES.length * W);
  const villageWater = new Uint8Array(VILLAGES.length * W);
  for (let t = 1; t < W; t++) {
    for (let v = 0; v < VILLAGES.length; v++) {
      const hit = r.village.bernoulli(SHOCKS.villageDisaster);
      villageHit[v * W + t] = hit;
      const before = villageWater[v * W + t - 1];
      villageWater[v * W + t] = hit
        ? r.village.bernoulli(SHOCKS.waterGivenVillageDisaster)
        : before
          ? r.village.bernoulli(SHOCKS.waterPersists)
          : 0;
    }
  }

  const S = SHOCKS;
  const male = get('head_male');
  const size = get('family_size');
  const chronic = get('chronic_count');
  const debt0 = get('debt');
  const lnLine = Math.log(base.povertyLine);
  const [
    income,
    net,
    debt,
    gdp,
    allowance,
    motivation,
    employed,
    disabled,
    hospitalized,
    wage,
    able,
  ] = VARYING.map(col);
  for (let i = 0; i < n; i++) {
    const r0 = at(i, 0);
    const x = { headMale: male[i], familySize: size[i], debt: debt0[i], netIncome: net[r0] };
    const mu = expectedLogIncome(x, lnLine);
    const sigma = Math.sqrt(logIncomeVariance(x));
    let u = Math.log(income[r0]) - mu;
    let disasterLoss = 0;
    let permanentLoss = 0;
    let unemployed = false;
    const employedAtStart = employed[r0];
    const wageAtStart = wage[r0];
    const motivationAtStart = motivation[r0];
    for (let t = 1; t < W; t++) {
      const k = at(i, t);
      const p = k - 1;
      const v = villageOf[i];
      disabled[k] = disabled[p];
      able[k] = able[p];
      allowance[k] = allowance[p];
      gdp[k] = Math.round(gdp[p] * (1 + S.gdpGrowth));
      // Events since the previous round.
      disaster[k] = r.disaster.bernoulli(
        villageHit[v * W + t] ? S.disasterGivenVillage : S.disasterIdiosyncratic,
      );
      housing[k] = disaster[k]
        ? r.housing.bernoulli(S.housingGivenDisaster)
        : housing[p]
          ? r.housing.bernoulli(S.housingPersists)
          : r.housing.bernoulli(S.housingOnset);
      water[k] = villageWater[v * W + t] ? 1 : r.water.bernoulli(S.waterOnset);
      illness[k] = r.illness.bernoulli(S.illness + (chronic[i] > 0 ? S.illnessChronic : 0));
      hospitalized[k] = illness[k] ? 1 : r.illness.bernoulli(S.hospitalizedOther);
      disability[k] = disabled[k] < size[i] ? r.disability.bernoulli(S.disability) : 0;
      if (disability[k]) {
        disabled[k] += 1;
        able[k] = Math.max(0, able[k] - 1);
        permanentLoss += S.disabilityLoss;
      }
      accident[k] = r.accident.bernoulli(S.accident);
      if (unemployed) unemployed = r.job.uniform() >= S.reemployed;
      jobLoss[k] = !unemployed && employed[p] === 1 ? r.job.bernoulli(S.jobLoss) : 0;
      if (jobLoss[k]) unemployed = true;
      employed[k] = employedAtStart === 1 && !unemployed && able[k] > 0 ? 1 : 0;
      motivation[k] = motivationAtStart - 0.5 * (employedAtStart - employed[k]);
      wage[k] =
        employed[k] === employedAtStart ? wageAtStart : Math.round(wageAtStart * 0.2 * 1e4) / 1e4;
      schooling[k] = schooling[p]
        ? r.school.bernoulli(S.schoolingPersists)
        : size[i] >= 3
          ? r.school.bernoulli(S.schooling)
          : 0;
      // Income: growth, AR(1) transitory part, and the losses still felt this round.
      disasterLoss = disasterLoss * S.disasterDecay + (disaster[k] ? S.disasterLoss : 0);
      const loss =
        disasterLoss +
        permanentLoss +
        (illness[k] ? S.illnessLoss : 0) +
        (accident[k] ? S.accidentLoss : 0) +
        (unemployed ? 0.6 * wageAtStart : 0) +
        (schooling[k] ? S.schoolingLoss : 0);
      u = S.persistence * u + Math.sqrt(1 - S.persistence ** 2) * sigma * r.income.normal();
      const lnY = mu + S.growth * t + u - loss;
      income[k] = Math.exp(lnY);
      net[k] = Math.max(
        MODEL.minNetIncome,
        Math.round(net[r0] * Math.exp(lnY - Math.log(income[r0]))),
      );
      const rebuild = disaster[k] && housing[k] ? r.debt.lognormal(Math.log(30000), 0.4) : 0;
      debt[k] = Math.round((debt[p] * 0.85 + rebuild) / 100) * 100;
      if (
        allowance[k] === 0 &&
        income[k] < base.povertyLine &&
        r.allowance.bernoulli(S.allowanceGranted)
      ) {
        allowance[k] = size[i];
      }
    }
  }
  roundTo(income, 2);

  const columns: SurveyColumn[] = [];
  for (const c of base.columns) {
    columns.push(Object.freeze({ ...c, values: col(c.name) }));
    if (c.name === 'household_id') columns.push(numericColumn('wave', wave));
  }
  FLAGS.forEach((name, j) => columns.push(numericColumn(name, flags[j])));
  const hardship = simulateHardship(
    {
      illness,
      hospitalized,
      chronic,
      schooling,
      disaster,
      firstIncome: Float64Array.from({ length: n }, (_, i) => income[at(i, 0)]),
    },
    { seed: base.seed, households: n, waves: W },
  );
  for (const [name, values] of hardship) columns.push(numericColumn(name, values));
  return Object.freeze({ ...base, rows, waves: W, columns: Object.freeze(columns) });
}
