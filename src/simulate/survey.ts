import { DICTIONARY } from '../paper/dictionary.js';
import { cumulative, probit, randomStream, type Random } from './random.js';
import { COUNTIES, expectedLogIncome, logIncomeVariance, MODEL, PMF, VILLAGES } from './design.js';
import {
  numericColumn,
  roundTo,
  textColumn,
  type SimulatedSurvey,
  type SurveyColumn,
} from './survey-columns.js';

/** The demo survey: as many households as the paper's, and a fixed seed. */
export const DEMO_HOUSEHOLDS = 676;
export const DEMO_SEED = 2020;

/** PPP conversion factor for private consumption, CNY per 2011 international dollar (World Bank). */
export const PPP_2011_CNY = 3.696;

/** The paper's poverty line: 1.9 international dollars a day, in CNY per person per year. */
export const SIMULATION_POVERTY_LINE = 1.9 * 365 * PPP_2011_CNY;

/** Options of `simulateSurvey`. Defaults: 676 households, seed 2020, the 1.90-dollar line. */
export interface SimulateOptions {
  readonly households?: number;
  readonly seed?: number;
  /** Poverty line (CNY per person per year) the income equation is placed against. */
  readonly povertyLine?: number;
}

const published = (name: string): { mean: number; sd: number } => {
  const e = DICTIONARY.find((d) => d.name === name);
  if (!e) throw new RangeError(`no dictionary entry '${name}'`);
  return e;
};

/**
 * Allocates households to villages in proportion to their shares (largest remainder), in
 * village order, as a stratified sample does; returns each household's village index.
 */
function allocate(n: number): Uint8Array {
  const quotas = VILLAGES.map((v) => v.share * n);
  const counts = quotas.map(Math.floor);
  const order = quotas
    .map((q, k) => [q - Math.floor(q), k])
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let r = n - counts.reduce((a, b) => a + b, 0), j = 0; r > 0; r--, j++) counts[order[j][1]]++;
  const village = new Uint8Array(n);
  let i = 0;
  counts.forEach((c, k) => village.fill(k, i, (i += c)));
  return village;
}

/**
 * A synthetic survey shaped like the paper's: 3 counties, 15 villages, the data dictionary's
 * columns and codings, marginal moments matching Tables 1 and 3, and a per-capita income drawn
 * from a heteroskedastic log-linear income equation in head_male, family_size, debt and
 * net_income, placed so that three-step FGLS vulnerability reproduces Table 2's overall row.
 * Road, motivation, county GDP and the wage share raise net income (lowering the risk); disabled
 * members and subsistence allowance recipients lower it. Same options, same survey, bit for bit.
 * @example const survey = simulateSurvey({ households: 676, seed: 2020 });
 */
export function simulateSurvey(options: SimulateOptions = {}): SimulatedSurvey {
  const n = options.households ?? DEMO_HOUSEHOLDS;
  const seed = options.seed ?? DEMO_SEED;
  const line = options.povertyLine ?? SIMULATION_POVERTY_LINE;
  const rng = (name: string) => randomStream(seed, name);
  const place = placeHouseholds(n);
  const h = drawCharacteristics(n, rng, place.county);
  const m = drawMotivation(n, rng, h);
  const netIncome = drawNetIncome(n, rng, { ...place, ...h, ...m });
  const debt = drawDebt(n, rng, m.items[2]);
  const income = drawIncome(n, rng, { male: h.male, size: h.size, debt, netIncome }, line);
  const columns = surveyColumns({ ...place, ...h, ...m, netIncome, debt, income });
  return Object.freeze({
    rows: n,
    households: n,
    waves: 1,
    seed,
    povertyLine: line,
    columns: Object.freeze(columns),
  });
}

type Streams = (name: string) => Random;

/** Where each household lives: its id, county, township and village, road and county GDP. */
function placeHouseholds(n: number) {
  const col = () => new Float64Array(n);
  const villageOf = allocate(n);
  const townships = [...new Set(VILLAGES.map((v) => v.township))];
  const countyNames = COUNTIES.map((c) => c.county);
  const [householdId, county, township, village, road, gdp] = [
    col(),
    col(),
    col(),
    col(),
    col(),
    col(),
  ];
  for (let i = 0; i < n; i++) {
    const v = VILLAGES[villageOf[i]];
    const c = countyNames.indexOf(v.county);
    householdId[i] = i + 1;
    village[i] = villageOf[i];
    township[i] = townships.indexOf(v.township);
    county[i] = c;
    road[i] = v.road;
    gdp[i] = COUNTIES[c].gdpPerCapita;
  }
  return { householdId, county, township, village, road, gdp, townships, countyNames };
}

