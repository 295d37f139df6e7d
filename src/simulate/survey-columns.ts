/**
 * One column of a simulated survey, column-major: numbers in a Float64Array; a text column holds
 * codes into `levels`. `digits` is the number of decimals written (0 for integers and text).
 */
export interface SurveyColumn {
  readonly name: string;
  readonly type: 'integer' | 'number' | 'text';
  readonly values: Float64Array;
  readonly digits: number;
  readonly levels: readonly string[] | null;
}

/** A simulated survey: `rows` = households × waves, one row per household (and round). */
export interface SimulatedSurvey {
  readonly rows: number;
  readonly households: number;
  readonly waves: number;
  readonly seed: number;
  readonly povertyLine: number;
  readonly columns: readonly SurveyColumn[];
}

/**
 * A numeric column (integers or numbers with `digits` decimals).
 * @example numericColumn('family_size', sizes) // integer column
 */
export function numericColumn(name: string, values: Float64Array, digits = 0): SurveyColumn {
  return Object.freeze({
    name,
    type: digits === 0 ? 'integer' : 'number',
    values,
    digits,
    levels: null,
  });
}

/**
 * A text column stored as codes into `levels`.
 * @example textColumn('county', codes, ['Xide', 'Muli', 'Yanyuan'])
 */
export function textColumn(
  name: string,
  codes: Float64Array,
  levels: readonly string[],
): SurveyColumn {
  return Object.freeze({
    name,
    type: 'text',
    values: codes,
    digits: 0,
    levels: Object.freeze([...levels]),
  });
}

/**
 * The values of a column by name (codes for a text column); throws a RangeError when absent.
 * @example surveyColumn(survey, 'per_capita_income')
 */
export function surveyColumn(survey: SimulatedSurvey, name: string): Float64Array {
  const col = survey.columns.find((c) => c.name === name);
  if (!col) throw new RangeError(`simulated survey has no column '${name}'`);
  return col.values;
}

/**
 * Rounds every value of a column to `digits` decimals in place, so that the arrays in memory
 * hold exactly what the file will hold.
 * @example roundTo(incomes, 2)
 */
export function roundTo(values: Float64Array, digits: number): Float64Array {
  const f = 10 ** digits;
  for (let i = 0; i < values.length; i++) values[i] = Math.round(values[i] * f) / f;
  return values;
}
