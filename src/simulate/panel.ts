import { randomStream, type Random } from './random.js';
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
  const { out, wave } = expandRounds(base, W);
  const flags = FLAGS.map(() => new Float64Array(n * W));
  const panel = panelOf(base, W, out, flags);
  let perCapita2017 = 0;
  for (let i = 0; i < n; i++) perCapita2017 += panel.net0[i] / panel.size[i] / n;
  const round1Scale = (PANEL_DESIGN.round1Mean - PANEL_DESIGN.exitStandard) / perCapita2017;
  for (let i = 0; i < n; i++) {
    const state = firstRound(panel, i, round1Scale);
    for (let t = 1; t < W; t++) {
      roundEvents(panel, i, t, state);
      roundWork(panel, i, t, state);
      roundIncome(panel, i, t, state);
    }
  }
  roundTo(panel.v.per_capita_income, 2);
  return panelSurvey(base, { out, wave, flags, panel });
}

/** The random streams of the panel, one per kind of draw, named after it. */
const STREAMS = [
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
] as const;

/** The panel as the steps see it: its columns by role, the fixed characteristics, the streams. */
interface Panel {
  readonly W: number;
  readonly at: (i: number, t: number) => number;
  readonly v: Readonly<Record<(typeof VARYING)[number] | 'illnessShock', Float64Array>> & {
    readonly disability: Float64Array;
    readonly disaster: Float64Array;
    readonly accident: Float64Array;
    readonly jobLoss: Float64Array;
    readonly housing: Float64Array;
    readonly water: Float64Array;
    readonly schooling: Float64Array;
  };
  readonly size: Float64Array;
  readonly chronic: Float64Array;
  readonly road: Float64Array;
  readonly net0: Float64Array;
  readonly villageOf: Float64Array;
  readonly villageHit: Uint8Array;
  readonly r: Readonly<Record<(typeof STREAMS)[number], Random>>;
}

/** What a household carries from round to round. */
interface HouseholdState {
  readonly permanent: number;
  readonly growth: number;
  readonly employedAtStart: number;
  readonly wageAtStart: number;
  readonly motivationAtStart: number;
  trend: number;
  u: number;
  disasterLoss: number;
  permanentLoss: number;
  unemployed: boolean;
}

/** Every column of the cross-section repeated over W rounds (household-major), and `wave`. */
function expandRounds(
  base: SimulatedSurvey,
  W: number,
): { out: Map<string, Float64Array>; wave: Float64Array } {
  const n = base.households;
  const out = new Map<string, Float64Array>();
  for (const c of base.columns) {
    const values = new Float64Array(n * W);
    for (let i = 0; i < n; i++) values.fill(c.values[i], i * W, (i + 1) * W);
    out.set(c.name, values);
  }
  const wave = new Float64Array(n * W);
  for (let i = 0; i < n; i++) for (let t = 0; t < W; t++) wave[i * W + t] = t + 1;
  return { out, wave };
}

/** The steps' view of the panel; draws which villages a disaster hits in rounds 2..W. */
function panelOf(
  base: SimulatedSurvey,
  W: number,
  out: Map<string, Float64Array>,
  flags: Float64Array[],
): Panel {
  const get = (name: string) => surveyColumn(base, name);
  const col = (name: string) => out.get(name) as Float64Array;
  const r = Object.fromEntries(
    STREAMS.map((k) => [k, randomStream(base.seed, `panel:${k}`)]),
  ) as Panel['r'];
  const villageHit = new Uint8Array(VILLAGES.length * W);
  for (let t = 1; t < W; t++) {
    for (let v = 0; v < VILLAGES.length; v++) {
      villageHit[v * W + t] = r.village.bernoulli(SHOCKS.villageDisaster);
    }
  }
  const [illnessShock, disability, disaster, accident, jobLoss, housing, water, schooling] = flags;
  const varying = Object.fromEntries(VARYING.map((name) => [name, col(name)]));
  return {
    W,
    at: (i, t) => i * W + t,
    v: {
      ...(varying as Record<(typeof VARYING)[number], Float64Array>),
      ...{ illnessShock, disability, disaster, accident, jobLoss, housing, water, schooling },
    },
    size: get('family_size'),
    chronic: get('chronic_count'),
    road: get('road_hardened'),
    net0: get('net_income'),
    villageOf: get('village'),
    villageHit,
    r,
  };
}

