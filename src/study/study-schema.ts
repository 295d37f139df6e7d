import type { Localized } from '../domain/localized.js';

/**
 * A study file as written (YAML or JSON): where the data are, how to derive variables, the VEP
 * model, the explanatory variables and the models of Tables 4 and 5, the groups of Table 2 and
 * the outputs. `loadStudy` (study.ts) validates it against `STUDY_SCHEMA` and fills defaults.
 */
export interface StudyFile {
  readonly $schema?: string;
  readonly title?: Localized;
  readonly description?: Localized;
  /** The report's language: `en` (default) or `zh-CN`; `--lang` overrides it. */
  readonly lang?: 'en' | 'zh-CN';
  /** Compare with a published study (its panels, columns and notes); default none. */
  readonly compare?: 'liangshan-2020';
  /** The report's wording; defaults are neutral ("Table 1. Descriptive statistics"). */
  readonly wording?: {
    /** The name of the outcome, e.g. "risk of returning to poverty"; default "vulnerability to poverty". */
    readonly outcome?: Localized;
    /** The label of the dependent variable of Tables 4 and 5. */
    readonly dependent?: Localized;
    /** What the rows are, counted: "households" (the default), "workers"; 户, 人. */
    readonly unit?: Localized;
    /** A title for each table. */
    readonly titles?: {
      readonly [table in 'table1' | 'table2' | 'table3' | 'table4' | 'table5']?: Localized;
    };
  };
  readonly data: {
    /** The data file (.csv, .tsv, .txt, .parquet, .xlsx, .dta, .sav), relative to the study file. */
    readonly path: string;
    /** Household identifier column, written to households.csv; default the row number. */
    readonly id?: string;
    /**
     * Wave (survey round) column of a panel, one row per household and wave (needs `id`):
     * Tables 1–5 use the latest wave, and the report checks the warning on the next wave.
     * Default: the column `wave` when the file has one (as `povrisk simulate --waves` writes).
     */
    readonly wave?: string;
    /** Study name → column name in the file, for files whose columns are named otherwise. */
    readonly columns?: Readonly<Record<string, string>>;
    /** Worksheet of an .xlsx file; default the first. */
    readonly sheet?: string;
  };
  /** Derived variables, computed in order (a formula may use earlier ones). */
  readonly derive?: readonly {
    readonly name: string;
    readonly formula: string;
    readonly label?: Localized;
  }[];
  /** Labels of variables for the tables, in one or both languages; default the data dictionary's. */
  readonly labels?: Readonly<Record<string, Localized>>;
  readonly vep: {
    readonly income: string;
    readonly x: readonly string[];
    readonly poverty_line: {
      readonly line?: number;
      readonly usd_per_day?: number;
      readonly ppp?: number;
      /** The currency of the line and of incomes, e.g. CNY, USD; default none named. */
      readonly currency?: string;
      /** The period the income is measured over, e.g. "per person per year" (the default). */
      readonly period?: Localized;
    };
    readonly variance?: 'linear' | 'exponential';
    readonly variance_floor?: number;
    readonly threshold?: number | 'relative';
    readonly bands?: readonly [number, number];
    readonly weights?: string;
  };
  /** Table 1: the income equation's variables; default `vep.x`. */
  readonly table1?: readonly string[];
  /** Table 3 and model (1) of Table 4: the explanatory variables of vulnerability. */
  readonly explanatory: readonly string[];
  readonly regression?: {
    readonly vce?: 'classical' | 'hc0' | 'hc1' | 'hc2' | 'hc3';
    /** Table 4's columns: `all` (every explanatory variable) or a list; default `[all]`. */
    readonly models?: readonly ('all' | readonly string[])[];
    /** Automatic selection over the explanatory variables (Stata's `stepwise`), as an extra column. */
    readonly stepwise?: { readonly pr?: number; readonly pe?: number; readonly forward?: boolean };
  };
  readonly quantiles?: {
    readonly taus: readonly number[];
    /** Regressors; default the last model of Table 4. */
    readonly x?: readonly string[];
    readonly se?: 'nid' | 'iid' | 'ker' | 'boot';
    readonly reps?: number;
    readonly seed?: number;
  };
  /** Table 2's groups, one block per column. */
  readonly groups?: readonly StudyGroup[];
  readonly outputs?: {
    readonly formats?: readonly ('markdown' | 'csv' | 'latex' | 'docx')[];
  };
}

/** A level of a group as written: the listed values (numbers or text), or the values in [min, max]. */
export interface StudyLevel {
  readonly label: Localized;
  readonly values?: readonly (number | string)[];
  readonly min?: number;
  readonly max?: number;
}

