import type { QuantregFit, QuantregResult } from '../models/quantreg/quantreg.js';
import type { Regression } from '../models/regress.js';
import type { StepwiseResult } from '../models/stepwise.js';
import type { TidyRow } from '../models/tidy.js';
import type { EquationSummary } from '../vep/equation-summary.js';
import type { GroupTable } from '../vep/group-table.js';
import type { PairValidation } from '../vep/validate.js';
import type { VepSummary } from '../vep/vep.js';
import type { ColumnDescription, TableDescription } from './describe-text.js';
import type { GroupBlock } from './study-groups.js';
import type { StudyResults } from './study-run.js';

/*
 * The one mapping between the TypeScript API and the JSON povrisk writes. Result fields are
 * camelCase in TypeScript (`nUsed`, `stdError`) and snake_case in JSON (`n_used`, `std_error`,
 * broom's names). Each result type has its `…Json` function below; each renames the keys of
 * its own fields only (`snakeKeys`, one level) and maps its nested result types explicitly,
 * so data keys (group labels, exclusion reasons, value labels, rule names) pass unchanged.
 * Every `--json` output and results.json go through these functions.
 */

/** `nUsed` → `n_used`, `adjRSquared` → `adj_r_squared` (at type level). */
export type SnakeCase<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${SnakeCase<T>}`
  : S;

/** An object type with its own keys in snake_case (values unchanged). */
export type SnakeKeys<T> = { readonly [K in keyof T as K extends string ? SnakeCase<K> : K]: T[K] };

/**
 * A camelCase field name in snake_case: an underscore before each capital, lowercased.
 * @example snakeCase('adjRSquared') // 'adj_r_squared'
 */
export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * One result object with its own keys in snake_case, in the same order; values (and the keys
 * of nested objects) as they are.
 * @example snakeKeys({ nUsed: 3, groups: { 'chronic poor': 0.1 } }) // { n_used: 3, groups: { 'chronic poor': 0.1 } }
 */
export function snakeKeys<T extends object>(value: T): SnakeKeys<T> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[snakeCase(key)] = v;
  return out as SnakeKeys<T>;
}

/** One coefficient in broom's `tidy()` names. */
export type TidyRowJson = SnakeKeys<TidyRow>;

/**
 * A coefficient row as JSON (`std_error`, `p_value`, `conf_low`, `conf_high`).
 * @example tidyRowJson(result.coefficients[0]).std_error
 */
export function tidyRowJson(row: TidyRow): TidyRowJson {
  return snakeKeys(row);
}

/** `povrisk regress --json`. */
export type RegressionJson = Omit<SnakeKeys<Regression>, 'f_test' | 'coefficients'> & {
  readonly f_test: SnakeKeys<Regression['fTest']>;
  readonly coefficients: readonly TidyRowJson[];
};

/**
 * An OLS result as `povrisk regress --json` prints it.
 * @example JSON.stringify(regressionJson(regress(frame).result))
 */
export function regressionJson(r: Regression): RegressionJson {
  return {
    ...snakeKeys(r),
    f_test: snakeKeys(r.fTest),
    coefficients: r.coefficients.map(tidyRowJson),
  };
}

/** One τ of `povrisk qreg --json`. */
export type QuantregFitJson = Omit<SnakeKeys<QuantregFit>, 'coefficients'> & {
  readonly coefficients: readonly TidyRowJson[];
};

/** `povrisk qreg --json`. */
export type QuantregResultJson = Omit<SnakeKeys<QuantregResult>, 'fits'> & {
  readonly fits: readonly QuantregFitJson[];
};

/**
 * Quantile regressions as `povrisk qreg --json` prints them.
 * @example JSON.stringify(quantregJson(quantreg(frame, { taus: [0.5] })))
 */
export function quantregJson(r: QuantregResult): QuantregResultJson {
  return {
    ...snakeKeys(r),
    fits: r.fits.map((f) => ({ ...snakeKeys(f), coefficients: f.coefficients.map(tidyRowJson) })),
  };
}

/** One equation of the VEP estimator as JSON. */
export type EquationSummaryJson = Omit<SnakeKeys<EquationSummary>, 'coefficients'> & {
  readonly coefficients: readonly TidyRowJson[];
};

/** `povrisk vep --json`. */
export type VepSummaryJson = Omit<
  SnakeKeys<VepSummary>,
  'mean_equation' | 'variance_equation' | 'overall' | 'by'
> & {
  readonly mean_equation: EquationSummaryJson;
  readonly variance_equation: EquationSummaryJson;
  readonly overall: SnakeKeys<VepSummary['overall']>;
  readonly by: readonly (Omit<SnakeKeys<GroupTable>, 'rows'> & {
    readonly rows: readonly SnakeKeys<GroupTable['rows'][number]>[];
  })[];
};

const equationJson = (e: EquationSummary): EquationSummaryJson => ({
  ...snakeKeys(e),
  coefficients: e.coefficients.map(tidyRowJson),
});

/**
 * The VEP summary as `povrisk vep --json` prints it (`groups`, `causes` and `excluded` keep
 * their keys: they are labels).
 * @example JSON.stringify(vepSummaryJson(estimateVep(data, options).summary))
 */
export function vepSummaryJson(s: VepSummary): VepSummaryJson {
  return {
    ...snakeKeys(s),
    mean_equation: equationJson(s.meanEquation),
    variance_equation: equationJson(s.varianceEquation),
    overall: snakeKeys(s.overall),
    by: s.by.map((g) => ({ ...snakeKeys(g), rows: g.rows.map((row) => snakeKeys(row)) })),
  };
}

/** One pair of waves of `povrisk validate --json`. */
export type PairValidationJson = Omit<SnakeKeys<PairValidation>, 'calibration' | 'rules'> & {
  readonly calibration: readonly SnakeKeys<PairValidation['calibration'][number]>[];
  readonly rules: readonly SnakeKeys<PairValidation['rules'][number]>[];
};

/**
 * How one wave's warning fared, as `povrisk validate --json` prints it.
 * @example validation.pairs.map(pairValidationJson)
 */
export function pairValidationJson(p: PairValidation): PairValidationJson {
  return {
    ...snakeKeys(p),
    calibration: p.calibration.map((b) => snakeKeys(b)),
    rules: p.rules.map((r) => snakeKeys(r)),
  };
}

/** `povrisk describe --json`. */
export type TableDescriptionJson = Omit<SnakeKeys<TableDescription>, 'columns'> & {
  readonly columns: readonly SnakeKeys<ColumnDescription>[];
};

/**
 * A codebook as `povrisk describe --json` prints it (value labels keep their codes as keys).
 * @example JSON.stringify(tableDescriptionJson(describeTable(table)))
 */
export function tableDescriptionJson(d: TableDescription): TableDescriptionJson {
  return { ...snakeKeys(d), columns: d.columns.map((c) => snakeKeys(c)) };
}

/**
 * A block of Table 2 as JSON (`left_out`).
 * @example results.table2.map(groupBlockJson)
 */
export function groupBlockJson(b: GroupBlock) {
  return { ...snakeKeys(b), rows: b.rows.map((row) => snakeKeys(row)) };
}

/**
 * A stepwise selection as JSON (its steps' `p_value`, its final model as `regress --json`).
 * @example stepwiseJson(stepwise(data, options))
 */
export function stepwiseJson(s: StepwiseResult) {
  return {
    ...snakeKeys(s),
    steps: s.steps.map((step) => snakeKeys(step)),
    result: regressionJson(s.result),
  };
}

/**
 * A study's results as results.json holds them (`poverty_line`, `vulnerability_histogram`,
 * and each nested result as its own `--json` prints it).
 * @example JSON.stringify(studyResultsJson(run.results), jsonReplacer, 2)
 */
export function studyResultsJson(r: StudyResults) {
  return {
    ...snakeKeys(r),
    study: snakeKeys(r.study),
    derived: r.derived.map((d) => snakeKeys(d)),
    poverty_line: snakeKeys(r.povertyLine),
    vep: vepSummaryJson(r.vep),
    vulnerability_histogram: snakeKeys(r.vulnerabilityHistogram),
    table1: r.table1.map((row) => snakeKeys(row)),
    table2: r.table2.map(groupBlockJson),
    table3: r.table3.map((row) => snakeKeys(row)),
    table4: {
      ...snakeKeys(r.table4),
      models: r.table4.models.map((m) => ({ ...snakeKeys(m), result: regressionJson(m.result) })),
      stepwise: r.table4.stepwise && stepwiseJson(r.table4.stepwise),
    },
    table5: r.table5 && {
      ...snakeKeys(r.table5),
      quantreg: quantregJson(r.table5.quantreg),
      ols: regressionJson(r.table5.ols),
    },
    validation: r.validation && {
      ...snakeKeys(r.validation),
      models: r.validation.models.map((m) => ({
        ...snakeKeys(m),
        pairs: m.pairs.map(pairValidationJson),
      })),
    },
  };
}