/** Household characteristics drawn directly from their distributions. */
function drawCharacteristics(n: number, rng: Streams, county: Float64Array) {
  const col = () => new Float64Array(n);
  const countyNames = COUNTIES.map((c) => c.county);
  const [male, size, education, disabled, chronic, hospitalized, ethnicity, able] = Array.from(
    { length: 8 },
    col,
  );
  const cdf = {
    size: cumulative(PMF.familySize),
    education: cumulative(PMF.education),
    disabled: cumulative(PMF.disabled),
    chronic: cumulative(PMF.chronic),
    ethnicity: countyNames.map((c) => cumulative(PMF.ethnicity[c])),
  };
  const r = {
    male: rng('head_male'),
    size: rng('family_size'),
    education: rng('head_education'),
    disabled: rng('disabled_count'),
    chronic: rng('chronic_count'),
    hospitalized: rng('hospitalized'),
    ethnicity: rng('head_ethnicity'),
    able: rng('able_to_work'),
  };
  for (let i = 0; i < n; i++) {
    male[i] = r.male.bernoulli(MODEL.headMale);
    size[i] = 1 + r.size.categorical(cdf.size);
    education[i] = 1 + r.education.categorical(cdf.education);
    disabled[i] = Math.min(size[i], r.disabled.categorical(cdf.disabled));
    chronic[i] = Math.min(size[i], r.chronic.categorical(cdf.chronic));
    hospitalized[i] = r.hospitalized.bernoulli(
      chronic[i] > 0 ? MODEL.hospitalizedChronic : MODEL.hospitalizedOther,
    );
    ethnicity[i] = r.ethnicity.categorical(cdf.ethnicity[county[i]]);
    able[i] = r.able.binomial(size[i] - disabled[i], MODEL.ableToWork);
  }
  return { male, size, education, disabled, chronic, hospitalized, ethnicity, able };
}

/** The five motivation items (loading on a latent drive), support, wage share and allowance. */
function drawMotivation(
  n: number,
  rng: Streams,
  h: { size: Float64Array; disabled: Float64Array; chronic: Float64Array; able: Float64Array },
) {
  const col = () => new Float64Array(n);
  const { size, disabled, chronic, able } = h;
  const items = Array.from({ length: 5 }, col);
  const [motivation, support, wageShare, allowance] = [col(), col(), col(), col()];
  const thresholds = MODEL.items.map((p) => probit(1 - p));
  const loading = MODEL.driveLoading;
  const unique = Math.sqrt(1 - loading * loading);
  const rDrive = rng('drive');
  const rItems = MOTIVATION_ITEMS.map(rng);
  const rSupport = rng('industrial_support');
  const rWage = rng('wage_share');
  const rAllowance = rng('subsistence_allowance');
  const pSupport = (published('industrial_support').mean - MODEL.items[0]) / (1 - MODEL.items[0]);
  const [pBase, pDisabled, pChronic, pNoWorker] = MODEL.allowance;
  for (let i = 0; i < n; i++) {
    const drive = rDrive.normal();
    for (let k = 0; k < 5; k++) {
      const hit = loading * drive + unique * rItems[k].normal() > thresholds[k] ? 1 : 0;
      items[k][i] = k === 4 && able[i] === 0 ? 0 : hit;
    }
    motivation[i] = items[0][i] + items[1][i] + items[2][i] + items[3][i] + 0.5 * items[4][i];
    support[i] = items[0][i] === 1 ? 1 : rSupport.bernoulli(pSupport);
    if (items[4][i] === 1) wageShare[i] = rWage.beta(MODEL.wageEmployed[0], MODEL.wageEmployed[1]);
    else
      wageShare[i] =
        rWage.uniform() < MODEL.wageZero ? 0 : rWage.beta(MODEL.wageOther[0], MODEL.wageOther[1]);
    const pTake =
      pBase +
      (disabled[i] > 0 ? pDisabled : 0) +
      (chronic[i] > 0 ? pChronic : 0) +
      (able[i] === 0 ? pNoWorker : 0);
    if (rAllowance.uniform() < pTake) {
      allowance[i] =
        rAllowance.uniform() < MODEL.allowanceWholeFamily
          ? size[i]
          : 1 + rAllowance.binomial(size[i] - 1, 0.3);
    }
  }
  roundTo(wageShare, 4);
  return { items, motivation, support, wageShare, allowance };
}

/** The motivation items, in the order of `MODEL.items`. */
const MOTIVATION_ITEMS = [
  'industry_fund_loan',
  'own_business',
  'microloan',
  'employment_training',
  'has_employed_member',
];

/**
 * Net income: Gamma with Table 1's mean and SD, through the Wilson–Hilferty transform of a
 * standardised score of the household's characteristics (the planted effects) plus noise
 * (monotone, so the score's ordering carries over).
 */