/** A block of Table 2: households grouped by the values of a column. */
export interface StudyGroup {
  readonly column: string;
  readonly heading?: Localized;
  /**
   * The levels, listed; or `from-data`: one level per distinct value, sorted; or
   * `from-labels`: one level per value label of the column (.dta, .sav files).
   */
  readonly levels: readonly StudyLevel[] | 'from-data' | 'from-labels';
  /** With `from-data`: values held by fewer households are pooled into one "Other" row. */
  readonly min_count?: number;
  /** The label of a row for households whose value is missing; default no such row. */
  readonly missing?: Localized;
}

const name = { type: 'string', minLength: 1 } as const;
const names = { type: 'array', items: name, minItems: 1 } as const;
const probability = { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 } as const;
const positive = { type: 'number', exclusiveMinimum: 0 } as const;
/** Text in one language for all, or per language. */
const text = {
  anyOf: [
    { type: 'string' },
    {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: { en: { type: 'string' }, 'zh-CN': { type: 'string' } },
    },
  ],
} as const;

/**
 * The JSON Schema (draft-07) of a study file, published as `schemas/study.schema.json`.
 * Unknown keys are errors at every level, so a typo never passes silently.
 * @example new Ajv().compile(STUDY_SCHEMA)(YAML.parse(text))
 */
export const STUDY_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://povrisk.dev/schemas/study.schema.json',
  title: 'povrisk study',
  description:
    'A vulnerability study: data, derived variables, the VEP model, Tables 1-5 and outputs (povrisk analyze).',
  type: 'object',
  additionalProperties: false,
  required: ['data', 'vep', 'explanatory'],
  properties: {
    $schema: { type: 'string' },
    title: text,
    description: text,
    lang: { enum: ['en', 'zh-CN'] },
    compare: { enum: ['liangshan-2020'] },
    wording: {
      type: 'object',
      additionalProperties: false,
      properties: {
        outcome: text,
        dependent: text,
        unit: text,
        titles: {
          type: 'object',
          additionalProperties: false,
          properties: {
            table1: text,
            table2: text,
            table3: text,
            table4: text,
            table5: text,
          },
        },
      },
    },
    data: {
      type: 'object',
      additionalProperties: false,
      required: ['path'],
      properties: {
        path: { ...name, description: 'data file, relative to the study file' },
        id: name,
        wave: {
          ...name,
          description: 'wave column of a panel (needs id); default wave if present',
        },
        columns: { type: 'object', additionalProperties: name },
        sheet: name,
      },
    },
    derive: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'formula'],
        properties: {
          name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_.]*$' },
          formula: { ...name, description: 'numbers, column names, + - * / and parentheses' },
          label: text,
        },
      },
    },
    labels: { type: 'object', additionalProperties: text },
    vep: {
      type: 'object',
      additionalProperties: false,
      required: ['income', 'x', 'poverty_line'],
      properties: {
        income: name,
        x: names,
        poverty_line: {
          type: 'object',
          additionalProperties: false,
          properties: {
            line: positive,
            usd_per_day: positive,
            ppp: positive,
            currency: name,
            period: text,
          },
        },
        variance: { enum: ['linear', 'exponential'] },
        variance_floor: positive,
        threshold: { anyOf: [probability, { const: 'relative' }] },
        bands: { type: 'array', items: probability, minItems: 2, maxItems: 2 },
        weights: name,
      },
    },
    table1: names,
    explanatory: names,
    regression: {
      type: 'object',
      additionalProperties: false,
      properties: {
        vce: { enum: ['classical', 'hc0', 'hc1', 'hc2', 'hc3'] },
        models: {
          type: 'array',
          minItems: 1,
          items: { anyOf: [{ const: 'all' }, names] },
        },
        stepwise: {
          type: 'object',
          additionalProperties: false,
          properties: { pr: probability, pe: probability, forward: { type: 'boolean' } },
        },
      },
    },
    quantiles: {
      type: 'object',
      additionalProperties: false,
      required: ['taus'],
      properties: {
        taus: { type: 'array', items: probability, minItems: 1 },
        x: names,
        se: { enum: ['nid', 'iid', 'ker', 'boot'] },
        reps: { type: 'integer', minimum: 10 },
        seed: { type: 'integer', minimum: 0 },
      },
    },
    groups: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['column', 'levels'],
        properties: {
          column: name,
          heading: text,
          levels: {
            // if/then/else rather than anyOf, so that an error inside a level names that level.
            if: { type: 'string' },
            then: { enum: ['from-data', 'from-labels'] },
            else: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['label'],
                properties: {
                  label: text,
                  values: {
                    type: 'array',
                    items: { type: ['number', 'string'] },
                    minItems: 1,
                  },
                  min: { type: 'number' },
                  max: { type: 'number' },
                },
              },
            },
          },
          min_count: { type: 'integer', minimum: 1 },
          missing: text,
        },
      },
    },
    outputs: {
      type: 'object',
      additionalProperties: false,
      properties: {
        formats: {
          type: 'array',
          items: { enum: ['markdown', 'csv', 'latex', 'docx'] },
          uniqueItems: true,
        },
      },
    },
  },
} as const;
