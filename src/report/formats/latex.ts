import type { ReportCell, ReportTable } from '../table-model.js';
import { latexLayout, numberText } from './latex-layout.js';

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

/** Options of `toLatex`. Defaults in its doc comment. */
export interface LatexOptions {
  /** `fragment`: a `table` float to \input; `standalone`: a whole document for pdflatex. */
  readonly output?: 'fragment' | 'standalone';
  /** The key for \ref; default `tab:tableN` from a title "Table N. …", else `tab:` and the title's words. */
  readonly label?: string;
  /** Text block in points the layout aims at; default 345 × 550 (article, 10 pt). */
  readonly textBlock?: { readonly width: number; readonly height: number };
}

/**
 * The packages every table needs (pdflscape too for a landscape one); booktabs and pdflscape
 * come with Debian's texlive-latex-recommended, array and graphicx with texlive-latex-base.
 */
export const LATEX_PACKAGES = Object.freeze(['booktabs', 'array', 'graphicx']);

const ARTICLE = { width: 345, height: 550 }; // article, 10 pt, letter or A4
const A4_2CM = { width: 482, height: 728 };
const CAPTION_NUMBER = /^\s*(?:Table\s+\d+[.:]?|表\s*\d+[.:：]?)\s*/i;

function text(c: ReportCell, j: number): string {
  return latexEscape(j > 0 ? numberText(c.text) : c.text) + (c.stars ? `\\sym{${c.stars}}` : '');
}

function defaultLabel(title: string | null): string {
  const number = title?.match(/^\s*Table\s+(\d+)/i);
  if (number) return `tab:table${number[1]}`;
  const words = (title ?? 'table').toLowerCase().match(/[a-z0-9]+/g) ?? ['table'];
  return `tab:${words.slice(0, 4).join('-')}`;
}

/**
 * A table as LaTeX with booktabs rules (\toprule, \midrule, \bottomrule), as esttab's
 * `booktabs` output: a `table` float whose caption is the title without its "Table N." (LaTeX
 * numbers it), a `\label`, stars through `\sym{}`, negative numbers with a true minus, the
 * tabular fitted into the text block (`latexLayout`, then `\povriskfit`, which scales it to
 * \linewidth only if still wider) and the notes in a footnote-size paragraph under it. The
 * header comment names the packages needed (`LATEX_PACKAGES`). Defaults: `output` `fragment`,
 * `label` from the title, `textBlock` 345 × 550 pt (article, 10 pt; a standalone document is A4
 * with 2 cm margins, via geometry, and lays the table out for its 482 × 728 pt).
 * @example await writeFile('table4.tex', toLatex(table, { output: 'standalone' }))
 */
export function toLatex(table: ReportTable, options: LatexOptions = {}): string {
  // A standalone document sets its own page: A4 with 2 cm margins (482 × 728 pt of text).
  const standalone = options.output === 'standalone';
  const block = options.textBlock ?? (standalone ? A4_2CM : ARTICLE);
  const layout = latexLayout(table, block);
  const landscape = layout.orientation === 'landscape';
  const packages = [...LATEX_PACKAGES, ...(landscape ? ['pdflscape'] : [])].join(',');
  const lines = [
    `% ${table.title ?? 'Table'} (made by povrisk).`,
    `% Needs \\usepackage{${packages}} (Debian: texlive-latex-recommended).`,
    '% \\sym sets significance stars; \\povriskfit scales the tabular down to \\linewidth if wider.',
    '\\providecommand{\\sym}[1]{\\ensuremath{^{#1}}}',
    '\\ifdefined\\povriskbox\\else\\newsavebox{\\povriskbox}\\fi',
    '\\providecommand{\\povriskfit}[1]{\\sbox{\\povriskbox}{#1}\\ifdim\\wd\\povriskbox>\\linewidth',
    '  \\resizebox{\\linewidth}{!}{\\usebox{\\povriskbox}}\\else\\usebox{\\povriskbox}\\fi}',
    ...(landscape ? ['\\begin{landscape}'] : []),
    '\\begin{table}[htbp]',
    '\\centering',
  ];
  if (table.title) lines.push(`\\caption{${latexEscape(table.title.replace(CAPTION_NUMBER, ''))}}`);
  lines.push(`\\label{${options.label ?? defaultLabel(table.title)}}`);
  if (layout.size) lines.push(layout.size);
  if (layout.tabcolsep !== 6) lines.push(`\\setlength{\\tabcolsep}{${layout.tabcolsep}pt}`);
  lines.push(`\\povriskfit{\\begin{tabular}{${layout.spec}}`, '\\toprule');
  lines.push(`${table.header.map(latexEscape).join(' & ')} \\\\`, '\\midrule');
  for (const r of table.rows) {
    if (r.ruleBefore) lines.push('\\midrule');
    const cells = r.cells.map((c, j) =>
      j === 0 && r.indent ? `\\quad ${text(c, j)}` : text(c, j),
    );
    lines.push(`${cells.join(' & ')} \\\\`);
  }
  lines.push('\\bottomrule', '\\end{tabular}}');
  if (table.notes.length > 0) {
    lines.push(
      '\\par\\smallskip',
      `{\\footnotesize\\raggedright ${table.notes.map(latexEscape).join(' ')}\\par}`,
    );
  }
  lines.push('\\end{table}', ...(landscape ? ['\\end{landscape}'] : []));
  const body = `${lines.join('\n')}\n`;
  if (!standalone) return body;
  return [
    '\\documentclass{article}',
    '\\usepackage[a4paper,margin=2cm]{geometry}',
    `\\usepackage{${packages}}`,
    '\\begin{document}',
    body.trimEnd(),
    '\\end{document}',
    '',
  ].join('\n');
}
