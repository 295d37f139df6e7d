import { Ajv } from 'ajv';
import { CATEGORIES, type Category } from '../domain/categories.js';
import { DEFAULT_DEADLINES } from '../domain/procedure.js';
import { readConfig } from '../data/read-config.js';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { SHOCK_NAMES } from './columns.js';

export { CATEGORIES, type Category } from '../domain/categories.js';

/** Names of the built-in rules. */
export const RULE_NAMES = Object.freeze([
  'high_vulnerability',
  'low_income',
  'income_drop',
  'new_shock',
  'high_expenditure',
] as const);
export type RuleName = (typeof RULE_NAMES)[number];

/** Steps with a deadline (all but `found`). */
export type DeadlineStep = keyof typeof DEFAULT_DEADLINES;

/**
 * The category a rule gives: one for every household, or one by registration status
 * (`registered`: on the poverty register, `registered_poor` = 1; `other`: an ordinary rural
 * household, or registration unknown).
 */
export type RuleCategory = Category | { readonly registered: Category; readonly other: Category };

/** The VEP model fitted (or applied) by `runRules`. */
export interface VepSpec {
  readonly income: string;
  readonly x: readonly string[];
  /** Poverty line for v, CNY per person per year. */
  readonly line: number;
  readonly variance: 'linear' | 'exponential';
}

/** A complete, validated rules configuration. */
export interface Rules {
  /**
   * Monitoring lines by year (CNY per person per year) to save into the store's table, which
   * a new store seeds with `{ '2021': 6000 }`; a year not listed uses the nearest earlier one.
   */
  readonly monitoring_lines: Readonly<Record<string, number>>;
  readonly high_vulnerability: {
    readonly enabled: boolean;
    readonly threshold: number;
    readonly category: Category;
  };
  readonly low_income: { readonly enabled: boolean; readonly category: RuleCategory };
  readonly income_drop: {
    readonly enabled: boolean;
    readonly share: number;
    readonly category: Category;
  };
  readonly new_shock: {
    readonly enabled: boolean;
    readonly flags: readonly string[];
    readonly category: Category;
  };
  /**
   * Sudden hardship from rigid spending: medical + schooling + disaster loss above `share` of
   * the household's income (per-capita income × family size) or above `amount` CNY; either
   * test may be switched off with null.
   */
  readonly high_expenditure: {
    readonly enabled: boolean;
    readonly share: number | null;
    readonly amount: number | null;
    readonly category: RuleCategory;
  };
  /** Days allowed for each procedural step after the previous one (see `DEFAULT_DEADLINES`). */
  readonly procedure: { readonly deadlines: Readonly<Record<DeadlineStep, number>> };
  /** The rules' VEP; `line` null (the default): the poverty line under each wave's monitoring line (`vepLine`). */
  readonly vep: Omit<VepSpec, 'line'> & { readonly line: number | null };
}

/**
 * The built-in rules. Mapping to categories: a high predicted vulnerability (v ≥ 0.6)
 * marks an unstable household (脱贫不稳定户); income under the monitoring line (1.5 × the
 * national line: 6,000 CNY in 2021) an unstable household when it is on the poverty register
 * and a marginal household at risk (边缘易致贫户) otherwise; an income drop of 30% or more
 * since the previous wave, a new shock, or rigid spending (medical, schooling, disaster loss)
 * above half the household's income, a household in sudden severe hardship (突发严重困难户). The VEP model is the paper's income
 * equation (section 3.2) at the poverty line under the wave's monitoring line (`vep.line` null,
 * see `vepLine`: 6,000 / 1.5 = 4,000 CNY, the 2020 exit standard): at the paper's $1.90-a-day
 * line (2,563.176 CNY, `vep: { line: 2563.176 }` in a rules file) v ≥ 0.6 flags nobody once
 * incomes are above the exit standard (docs/monitoring.md).
 */
export const DEFAULT_RULES: Rules = Object.freeze({
  monitoring_lines: Object.freeze({ '2021': 6000 }),
  high_vulnerability: Object.freeze({
    enabled: true,
    threshold: 0.6,
    category: 'unstable' as const,
  }),
  low_income: Object.freeze({
    enabled: true,
    category: Object.freeze({ registered: 'unstable' as const, other: 'marginal' as const }),
  }),
  income_drop: Object.freeze({ enabled: true, share: 0.3, category: 'sudden_hardship' as const }),
  new_shock: Object.freeze({
    enabled: true,
    flags: SHOCK_NAMES,
    category: 'sudden_hardship' as const,
  }),
  high_expenditure: Object.freeze({
    enabled: true,
    share: 0.5,
    amount: null,
    category: 'sudden_hardship' as const,
  }),
  procedure: Object.freeze({ deadlines: DEFAULT_DEADLINES }),
  vep: Object.freeze({
    income: 'per_capita_income',
    x: Object.freeze(['head_male', 'family_size', 'debt', 'net_income']),
    line: null,
    variance: 'linear' as const,
  }),
});

