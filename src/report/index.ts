/**
 * `povrisk/report`: regression tables and their formats (Markdown, CSV, LaTeX, HTML, Word), and
 * the JSON form of results (snake_case, as the CLI's `--json` prints them).
 * Loads the Word writer (docx), not the database.
 * @example import { regressionTable, toLatex } from 'povrisk/report';
 */
export { regressionTable, starsFor } from './regression-table.js';
export { toMarkdown } from './formats/markdown.js';
export { toCsv } from './formats/csv.js';
export { toLatex } from './formats/latex.js';
export { toHtml } from './formats/html.js';
export { toDocx } from './formats/docx.js';
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
} from './result-json.js';
export type {
  TidyRowJson,
  RegressionJson,
  QuantregResultJson,
  VepSummaryJson,
  PairValidationJson,
  TableDescriptionJson,
} from './result-json.js';
