/**
 * A study file as written (YAML or JSON): where the data are, how to derive variables, the VEP
 * model, the explanatory variables and the models of Tables 4 and 5, the groups of Table 2 and
 * the outputs. `loadStudy` (study.ts) validates it against `STUDY_SCHEMA` and fills defaults.
 */
export interface StudyFile {
  readonly $schema?: string;
  readonly title?: string;
  readonly description?: string;
  readonly data: {
    /** The data file (.csv, .tsv, .txt, .parquet, .xlsx, .dta, .sav), relative to the study file. */
    readonly path: string;
    /** Household identifier column, written to households.csv; default the row number. */
    readonly id?: string;
    /** Study name → column name in the file, for files whose columns are named otherwise. */
    readonly columns?: Readonly<Record<string, string>>;
    /** Worksheet of an .xlsx file; default the first. */
    readonly sheet?: string;
  };
  /** Derived variables, computed in order (a formula may use earlier ones). */
  readonly derive?: readonly {
    readonly name: string;
    readonly formula: string;
    readonly label?: string;
  }[];
  /** Labels of variables for the tables; default the data dictionary's. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly vep: {
    readonly income: string;
    readonly x: readonly string[];
    readonly poverty_line: {
      readonly line?: number;
      readonly usd_per_day?: number;
      readonly ppp?: number;
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
    /** Show the paper's published figures beside ours in the report; default true. */
    readonly compare_with_paper?: boolean;
  };
}

/** A block of Table 2: households grouped by the values of a column. */
export interface StudyGroup {
  readonly column: string;
  readonly heading?: string;
  /** Each level takes the listed values, or the values in [min, max]. */
  readonly levels: readonly {
    readonly label: string;
    readonly values?: readonly number[];
    readonly min?: number;
    readonly max?: number;
  }[];
}

const name = { type: 'string', minLength: 1 } as const;
const names = { type: 'array', items: name, minItems: 1 } as const;
const probability = { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 } as const;
const positive = { type: 'number', exclusiveMinimum: 0 } as const;

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
    title: { type: 'string' },
    description: { type: 'string' },
    data: {
      type: 'object',
      additionalProperties: false,
      required: ['path'],
      properties: {
        path: { ...name, description: 'data file, relative to the study file' },
        id: name,
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
          label: { type: 'string' },
        },
      },
    },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
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
          properties: { line: positive, usd_per_day: positive, ppp: positive },
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
          heading: { type: 'string' },
          levels: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['label'],
              properties: {
                label: name,
                values: { type: 'array', items: { type: 'number' }, minItems: 1 },
                min: { type: 'number' },
                max: { type: 'number' },
              },
            },
          },
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
        compare_with_paper: { type: 'boolean' },
      },
    },
  },
} as const;
