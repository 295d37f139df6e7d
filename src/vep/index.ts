/**
 * `povrisk/vep`: vulnerability as expected poverty (three-step FGLS), poverty lines, the
 * per-household table, and the validation of a warning on the next wave. Works on columns
 * already in memory; loads no file reader, database or document writer.
 * @example import { estimateVep, povertyLine } from 'povrisk/vep';
 */
export { estimateVep } from './vep.js';
export { povertyLine, PPP_CHINA_2011_PRIVATE_CONSUMPTION } from './poverty-line.js';
export { householdTable } from './household-table.js';
export { validateWarning, VALIDATE_MODELS } from './validate.js';
export type { Validation, PairValidation, ValidateOptions } from './validate.js';
export { historyVep } from './history.js';
export { auc } from './auc.js';
export { brier } from './brier.js';
