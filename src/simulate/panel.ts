import { randomStream } from './random.js';
import { simulateHardship } from './hardship.js';
import { simulateSurvey, type SimulateOptions } from './survey.js';
import { MODEL, VILLAGES } from './design.js';
import { PANEL_DESIGN, SHOCKS } from './panel-design.js';
import {
  numericColumn,
  roundTo,
  surveyColumn,
  type SimulatedSurvey,
  type SurveyColumn,
} from './survey-columns.js';

/** Options of `simulatePanel`: those of `simulateSurvey` plus the number of rounds (default 4). */
export { SHOCKS } from './panel-design.js';

export interface PanelOptions extends SimulateOptions {
  readonly waves?: number;
}

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
 * The simulated survey as a panel: the same households over `waves` rounds (round 1 = 2020),
 * one row per household and round (sorted by household, then `wave` 1..W). Household
 * characteristics come from `simulateSurvey`'s cross-section; incomes are redrawn so that
 * per_capita_income = net_income / family_size (to the cent) at levels that match published
 * figures (see `PANEL_DESIGN`): in round 1 every household is above the 2020 exit standard
 * (4,000 CNY) with a mean of 10,740 CNY. Later rounds grow (faster with a higher wage share, a
 * hardened road and more motivation) around an AR(1) transitory part, and draw illness,
 * disability, village-wide disasters (which can leave housing and water unsafe, and hit
 * villages without a hardened road harder), accidents, job losses and schooling costs; losses
 * recover over the following rounds; households that fall below the exit standard may be
 * granted the subsistence allowance. The shock flags record events since the previous round
 * (all 0 in round 1). Registration status, hardship spending and the education and medical
 * flags follow (`simulateHardship`).
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
  for (let t = 1; t < W; t++) {
    for (let v = 0; v < VILLAGES.length; v++) {
      const hit = r.village.bernoulli(SHOCKS.villageDisaster);
      villageHit[v * W + t] = hit;
    }
  }

  const S = SHOCKS;
  const size = get('family_size');
  const chronic = get('chronic_count');
  const P = PANEL_DESIGN;
  const road = get('road_hardened');
  const net0 = get('net_income');
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
  const meanMotivation = 2.1;
  let perCapita2017 = 0;
  for (let i = 0; i < n; i++) perCapita2017 += net0[i] / size[i] / n;
  const round1Scale = (P.round1Mean - P.exitStandard) / perCapita2017;
  for (let i = 0; i < n; i++) {
    const r0 = at(i, 0);
    // Round 1 (2020): every household has just passed the exit verification.
    const permanent = Math.log(P.exitStandard + round1Scale * (net0[i] / size[i]));
    net[r0] = Math.round(Math.exp(permanent) * size[i]);
    income[r0] = net[r0] / size[i];
    const growth =
      P.growthWage * (wage[r0] - 0.394) +
      P.growthRoad * (road[i] - 0.919) +
      P.growthMotivation * (motivation[r0] - meanMotivation);
    let trend = 0;
    let u = 0;
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
      water[k] = disaster[k]
        ? r.water.bernoulli(S.waterGivenDisaster)
        : water[p]
          ? r.water.bernoulli(S.waterPersists)
          : r.water.bernoulli(S.waterOnset);
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
      // Income: household-specific growth, an AR(1) transitory part, and the losses still
      // felt this round (disasters hit the farm share of income, job loss the wage share).
      const noRoad = road[i] === 0;
      disasterLoss =
        disasterLoss * (noRoad ? S.disasterDecayNoRoad : S.disasterDecay) +
        (disaster[k] ? S.disasterLoss * (1 - wageAtStart) * (noRoad ? S.disasterNoRoad : 1) : 0);
      const loss =
        disasterLoss +
        permanentLoss +
        (illness[k] ? S.illnessLoss : 0) +
        (accident[k] ? S.accidentLoss : 0) +
        (unemployed ? 0.6 * wageAtStart : 0) +
        (schooling[k] ? S.schoolingLoss : 0);
      trend += P.growth[Math.min(t - 1, P.growth.length - 1)] + growth;
      u =
        P.persistence * u + Math.sqrt(1 - P.persistence ** 2) * P.transitorySd * r.income.normal();
      net[k] = Math.max(
        MODEL.minNetIncome,
        Math.round(Math.exp(permanent + trend + u - loss) * size[i]),
      );
      income[k] = net[k] / size[i];
      const rebuild = disaster[k] && housing[k] ? r.debt.lognormal(Math.log(30000), 0.4) : 0;
      debt[k] = Math.round((debt[p] * 0.85 + rebuild) / 100) * 100;
      if (
        allowance[k] === 0 &&
        income[k] < P.exitStandard &&
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