function drawNetIncome(
  n: number,
  rng: Streams,
  x: Record<
    | 'gdp'
    | 'road'
    | 'motivation'
    | 'wageShare'
    | 'disabled'
    | 'allowance'
    | 'male'
    | 'education'
    | 'size'
    | 'ethnicity',
    Float64Array
  >,
): Float64Array {
  const netIncome = new Float64Array(n);
  const inputs: Record<string, Float64Array> = {
    county_gdp_per_capita: x.gdp,
    road_hardened: x.road,
    motivation: x.motivation,
    wage_share: x.wageShare,
    disabled_count: x.disabled,
    subsistence_allowance: x.allowance,
    head_male: x.male,
    head_education: x.education,
    family_size: x.size,
  };
  const terms = Object.entries(MODEL.netLoadings).map(([name, loadingK]) => {
    if (name === 'han')
      return { x: x.ethnicity, mean: 0.04155, sd: 0.19957, loading: loadingK, han: true };
    const m = published(name);
    return { x: inputs[name], mean: m.mean, sd: m.sd, loading: loadingK, han: false };
  });
  const net = published('net_income');
  const shape = (net.mean / net.sd) ** 2;
  const scale = net.sd ** 2 / net.mean;
  const noise = Math.sqrt(1 - MODEL.netScoreVariance);
  const rNet = rng('net_income');
  for (let i = 0; i < n; i++) {
    let score = 0;
    for (const t of terms)
      score += (t.loading * ((t.han ? (t.x[i] === 0 ? 1 : 0) : t.x[i]) - t.mean)) / t.sd;
    const z = score + noise * rNet.normal();
    const cube = 1 - 1 / (9 * shape) + z / (3 * Math.sqrt(shape));
    netIncome[i] = Math.max(MODEL.minNetIncome, Math.round(shape * scale * cube * cube * cube));
  }
  return netIncome;
}

/** Debt: building loans and microloans; positive amounts lognormal, Table 1's mean and SD overall. */
function drawDebt(n: number, rng: Streams, microloan: Float64Array): Float64Array {
  const debt = new Float64Array(n);
  const debtStats = published('debt');
  const pDebt = 1 - (1 - MODEL.items[2]) * (1 - MODEL.buildingLoan);
  const posMean = debtStats.mean / pDebt;
  const posVar = (debtStats.sd ** 2 + debtStats.mean ** 2) / pDebt - posMean ** 2;
  const debtSdlog = Math.sqrt(Math.log(1 + posVar / posMean ** 2));
  const debtMeanlog = Math.log(posMean) - (debtSdlog * debtSdlog) / 2;
  const rDebt = rng('debt');
  for (let i = 0; i < n; i++) {
    const building = rDebt.bernoulli(MODEL.buildingLoan);
    const amount = rDebt.lognormal(debtMeanlog, debtSdlog);
    if (building === 1 || microloan[i] === 1)
      debt[i] = Math.max(100, Math.round(amount / 100) * 100);
  }
  return debt;
}

/** Per-capita income from the heteroskedastic income equation, placed against the line. */
function drawIncome(
  n: number,
  rng: Streams,
  x: Record<'male' | 'size' | 'debt' | 'netIncome', Float64Array>,
  line: number,
): Float64Array {
  const income = new Float64Array(n);
  const rIncome = rng('per_capita_income');
  const lnLine = Math.log(line);
  for (let i = 0; i < n; i++) {
    const h = {
      headMale: x.male[i],
      familySize: x.size[i],
      debt: x.debt[i],
      netIncome: x.netIncome[i],
    };
    income[i] = Math.exp(
      expectedLogIncome(h, lnLine) + Math.sqrt(logIncomeVariance(h)) * rIncome.normal(),
    );
  }
  return roundTo(income, 2);
}

/** The survey's columns, in the data dictionary's order. */
function surveyColumns(
  c: Record<
    | 'householdId'
    | 'county'
    | 'township'
    | 'village'
    | 'male'
    | 'size'
    | 'debt'
    | 'netIncome'
    | 'income'
    | 'allowance'
    | 'support'
    | 'road'
    | 'gdp'
    | 'motivation'
    | 'ethnicity'
    | 'disabled'
    | 'hospitalized'
    | 'chronic'
    | 'wageShare'
    | 'education'
    | 'able',
    Float64Array
  > & { items: Float64Array[]; townships: string[]; countyNames: string[] },
): SurveyColumn[] {
  return [
    numericColumn('household_id', c.householdId),
    textColumn('county', c.county, c.countyNames),
    textColumn('township', c.township, c.townships),
    textColumn(
      'village',
      c.village,
      VILLAGES.map((v) => v.village),
    ),
    numericColumn('head_male', c.male),
    numericColumn('family_size', c.size),
    numericColumn('debt', c.debt),
    numericColumn('net_income', c.netIncome),
    numericColumn('per_capita_income', c.income, 2),
    numericColumn('subsistence_allowance', c.allowance),
    numericColumn('industrial_support', c.support),
    numericColumn('road_hardened', c.road),
    numericColumn('county_gdp_per_capita', c.gdp),
    numericColumn('motivation', c.motivation, 1),
    numericColumn('industry_fund_loan', c.items[0]),
    numericColumn('own_business', c.items[1]),
    numericColumn('microloan', c.items[2]),
    numericColumn('employment_training', c.items[3]),
    numericColumn('has_employed_member', c.items[4]),
    numericColumn('head_ethnicity', c.ethnicity),
    numericColumn('disabled_count', c.disabled),
    numericColumn('hospitalized', c.hospitalized),
    numericColumn('chronic_count', c.chronic),
    numericColumn('wage_share', c.wageShare, 4),
    numericColumn('head_education', c.education),
    numericColumn('able_to_work', c.able),
  ];
}
