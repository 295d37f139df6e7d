/**
 * The design of povrisk's simulated survey: the sampling frame (3 counties, 8 townships,
 * 15 villages) and every constant of the generating model. The constants were calibrated so
 * that the marginal means and standard deviations match the paper's Tables 1 and 3 and the
 * three-step FGLS vulnerability matches the overall row of Table 2; `simulate.test.ts` checks
 * both. These are simulated data shaped like the paper's, not the paper's microdata.
 */

/** A village of the sampling frame: its township, county, share of the sample and road status. */
export interface VillageDesign {
  readonly village: string;
  readonly township: string;
  readonly county: string;
  /** Share of the sample's households (the shares sum to 1). */
  readonly share: number;
  /** 1 when the village's hardened road meets the standard. */
  readonly road: 0 | 1;
}

const v = (
  village: string,
  township: string,
  county: string,
  share: number,
  road: 0 | 1,
): VillageDesign => Object.freeze({ village, township, county, share, road });

/** The 15 villages. Two without a standard road hold 8.14% of households (Table 3: 0.9186). */
export const VILLAGES: readonly VillageDesign[] = Object.freeze([
  v('V01', 'Xide T1', 'Xide', 0.072, 1),
  v('V02', 'Xide T1', 'Xide', 0.068, 1),
  v('V03', 'Xide T2', 'Xide', 0.066, 1),
  v('V04', 'Xide T2', 'Xide', 0.0634, 0),
  v('V05', 'Xide T3', 'Xide', 0.068, 1),
  v('V06', 'Xide T3', 'Xide', 0.0626, 1),
  v('V07', 'Yanyuan T4', 'Yanyuan', 0.07, 1),
  v('V08', 'Yanyuan T4', 'Yanyuan', 0.066, 1),
  v('V09', 'Yanyuan T5', 'Yanyuan', 0.064, 1),
  v('V10', 'Yanyuan T5', 'Yanyuan', 0.068, 1),
  v('V11', 'Yanyuan T6', 'Yanyuan', 0.062, 1),
  v('V12', 'Muli T7', 'Muli', 0.088, 1),
  v('V13', 'Muli T7', 'Muli', 0.084, 1),
  v('V14', 'Muli T8', 'Muli', 0.08, 1),
  v('V15', 'Muli T8', 'Muli', 0.018, 0),
]);

/** The three counties in the paper's order, with their GDP per capita (CNY, constant within a county). */
export const COUNTIES: readonly { readonly county: string; readonly gdpPerCapita: number }[] =
  Object.freeze([
    Object.freeze({ county: 'Xide', gdpPerCapita: 13861 }),
    Object.freeze({ county: 'Muli', gdpPerCapita: 26916 }),
    Object.freeze({ county: 'Yanyuan', gdpPerCapita: 20800 }),
  ]);

/** Probability mass functions of the household characteristics drawn directly. */
export const PMF = Object.freeze({
  /** Family size 1..10 (a discretised normal; mean 4.429, SD 1.532). */
  familySize: [
    0.02716, 0.0756, 0.16895, 0.2485, 0.24063, 0.1534, 0.06436, 0.01776, 0.00322, 0.00042,
  ],
  /** Head's education 1..5. */
  education: [0.91668, 0.05824, 0.01908, 0.005, 0.001],
  /** Disabled members 0..2. */
  disabled: [0.86699, 0.1329, 0.00011],
  /** Chronic patients 0..2. */
  chronic: [0.9557, 0.0398, 0.0045],
  /** Head's ethnicity (Han, Yi, other) by county; the mixture gives Table 3's mean and SD. */
  ethnicity: {
    Xide: [0.02, 0.96, 0.02],
    Yanyuan: [0.07, 0.83, 0.1],
    Muli: [0.0389, 0.6252, 0.3359],
  } as Readonly<Record<string, readonly number[]>>,
});

/** Constants of the generating model (see `simulate.ts` for where each enters). */
export const MODEL = Object.freeze({
  headMale: 0.9216,
  /** Each non-disabled member is able to work with this probability. */
  ableToWork: 0.55,
  /** Hospitalisation: probability with and without a chronic patient at home. */
  hospitalizedChronic: 0.6,
  hospitalizedOther: 0.2075,
  /** Loading of the motivation items on the household's latent drive. */
  driveLoading: 0.42,
  /** Item probabilities: fund loan, own business, microloan, training, employed (given able). */
  items: [0.45, 0.2, 0.4, 0.52, 0.62],
  /** Wage share: Beta(a, b) with an employed member; else 0 with probability zero, else Beta. */
  wageEmployed: [1.6, 1.1],
  wageZero: 0.45,
  wageOther: [0.6, 1.8],
  /** Subsistence allowance: take-up probability (base, +disabled, +chronic, +no one able to work). */
  allowance: [0.36, 0.2, 0.1, 0.3],
  /** Share of recipient households in which every member receives the allowance. */
  allowanceWholeFamily: 0.63,
  /** Building loans (debt = building loan and/or microloan); positive debt is lognormal. */
  buildingLoan: 0.34,
  /** Net income: standardised loadings of its latent log score (see simulate.ts). */
  netLoadings: {
    county_gdp_per_capita: 0.3,
    road_hardened: 0.3,
    motivation: 0.35,
    wage_share: 0.35,
    disabled_count: -0.2,
    subsistence_allowance: -0.15,
    head_male: 0.05,
    han: 0.08,
    head_education: 0.08,
    family_size: 0.2,
  } as Readonly<Record<string, number>>,
  /** Variance of the latent score's systematic part (computed at N = 10^6). */
  netScoreVariance: 0.62,
  /** Floor of family net income (CNY). */
  minNetIncome: 1000,
  /** Income equation of ln per-capita income: intercept offset from ln(line), slopes. */
  income: { offset: 0.53, headMale: 0.1, familySize: -0.28, debt: -1e-6, netIncome: 1.8e-5 },
  /** Variance of ln per-capita income: base, +female head, +per CNY of debt. */
  variance: { base: 0.02, femaleHead: 0.03, debt: 2e-7 },
});

/** A household's regressors in the income equation. */
export interface IncomeRegressors {
  readonly headMale: number;
  readonly familySize: number;
  readonly debt: number;
  readonly netIncome: number;
}

/**
 * Expected ln per-capita income of a household: linear in head_male, family_size, debt and
 * net_income (centred at the published means), placed `MODEL.income.offset` above ln(line).
 * @example expectedLogIncome({ headMale: 1, familySize: 4, debt: 0, netIncome: 30000 }, Math.log(2563))
 */
export function expectedLogIncome(x: IncomeRegressors, lnLine: number): number {
  const eq = MODEL.income;
  return (
    lnLine +
    eq.offset +
    eq.headMale * (x.headMale - 0.9216) +
    eq.familySize * (x.familySize - 4.429) +
    eq.debt * (x.debt - 26224.85) +
    eq.netIncome * (x.netIncome - 35274)
  );
}

/**
 * Variance of ln per-capita income around its expectation: linear in the regressors (higher for
 * female heads and indebted households), as the paper's variance equation assumes.
 * @example logIncomeVariance({ headMale: 0, familySize: 4, debt: 50000, netIncome: 30000 })
 */
export function logIncomeVariance(x: IncomeRegressors): number {
  const ve = MODEL.variance;
  return ve.base + ve.femaleHead * (1 - x.headMale) + ve.debt * x.debt;
}
