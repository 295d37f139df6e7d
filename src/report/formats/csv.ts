import { cellText, type ReportTable } from '../table-model.js';

/** A number as a table shows it: sign, digits (with thousands commas), decimals, exponent, stars or %. */
const SHOWN_NUMBER = /^[-+]?(?=[\d.])[\d,]*(\.\d+)?([eE][-+]?\d+)?\**%?$/;

/**
 * A cell a spreadsheet will not run as a formula: text starting with `=`, `+`, `-`, `@`, tab or
 * carriage return gets a leading `'` (OWASP, CSV injection), except a number as shown
 * (`-0.123***`, `+1.5e-3`, `-12%`), which can call nothing and must stay a number for pasting
 * into papers.
 * @example formulaSafe('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"; formulaSafe('-0.5') // '-0.5'
 */
export function formulaSafe(s: string): string {
  return /^[=+\-@\t\r]/.test(s) && !SHOWN_NUMBER.test(s) ? `'${s}` : s;
}

const quote = (raw: string): string => {
  const s = formulaSafe(raw);
  return /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
};

/**
 * A table as CSV (RFC 4180): the header, then every row as shown (estimates with their stars,
 * standard errors in parentheses, as esttab's `csv` output). Title and notes are left out so
 * the file stays rectangular. Indented labels keep two leading spaces.
 * @example await writeFile('table4.csv', toCsv(regressionTable(models)))
 */
export function toCsv(table: ReportTable): string {
  const lines = [table.header.map(quote).join(',')];
  for (const r of table.rows) {
    lines.push(
      r.cells.map((c, j) => quote((j === 0 && r.indent ? '  ' : '') + cellText(c))).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