const oneCategory = { enum: Object.keys(CATEGORIES) };
const category = {
  oneOf: [
    oneCategory,
    {
      type: 'object',
      additionalProperties: false,
      required: ['registered', 'other'],
      properties: { registered: oneCategory, other: oneCategory },
    },
  ],
};
const days = { type: 'integer', minimum: 1, maximum: 365 };
const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    monitoring_lines: {
      type: 'object',
      propertyNames: { pattern: '^(19|20)[0-9]{2}$' },
      additionalProperties: { type: 'number', exclusiveMinimum: 0 },
    },
    high_vulnerability: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        threshold: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        category,
      },
    },
    low_income: {
      type: 'object',
      additionalProperties: false,
      properties: { enabled: { type: 'boolean' }, category },
    },
    high_expenditure: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        share: { type: ['number', 'null'], exclusiveMinimum: 0 },
        amount: { type: ['number', 'null'], exclusiveMinimum: 0 },
        category,
      },
    },
    procedure: {
      type: 'object',
      additionalProperties: false,
      properties: {
        deadlines: {
          type: 'object',
          additionalProperties: false,
          properties: Object.fromEntries(Object.keys(DEFAULT_DEADLINES).map((k) => [k, days])),
        },
      },
    },
    income_drop: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        share: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        category,
      },
    },
    new_shock: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        flags: { type: 'array', items: { enum: [...SHOCK_NAMES] }, uniqueItems: true },
        category,
      },
    },
    vep: {
      type: 'object',
      additionalProperties: false,
      properties: {
        x: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          minItems: 1,
          uniqueItems: true,
        },
        line: { type: 'number', exclusiveMinimum: 0 },
        variance: { enum: ['linear', 'exponential'] },
      },
    },
  },
};

const validator = new Ajv({ allErrors: true }).compile(SCHEMA);

/**
 * Validates a partial rules object (from JSON or YAML) and fills in the defaults. Throws a
 * UserError naming the first offending path (`/high_vulnerability/threshold must be < 1`).
 * @example rulesFrom({ high_vulnerability: { threshold: 0.5 } }, 'rules.yaml').high_vulnerability.threshold // 0.5
 */
export function rulesFrom(input: unknown, path = 'rules'): Rules {
  if (!validator(input ?? {})) {
    const e = validator.errors![0];
    const where = e.instancePath || '/';
    const detail = where.endsWith('/category')
      ? `${where} must be one of ${Object.keys(CATEGORIES).join(', ')}, or { registered: …, other: … } with one of them each`
      : e.keyword === 'additionalProperties'
        ? `${where}: unknown key '${String(e.params.additionalProperty)}'`
        : `${where} ${e.message ?? 'is invalid'}`;
    throw new UserError(messages.rulesInvalid(path, detail));
  }
  const r = (input ?? {}) as Partial<Record<keyof Rules, object>>;
  const d = DEFAULT_RULES;
  const he = { ...d.high_expenditure, ...r.high_expenditure };
  if (he.enabled && he.share === null && he.amount === null) {
    throw new UserError(messages.rulesInvalid(path, '/high_expenditure: give share or amount'));
  }
  return Object.freeze({
    // Lines given in a file are saved into the store's table by `runRules`; none by default.
    monitoring_lines: Object.freeze({ ...r.monitoring_lines }),
    high_vulnerability: Object.freeze({ ...d.high_vulnerability, ...r.high_vulnerability }),
    low_income: Object.freeze({ ...d.low_income, ...r.low_income }),
    income_drop: Object.freeze({ ...d.income_drop, ...r.income_drop }),
    new_shock: Object.freeze({ ...d.new_shock, ...r.new_shock }),
    high_expenditure: Object.freeze({ ...d.high_expenditure, ...r.high_expenditure }),
    procedure: Object.freeze({
      deadlines: Object.freeze({
        ...d.procedure.deadlines,
        ...(r.procedure as { deadlines?: object } | undefined)?.deadlines,
      }),
    }),
    vep: Object.freeze({ ...d.vep, ...r.vep }),
  }) as Rules;
}

/**
 * Reads a rules file: `.json`, or `.yaml`/`.yml`; see `rulesFrom` for validation.
 * @example const rules = await loadRules('rules.yaml');
 */
export async function loadRules(path: string): Promise<Rules> {
  const data = await readConfig(path, messages.rulesInvalid);
  return rulesFrom(data, path);
}

/** The monitoring line is set at this multiple of the national poverty line (6,000 = 1.5 × 4,000). */
export const MONITORING_LINE_MULTIPLE = 1.5;

/**
 * The line of the rules' VEP: `vep.line` when the rules give one, else the poverty line under
 * the monitoring line, monitoring line / 1.5 (returning to poverty means falling below the
 * poverty standard; the monitoring line keeps a 50% margin above it for `low_income`).
 * @example vepLine(DEFAULT_RULES, 6000) // 4000
 */
export function vepLine(rules: Pick<Rules, 'vep'>, monitoringLine: number): number {
  return rules.vep.line ?? monitoringLine / MONITORING_LINE_MULTIPLE;
}

/**
 * The monitoring line of a year: the table's entry for that year, else the nearest earlier
 * year's, else the earliest year's; with no year, the latest year's.
 * @example lineForYear({ '2021': 6000, '2022': 6300 }, 2023) // 6300
 */
export function lineForYear(lines: Readonly<Record<string, number>>, year: number | null): number {
  const years = Object.keys(lines)
    .map(Number)
    .sort((a, b) => a - b);
  if (year === null) return lines[String(years[years.length - 1])];
  const earlier = years.filter((y) => y <= year);
  return lines[String(earlier.length ? earlier[earlier.length - 1] : years[0])];
}