/** Round 1 (2020): every household has just passed the exit verification. */
function firstRound(p: Panel, i: number, round1Scale: number): HouseholdState {
  const P = PANEL_DESIGN;
  const { net_income: net, per_capita_income: income, wage_share: wage, motivation } = p.v;
  const employed = p.v.has_employed_member;
  const r0 = p.at(i, 0);
  const permanent = Math.log(P.exitStandard + round1Scale * (p.net0[i] / p.size[i]));
  net[r0] = Math.round(Math.exp(permanent) * p.size[i]);
  income[r0] = net[r0] / p.size[i];
  const growth =
    P.growthWage * (wage[r0] - 0.394) +
    P.growthRoad * (p.road[i] - 0.919) +
    P.growthMotivation * (motivation[r0] - MEAN_MOTIVATION);
  return {
    permanent,
    growth,
    employedAtStart: employed[r0],
    wageAtStart: wage[r0],
    motivationAtStart: motivation[r0],
    trend: 0,
    u: 0,
    disasterLoss: 0,
    permanentLoss: 0,
    unemployed: false,
  };
}

/** The sample mean of motivation the growth of income is centred on. */
const MEAN_MOTIVATION = 2.1;

/**
 * Round t's carried-over columns and its events since the previous round: disaster, unsafe
 * housing and water, illness and hospital stays, disability.
 */
function roundEvents(p: Panel, i: number, t: number, s: HouseholdState): void {
  const S = SHOCKS;
  const { r } = p;
  const v = p.v;
  const k = p.at(i, t);
  const prev = k - 1;
  v.disabled_count[k] = v.disabled_count[prev];
  v.able_to_work[k] = v.able_to_work[prev];
  v.subsistence_allowance[k] = v.subsistence_allowance[prev];
  v.county_gdp_per_capita[k] = Math.round(v.county_gdp_per_capita[prev] * (1 + S.gdpGrowth));
  v.disaster[k] = r.disaster.bernoulli(
    p.villageHit[p.villageOf[i] * p.W + t] ? S.disasterGivenVillage : S.disasterIdiosyncratic,
  );
  v.housing[k] = v.disaster[k]
    ? r.housing.bernoulli(S.housingGivenDisaster)
    : v.housing[prev]
      ? r.housing.bernoulli(S.housingPersists)
      : r.housing.bernoulli(S.housingOnset);
  v.water[k] = v.disaster[k]
    ? r.water.bernoulli(S.waterGivenDisaster)
    : v.water[prev]
      ? r.water.bernoulli(S.waterPersists)
      : r.water.bernoulli(S.waterOnset);
  v.illnessShock[k] = r.illness.bernoulli(S.illness + (p.chronic[i] > 0 ? S.illnessChronic : 0));
  v.hospitalized[k] = v.illnessShock[k] ? 1 : r.illness.bernoulli(S.hospitalizedOther);
  v.disability[k] = v.disabled_count[k] < p.size[i] ? r.disability.bernoulli(S.disability) : 0;
  if (v.disability[k]) {
    v.disabled_count[k] += 1;
    v.able_to_work[k] = Math.max(0, v.able_to_work[k] - 1);
    s.permanentLoss += S.disabilityLoss;
  }
  v.accident[k] = r.accident.bernoulli(S.accident);
}

