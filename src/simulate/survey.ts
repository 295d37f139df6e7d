import { DICTIONARY } from '../paper/dictionary.js';
import { cumulative, probit, randomStream } from './random.js';
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

  // Household characteristics drawn directly from their distributions.
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

  // Motivation: five items loading on a latent drive; wage share follows employment.
  const items = Array.from({ length: 5 }, col);
  const [motivation, support, wageShare, allowance] = [col(), col(), col(), col()];
  const thresholds = MODEL.items.map((p) => probit(1 - p));
  const loading = MODEL.driveLoading;
  const unique = Math.sqrt(1 - loading * loading);
  const rDrive = rng('drive');
  const rItems = [
    'industry_fund_loan',
    'own_business',
    'microloan',
    'employment_training',
    'has_employed_member',
  ].map(rng);
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

  // Net income: lognormal with Table 1's mean and SD; its log is a standardised score of the
  // household's characteristics (the planted effects) plus noise.
  const netIncome = col();
  const inputs: Record<string, Float64Array> = {
    county_gdp_per_capita: gdp,
    road_hardened: road,
    motivation,
    wage_share: wageShare,
    disabled_count: disabled,
    subsistence_allowance: allowance,
    head_male: male,
    head_education: education,
    family_size: size,
  };
  const terms = Object.entries(MODEL.netLoadings).map(([name, loadingK]) => {
    if (name === 'han')
      return { x: ethnicity, mean: 0.04155, sd: 0.19957, loading: loadingK, han: true };
    const m = published(name);
    return { x: inputs[name], mean: m.mean, sd: m.sd, loading: loadingK, han: false };
  });
  // Gamma(k, θ) with Table 1's mean and SD, through the Wilson–Hilferty transform of the
  // standard normal score (monotone, so the score's ordering carries over).
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

  // Debt: building loans and microloans; positive amounts lognormal, Table 1's mean and SD overall.
  const debt = col();
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
    if (building === 1 || items[2][i] === 1)
      debt[i] = Math.max(100, Math.round(amount / 100) * 100);
  }

  // Per-capita income from the heteroskedastic income equation.
  const income = col();
  const rIncome = rng('per_capita_income');
  const lnLine = Math.log(line);
  for (let i = 0; i < n; i++) {
    const x = { headMale: male[i], familySize: size[i], debt: debt[i], netIncome: netIncome[i] };
    income[i] = Math.exp(
      expectedLogIncome(x, lnLine) + Math.sqrt(logIncomeVariance(x)) * rIncome.normal(),
    );
  }
  roundTo(income, 2);

  const columns: SurveyColumn[] = [
    numericColumn('household_id', householdId),
    textColumn('county', county, countyNames),
    textColumn('township', township, townships),
    textColumn(
      'village',
      village,
      VILLAGES.map((v) => v.village),
    ),
    numericColumn('head_male', male),
    numericColumn('family_size', size),
    numericColumn('debt', debt),
    numericColumn('net_income', netIncome),
    numericColumn('per_capita_income', income, 2),
    numericColumn('subsistence_allowance', allowance),
    numericColumn('industrial_support', support),
    numericColumn('road_hardened', road),
    numericColumn('county_gdp_per_capita', gdp),
    numericColumn('motivation', motivation, 1),
    numericColumn('industry_fund_loan', items[0]),
    numericColumn('own_business', items[1]),
    numericColumn('microloan', items[2]),
    numericColumn('employment_training', items[3]),
    numericColumn('has_employed_member', items[4]),
    numericColumn('head_ethnicity', ethnicity),
    numericColumn('disabled_count', disabled),
    numericColumn('hospitalized', hospitalized),
    numericColumn('chronic_count', chronic),
    numericColumn('wage_share', wageShare, 4),
    numericColumn('head_education', education),
    numericColumn('able_to_work', able),
  ];
  return Object.freeze({
    rows: n,
    households: n,
    waves: 1,
    seed,
    povertyLine: line,
    columns: Object.freeze(columns),
  });
}
