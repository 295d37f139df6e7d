/**
 * Every message povrisk shows a user, in one place, so the CLI, the API and the
 * dashboard say the same thing. Each is a small function of the facts it names.
 * @example messages.unknownColumn('data.csv', 'wage', ['age', 'educ'])
 */
export const messages = {
  fileNotFound: (path: string) => `${path}: file not found`,
  fileEmpty: (path: string) => `${path}: file is empty`,
  headerOnly: (path: string) => `${path}: no data rows (the file has a header only)`,
  unknownFormat: (path: string) =>
    `${path}: unknown file type (expected .csv, .tsv, .txt, .parquet or .xlsx)`,
  malformed: (path: string, detail: string) => `${path}: malformed file: ${detail}`,
  unknownColumn: (path: string, column: string, available: readonly string[]) =>
    `${path}: no column named '${column}' (columns: ${available.join(', ')})`,
  nonNumeric: (path: string, column: string, row: number, value: string, line?: number) =>
    `${path}: column '${column}', row ${row}${line ? ` (line ${line})` : ''}: '${value}' is not a number`,
  badOption: (option: string, value: string, expected: string) =>
    `invalid ${option}: '${value}' (${expected})`,
  missingOption: (option: string) => `missing required option ${option}`,
  tooFewObservations: (n: number, k: number) =>
    `too few observations: ${n} complete row(s) for ${k} coefficient(s)`,
  negativeWeight: (path: string, column: string, row: number, value: number) =>
    `${path}: column '${column}', row ${row}: weight ${value} is negative`,
  listwiseDeleted: (count: number, total: number) =>
    `${count} of ${total} row(s) dropped for missing values (listwise deletion)`,
  collinear: (terms: readonly string[]) => `omitted because of collinearity: ${terms.join(', ')}`,
  singleCluster: (column: string) =>
    `--cluster ${column}: at least two clusters are needed for cluster-robust errors`,
  conflictingOptions: (a: string, b: string) => `${a} and ${b} are alternatives: give one of them`,
  vepNoPositiveIncome: (path: string, column: string) =>
    `${path}: column '${column}' has no positive income (ln income needs incomes above zero)`,
  vepTooFewHouseholds: (used: number, k: number, rows: number) =>
    `too few households: ${used} of ${rows} usable (positive income, every regressor, weight) for ${k} coefficient(s)`,
  vepExcluded: (count: number, total: number, reasons: string) =>
    `${count} of ${total} household(s) not used in estimation (${reasons}); see the status column`,
  vepFloored: (count: number, floor: number) =>
    `${count} household(s) had a fitted variance below the floor ${floor} and were given ${floor} (--variance-floor)`,
  unknownOutputFormat: (path: string) => `${path}: unknown output type (expected .csv or .parquet)`,
  writeFailed: (path: string, detail: string) => `${path}: could not write: ${detail}`,
  internal: (detail: string) =>
    `internal error: ${detail} (please report it; set POVRISK_DEBUG=1 for details)`,
  qregConstantY: (column: string) =>
    `--y ${column}: the dependent variable is constant; quantile regression needs variation`,
  qregNonPositiveDensity: (tau: number, count: number) =>
    `tau ${tau}: ${count} non-positive fitted densities in the nid sandwich (set to zero, as quantreg does)`,
  qregNonUnique: (tau: number) =>
    `tau ${tau}: the solution may be non-unique (other coefficients attain the same minimum)`,
  qregSolverFailed: (tau: number) => `tau ${tau}: the quantile regression solver failed (check for collinear regressors)`,
  qregSeUnavailable: (se: string, tau: number) =>
    `tau ${tau}: --se ${se} standard errors could not be computed (too few observations for the bandwidth)`,
};
