/** One variable of the study's data dictionary, with the moments the paper publishes. */
export interface DictionaryEntry {
  readonly name: string;
  /** The paper's table: 1 (income equation) or 3 (explanatory variables). */
  readonly table: 1 | 3;
  readonly label: string;
  readonly coding: string;
  /** Published sample mean and standard deviation (n = 676). */
  readonly mean: number;
  readonly sd: number;
}

const entry = (
  name: string,
  table: 1 | 3,
  label: string,
  coding: string,
  mean: number,
  sd: number,
): DictionaryEntry => Object.freeze({ name, table, label, coding, mean, sd });

/**
 * The study's data dictionary: column names, labels and codings of Ouyang's survey of 676
 * households in Liangshan Prefecture (2020), with the means and standard deviations published in
 * Tables 1 and 3, in the paper's order. Transcribed from the paper; povrisk never reads the
 * paper at run time.
 * @example DICTIONARY.find((v) => v.name === 'motivation')?.label // 'Endogenous development motivation'
 */
export const DICTIONARY: readonly DictionaryEntry[] = Object.freeze([
  entry('head_male', 1, 'Gender of head of household', 'male=1, female=0', 0.9216, 0.269),
  entry('family_size', 1, 'Family size', 'permanent residents', 4.429, 1.5317),
  entry(
    'debt',
    1,
    'Partial family debt',
    'loans for building plus microloans, CNY',
    26224.85,
    38696.16,
  ),
  entry('net_income', 1, 'Family annual net income', 'CNY, 2017', 35274, 21453.86),
  entry(
    'subsistence_allowance',
    3,
    'Subsistence allowance policy',
    'number of people receiving subsistence allowance at home',
    1.4231,
    2.1001,
  ),
  entry(
    'industrial_support',
    3,
    'Industrial targeted poverty alleviation policies',
    'enjoys industry support policies, yes=1',
    0.8003,
    0.4001,
  ),
  entry(
    'road_hardened',
    3,
    'Transportation infrastructure construction',
    'village hardened road meets the standard, yes=1 (village level)',
    0.9186,
    0.2736,
  ),
  entry(
    'county_gdp_per_capita',
    3,
    'Regional economic situation',
    'county GDP per capita 2019, CNY (county level)',
    19675.66,
    5300.368,
  ),
  entry(
    'motivation',
    3,
    'Endogenous development motivation',
    'industry_fund_loan + own_business + microloan + employment_training (1 each) + 0.5*has_employed_member',
    1.8528,
    1.1354,
  ),
  entry(
    'head_ethnicity',
    3,
    'Nationality of the head of household',
    'Han=0, Yi=1, other minorities=2',
    1.0902,
    0.4064,
  ),
  entry(
    'disabled_count',
    3,
    'Persons with disabilities',
    'number of disabled people at home',
    0.1331,
    0.34,
  ),
  entry('hospitalized', 3, 'Illnesses', 'anyone hospitalized last year, yes=1', 0.2249, 0.4178),
  entry(
    'chronic_count',
    3,
    'Chronic diseases',
    'number of chronic patients at home',
    0.0488,
    0.2354,
  ),
  entry('wage_share', 3, 'Wage income', 'wage income / family net income', 0.3941, 0.3276),
  entry(
    'head_education',
    3,
    'Educational background of head',
    'primary and below=1, junior high=2, vocational=3, high school=4, college and above=5',
    1.1154,
    0.4269,
  ),
]);

/**
 * Labels of the other columns of a povrisk survey file (identifiers, the items behind
 * `motivation`, the outcome and the panel's shock flags), for tables and the dashboard.
 * @example EXTRA_LABELS.per_capita_income // 'Per capita household income (CNY)'
 */
export const EXTRA_LABELS: Readonly<Record<string, string>> = Object.freeze({
  household_id: 'Household identifier',
  county: 'County',
  township: 'Township',
  village: 'Village',
  wave: 'Survey round',
  per_capita_income: 'Per capita household income (CNY)',
  able_to_work: 'Members able to work',
  industry_fund_loan: 'Borrowed from the industry support fund',
  own_business: 'Runs an own business',
  microloan: 'Microloan for industry or self-employment',
  employment_training: 'Took part in employment training',
  has_employed_member: 'Has an employed member (not working independently in other provinces)',
  shock_illness: 'Shock: serious illness',
  shock_disability: 'Shock: disability',
  shock_disaster: 'Shock: natural disaster',
  shock_accident: 'Shock: accident',
  shock_job_loss: 'Shock: job loss',
  unsafe_housing: 'Housing unsafe',
  unsafe_water: 'Drinking water unsafe',
  schooling_costs: 'Heavy schooling costs',
  vulnerability: 'Probability of returning to poverty',
  '(Intercept)': 'Constant',
});

/**
 * Chinese labels of the dictionary's variables (the names of the paper's Chinese edition) and
 * of the survey file's other columns.
 * @example LABELS_ZH.road_hardened // '交通基础设施建设'
 */
export const LABELS_ZH: Readonly<Record<string, string>> = Object.freeze({
  head_male: '户主性别',
  family_size: '家庭规模',
  debt: '家庭部分负债',
  net_income: '家庭年纯收入',
  subsistence_allowance: '低保政策',
  industrial_support: '产业精准扶贫政策',
  road_hardened: '交通基础设施建设',
  county_gdp_per_capita: '地区经济状况',
  motivation: '内生发展动力',
  head_ethnicity: '户主民族',
  disabled_count: '残疾人',
  hospitalized: '疾病',
  chronic_count: '慢性病',
  wage_share: '工资性收入',
  head_education: '户主受教育程度',
  household_id: '农户编号',
  county: '县',
  township: '乡镇',
  village: '村',
  wave: '调查轮次',
  per_capita_income: '家庭人均收入（元）',
  able_to_work: '有劳动能力人数',
  industry_fund_loan: '获得产业扶持基金贷款',
  own_business: '自主经营',
  microloan: '产业或自主创业小额信贷',
  employment_training: '参加就业培训',
  has_employed_member: '有务工成员（不含在外省独立务工）',
  shock_illness: '冲击：重大疾病',
  shock_disability: '冲击：致残',
  shock_disaster: '冲击：自然灾害',
  shock_accident: '冲击：意外事故',
  shock_job_loss: '冲击：失业',
  unsafe_housing: '住房不安全',
  unsafe_water: '饮水不安全',
  schooling_costs: '教育支出负担重',
  vulnerability: '返贫概率',
  '(Intercept)': '常数项',
});

/**
 * The label of a column: the dictionary's label, then the extra labels, else the name itself;
 * in Chinese (`lang: 'zh-CN'`) the Chinese label first. Default language English.
 * @example variableLabel('road_hardened') // 'Transportation infrastructure construction'
 */
export function variableLabel(name: string, options: { lang?: 'en' | 'zh-CN' } = {}): string {
  if (options.lang === 'zh-CN' && LABELS_ZH[name] !== undefined) return LABELS_ZH[name];
  return DICTIONARY.find((v) => v.name === name)?.label ?? EXTRA_LABELS[name] ?? name;
}
