import type { ReportCell, ReportTable } from '../table-model.js';

const escape = (s: string): string => s.replace(/([\\|*_`[\]])/g, '\\$1');

function text(c: ReportCell): string {
  return escape(c.text) + escape(c.stars);
}

/**
 * A table as GitHub-flavoured Markdown: the title in bold, a pipe table (label column
 * left-aligned, numbers centred or right-aligned), then the notes. Stars are escaped so they
 * print as stars, not emphasis; indented labels start with an em space.
 * @example toMarkdown(regressionTable([result]))
 */
export function toMarkdown(table: ReportTable): string {
  const lines: string[] = [];
  if (table.title) lines.push(`**${escape(table.title)}**`, '');
  const rule = table.align.map((a) => (a === 'left' ? ':---' : a === 'right' ? '---:' : ':---:'));
  lines.push(`| ${table.header.map(escape).join(' | ')} |`, `| ${rule.join(' | ')} |`);
  for (const r of table.rows) {
    const cells = r.cells.map((c, j) => (j === 0 && r.indent ? `&emsp;${text(c)}` : text(c)));
    lines.push(`| ${cells.join(' | ')} |`);
  }
  if (table.notes.length > 0) lines.push('', ...table.notes.map(escape));
  return `${lines.join('\n')}\n`;
}
