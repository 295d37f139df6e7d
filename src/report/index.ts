/**
 * `povrisk/report`: regression tables and their formats (Markdown, CSV, LaTeX, HTML, Word).
 * Loads the Word writer (docx), not the database.
 * @example import { regressionTable, toLatex } from 'povrisk/report';
 */
export { regressionTable, starsFor } from './regression-table.js';
export { toMarkdown } from './formats/markdown.js';
export { toCsv } from './formats/csv.js';
export { toLatex } from './formats/latex.js';
export { toHtml } from './formats/html.js';
export { toDocx } from './formats/docx.js';
