/**
 * povrisk as a library: read survey data, fit OLS / quantile regressions, estimate each
 * household's vulnerability to poverty (VEP), run the paper's study, and keep a monitoring
 * registry. Every estimator returns a frozen plain object; formatting lives in the report
 * functions.
 * @example
 * import { readColumns, estimateVep } from 'povrisk';
 * const data = await readColumns('survey.csv', { numeric: ['income', 'family_size'] });
 * const vep = estimateVep(data, { income: 'income', x: ['family_size'], line: 2563.176 });
 */
export { UserError, isUserError } from './errors.js';
export { messages } from './messages.js';
export { setWarningSink, warn } from './log.js';

export { readColumns, columnNames, type ColumnData, type ReadOptions } from './data/read.js';
export { readTable } from './data/read-table.js';
export { readDta } from './data/read-dta.js';
export { readSav } from './data/read-sav.js';
export { writeDta } from './data/write-dta.js';
export { type DataTable, type DataColumn, MISSING_CODES } from './data/data-table.js';
export { modelFrame, type ModelFrame, type FrameSpec } from './data/model-frame.js';
export { writeTable, tableFormat } from './data/write-table.js';
export { simulateSurvey, DEMO_HOUSEHOLDS, DEMO_SEED } from './simulate/survey.js';
export { simulatePanel } from './simulate/panel.js';
export { loadStudy, parseStudy } from './study/study.js';

export { qr, qrQty, qrQy, qrR, type QR } from './linalg/qr.js';
export { matrix, fromColumns, type Matrix } from './linalg/matrix.js';
export { tsqr, startTsqr, type Tsqr, type TsqrStream } from './linalg/tsqr.js';

export { ols, type OlsFit, type OlsOptions } from './models/ols.js';
export { vcovOls, VCE_TYPES, type VceType, type Vcov } from './models/vcov.js';
export { tidyCoefficients, waldTest, type TidyRow, type WaldTest } from './models/tidy.js';
export { regress, type Regression, type RegressOptions } from './models/regress.js';
export { regressFile, type FileRegression } from './pipeline/regress-file.js';
export { quantreg, quantregAsync, QREG_SE_TYPES } from './models/quantreg/quantreg.js';
export { stepwise, nestedModels } from './models/stepwise.js';

export { estimateVep } from './vep/vep.js';
export { povertyLine, PPP_CHINA_2011_PRIVATE_CONSUMPTION } from './vep/poverty-line.js';
export { householdTable } from './vep/household-table.js';
export { equationDrivers, driverMeans, type EquationDrivers } from './vep/drivers.js';
export { explainColumns } from './vep/explain-table.js';
export { validateWarning, VALIDATE_MODELS } from './vep/validate.js';
export type { Validation, PairValidation, ValidateOptions } from './vep/validate.js';
export { historyVep } from './vep/history.js';
export { auc } from './vep/auc.js';
export { brier } from './vep/brier.js';
export { cpiFactor2011, CHINA_CPI_CHANGE } from './domain/china-cpi.js';

export { regressionTable, starsFor } from './report/regression-table.js';
export { toMarkdown } from './report/formats/markdown.js';
export { toCsv } from './report/formats/csv.js';
export { toLatex } from './report/formats/latex.js';
export { toHtml } from './report/formats/html.js';
export { toDocx } from './report/formats/docx.js';
export { runStudy } from './report/study-run.js';
export { writeStudyOutputs } from './report/study-outputs.js';
export {
  snakeCase,
  snakeKeys,
  tidyRowJson,
  regressionJson,
  quantregJson,
  vepSummaryJson,
  pairValidationJson,
  tableDescriptionJson,
  studyResultsJson,
} from './report/result-json.js';
export type {
  TidyRowJson,
  RegressionJson,
  QuantregResultJson,
  VepSummaryJson,
  PairValidationJson,
  TableDescriptionJson,
} from './report/result-json.js';

export * as monitor from './monitor/index.js';
