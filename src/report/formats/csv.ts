import { cellText, type ReportTable } from '../table-model.js';

const quote = (s: string): string =>
  /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;

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
