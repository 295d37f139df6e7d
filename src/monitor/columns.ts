import { DICTIONARY } from '../paper/dictionary.js';

/** How an observation column is checked on import. */
export interface ColumnRule {
  readonly name: string;
  /** `flag`: 0 or 1; `count`: a whole number ≥ 0; `code`: one of `codes`; `number`: any finite. */
  readonly kind: 'flag' | 'count' | 'code' | 'number';
  readonly min?: number;
  readonly max?: number;
  readonly codes?: readonly number[];
}

/** The shock flags of a panel wave, with English and Chinese labels for alert reasons. */
export const SHOCK_FLAGS = Object.freeze([
  { name: 'shock_illness', en: 'major illness', zh: '重大疾病' },
  { name: 'shock_disability', en: 'new disability', zh: '新增残疾' },
  { name: 'shock_disaster', en: 'natural disaster', zh: '自然灾害' },
  { name: 'shock_accident', en: 'accident', zh: '意外事故' },
  { name: 'shock_job_loss', en: 'job loss', zh: '务工就业中断' },
  { name: 'unsafe_housing', en: 'unsafe housing', zh: '住房安全无保障' },
  { name: 'unsafe_water', en: 'unsafe drinking water', zh: '饮水安全无保障' },
  { name: 'schooling_costs', en: 'heavy schooling costs', zh: '教育支出负担重' },
] as const);

/** Names of the shock flags. */
export const SHOCK_NAMES: readonly string[] = Object.freeze(SHOCK_FLAGS.map((s) => s.name));

/** Identifier columns every import file must have (non-empty text). */
export const ID_COLUMNS = Object.freeze(['household_id', 'county', 'township', 'village'] as const);

const DICTIONARY_RULES: Readonly<Record<string, Omit<ColumnRule, 'name'>>> = {
  head_male: { kind: 'flag' },
  family_size: { kind: 'count', min: 1 },
  debt: { kind: 'number', min: 0 },
  net_income: { kind: 'number' },
  subsistence_allowance: { kind: 'count' },
  industrial_support: { kind: 'flag' },
  road_hardened: { kind: 'flag' },
  county_gdp_per_capita: { kind: 'number', min: 0 },
  motivation: { kind: 'number', min: 0 },
  head_ethnicity: { kind: 'code', codes: [0, 1, 2] },
  disabled_count: { kind: 'count' },
  hospitalized: { kind: 'flag' },
  chronic_count: { kind: 'count' },
  wage_share: { kind: 'number', min: 0, max: 1 },
  head_education: { kind: 'code', codes: [1, 2, 3, 4, 5] },
};

/**
 * The numeric columns of an observation (household × wave), in storage order: per-capita
 * income, members able to work, the data dictionary's 15 indicators, then the 8 shock flags.
 * Empty cells (also `NA`, `.`) are missing; a present value must satisfy its rule.
 * @example OBSERVATION_COLUMNS.map((c) => c.name).includes('shock_illness') // true
 */
export const OBSERVATION_COLUMNS: readonly ColumnRule[] = Object.freeze([
  { name: 'per_capita_income', kind: 'number' },
  { name: 'able_to_work', kind: 'count' },
  ...DICTIONARY.map((d) => ({
    name: d.name,
    ...(DICTIONARY_RULES[d.name] ?? { kind: 'number' as const }),
  })),
  ...SHOCK_NAMES.map((name) => ({ name, kind: 'flag' as const })),
]);

/** Names of the observation columns, in storage order. */
export const OBSERVATION_NAMES: readonly string[] = Object.freeze(
  OBSERVATION_COLUMNS.map((c) => c.name),
);

/**
 * Optional observation columns (schema migration 3): an import file may leave any of them
 * out, and their cells may be empty (unknown).
 * - `registered_poor`: 1 = on the poverty register (lifted out of poverty, 脱贫户), 0 = an
 *   ordinary rural household (一般农户);
 * - `medical_expenditure`, `schooling_expenditure`, `disaster_loss`: the household's rigid
 *   spending and losses in the year of the wave, CNY (刚性支出);
 * - `school_dropout`: 1 = a child of compulsory-school age out of school (义务教育无保障);
 * - `no_medical_insurance`: 1 = a member without basic medical insurance (基本医疗无保障).
 */
export const OPTIONAL_COLUMNS: readonly ColumnRule[] = Object.freeze([
  { name: 'registered_poor', kind: 'flag' },
  { name: 'medical_expenditure', kind: 'number', min: 0 },
  { name: 'schooling_expenditure', kind: 'number', min: 0 },
  { name: 'disaster_loss', kind: 'number', min: 0 },
  { name: 'school_dropout', kind: 'flag' },
  { name: 'no_medical_insurance', kind: 'flag' },
]);

/** The hardship spending columns summed by the `high_expenditure` rule. */
export const EXPENDITURE_NAMES = Object.freeze([
  'medical_expenditure',
  'schooling_expenditure',
  'disaster_loss',
] as const);

/** Every stored observation column, required then optional, in the table's order. */
export const STORED_COLUMNS: readonly ColumnRule[] = Object.freeze([
  ...OBSERVATION_COLUMNS,
  ...OPTIONAL_COLUMNS,
]);

/** Names of `STORED_COLUMNS`. */
export const STORED_NAMES: readonly string[] = Object.freeze(STORED_COLUMNS.map((c) => c.name));
