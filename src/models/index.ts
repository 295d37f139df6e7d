/**
 * `povrisk/models`: OLS/WLS and its covariance estimators, quantile regression, stepwise
 * selection, on model frames already in memory. Loads no file reader, database or document
 * writer (reading a file and fitting it in one step is `regressFile`, in the package root).
 * @example import { ols, vcovOls } from 'povrisk/models';
 */
export { ols, type OlsFit, type OlsOptions } from './ols.js';
export { vcovOls, VCE_TYPES, type VceType, type Vcov } from './vcov.js';
export { tidyCoefficients, waldTest, type TidyRow, type WaldTest } from './tidy.js';
export { regress, type Regression, type RegressOptions } from './regress.js';
export { quantreg, quantregAsync, QREG_SE_TYPES } from './quantreg/quantreg.js';
export { stepwise, nestedModels } from './stepwise.js';
