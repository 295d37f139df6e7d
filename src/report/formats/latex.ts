import type { ReportCell, ReportTable } from '../table-model.js';

const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '²': '$^2$',
  '<': '$<$',
  '>': '$>$',
  '–': '--',
  '−': '$-$',
};

/**
 * Escapes text for LaTeX (the ten special characters, plus ², <, > and dashes).
 * @example latexEscape('wage_share & 50%') // 'wage\\_share \\& 50\\%'
 */
export function latexEscape(s: string): string {
  return s.replace(/[\\&%$#_{}~^²<>–−]/g, (ch) => SPECIAL[ch]);
}

function text(c: ReportCell): string {
  return latexEscape(c.text) + (c.stars ? `\\sym{${c.stars}}` : '');
}

/**
 * A table as LaTeX with booktabs rules (\toprule, \midrule, \bottomrule), as esttab's
 * `booktabs` output: a `table` float with the title as caption, stars through `\sym{}`
 * (defined if missing), and the notes in a footnote-size paragraph under the tabular.
 * Needs `\usepackage{booktabs}`.
 * @example await writeFile('table4.tex', toLatex(regressionTable(models, { title: 'Table 4' })))
 */
export function toLatex(table: ReportTable): string {
  const spec = table.align.map((a) => a[0]).join('');
  const lines = [
    '\\providecommand{\\sym}[1]{\\ensuremath{^{#1}}}',
    '\\begin{table}[htbp]',
    '\\centering',
  ];
  if (table.title) lines.push(`\\caption{${latexEscape(table.title)}}`);
  lines.push(`\\begin{tabular}{${spec}}`, '\\toprule');
  lines.push(`${table.header.map(latexEscape).join(' & ')} \\\\`, '\\midrule');
  for (const r of table.rows) {
    if (r.ruleBefore) lines.push('\\midrule');
    const cells = r.cells.map((c, j) => (j === 0 && r.indent ? `\\quad ${text(c)}` : text(c)));
    lines.push(`${cells.join(' & ')} \\\\`);
  }
  lines.push('\\bottomrule', '\\end{tabular}');
  if (table.notes.length > 0) {
    lines.push(
      '\\par\\smallskip',
      `{\\footnotesize ${table.notes.map(latexEscape).join(' ')}\\par}`,
    );
  }
  lines.push('\\end{table}');
  return `${lines.join('\n')}\n`;
}