/** Round t's work and school: job loss and re-employment, the wage share, schooling costs. */
function roundWork(p: Panel, i: number, t: number, s: HouseholdState): void {
  const S = SHOCKS;
  const { r } = p;
  const v = p.v;
  const employed = v.has_employed_member;
  const k = p.at(i, t);
  const prev = k - 1;
  if (s.unemployed) s.unemployed = r.job.uniform() >= S.reemployed;
  v.jobLoss[k] = !s.unemployed && employed[prev] === 1 ? r.job.bernoulli(S.jobLoss) : 0;
  if (v.jobLoss[k]) s.unemployed = true;
  employed[k] = s.employedAtStart === 1 && !s.unemployed && v.able_to_work[k] > 0 ? 1 : 0;
  v.motivation[k] = s.motivationAtStart - 0.5 * (s.employedAtStart - employed[k]);
  v.wage_share[k] =
    employed[k] === s.employedAtStart ? s.wageAtStart : Math.round(s.wageAtStart * 0.2 * 1e4) / 1e4;
  v.schooling[k] = v.schooling[prev]
    ? r.school.bernoulli(S.schoolingPersists)
    : p.size[i] >= 3
      ? r.school.bernoulli(S.schooling)
      : 0;
}

/**
 * Round t's income: household-specific growth, an AR(1) transitory part, and the losses still
 * felt this round (disasters hit the farm share of income, job loss the wage share); then debt
 * (rebuilding after a disaster) and the allowance granted below the exit standard.
 */
function roundIncome(p: Panel, i: number, t: number, s: HouseholdState): void {
  const S = SHOCKS;
  const P = PANEL_DESIGN;
  const { r } = p;
  const v = p.v;
  const k = p.at(i, t);
  const size = p.size[i];
  const noRoad = p.road[i] === 0;
  s.disasterLoss =
    s.disasterLoss * (noRoad ? S.disasterDecayNoRoad : S.disasterDecay) +
    (v.disaster[k] ? S.disasterLoss * (1 - s.wageAtStart) * (noRoad ? S.disasterNoRoad : 1) : 0);
  const loss =
    s.disasterLoss +
    s.permanentLoss +
    (v.illnessShock[k] ? S.illnessLoss : 0) +
    (v.accident[k] ? S.accidentLoss : 0) +
    (s.unemployed ? 0.6 * s.wageAtStart : 0) +
    (v.schooling[k] ? S.schoolingLoss : 0);
  s.trend += P.growth[Math.min(t - 1, P.growth.length - 1)] + s.growth;
  s.u =
    P.persistence * s.u + Math.sqrt(1 - P.persistence ** 2) * P.transitorySd * r.income.normal();
  v.net_income[k] = Math.max(
    MODEL.minNetIncome,
    Math.round(Math.exp(s.permanent + s.trend + s.u - loss) * size),
  );
  v.per_capita_income[k] = v.net_income[k] / size;
  const rebuild = v.disaster[k] && v.housing[k] ? r.debt.lognormal(Math.log(30000), 0.4) : 0;
  v.debt[k] = Math.round((v.debt[k - 1] * 0.85 + rebuild) / 100) * 100;
  if (
    v.subsistence_allowance[k] === 0 &&
    v.per_capita_income[k] < P.exitStandard &&
    r.allowance.bernoulli(S.allowanceGranted)
  ) {
    v.subsistence_allowance[k] = size;
  }
}

/** The panel's columns: the cross-section's in order with `wave` after the id, the shock flags, hardship. */
function panelSurvey(
  base: SimulatedSurvey,
  parts: {
    out: Map<string, Float64Array>;
    wave: Float64Array;
    flags: Float64Array[];
    panel: Panel;
  },
): SimulatedSurvey {
  const { out, wave, flags, panel } = parts;
  const { W, v } = panel;
  const n = base.households;
  const columns: SurveyColumn[] = [];
  for (const c of base.columns) {
    columns.push(Object.freeze({ ...c, values: out.get(c.name) as Float64Array }));
    if (c.name === 'household_id') columns.push(numericColumn('wave', wave));
  }
  FLAGS.forEach((name, j) => columns.push(numericColumn(name, flags[j])));
  const hardship = simulateHardship(
    {
      illness: v.illnessShock,
      hospitalized: v.hospitalized,
      chronic: panel.chronic,
      schooling: v.schooling,
      disaster: v.disaster,
      firstIncome: Float64Array.from({ length: n }, (_, i) => v.per_capita_income[panel.at(i, 0)]),
    },
    { seed: base.seed, households: n, waves: W },
  );
  for (const [name, values] of hardship) columns.push(numericColumn(name, values));
  return Object.freeze({ ...base, rows: n * W, waves: W, columns: Object.freeze(columns) });
}
