import type { ReportCell, ReportTable } from '../table-model.js';
import { longestWordWidth, textWidth } from './text-width.js';

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

/** How `toLatex` sets a table: column specification, font size, column gap, page orientation. */
export interface LatexLayout {
  readonly spec: string;
  /** A size command (`\small`, `\footnotesize`) or '' for the document's size. */
  readonly size: string;
  /** \tabcolsep in points (6 is LaTeX's default). */
  readonly tabcolsep: number;
  readonly orientation: 'portrait' | 'landscape';
}

/**
 * The packages every table needs (pdflscape too for a landscape one); booktabs and pdflscape
 * come with Debian's texlive-latex-recommended, array and graphicx with texlive-latex-base.
 */
export const LATEX_PACKAGES = Object.freeze(['booktabs', 'array', 'graphicx']);

const ARTICLE = { width: 345, height: 550 }; // article, 10 pt, letter or A4
const A4_2CM = { width: 482, height: 728 };
const CAPTION_NUMBER = /^\s*(?:Table\s+\d+[.:]?|表\s*\d+[.:：]?)\s*/i;
const SIZES = [
  ['', 1],
  ['\\small', 0.9],
  ['\\footnotesize', 0.8],
] as const;
const MIN_LABEL = 120; // pt, the narrowest a wrapping label column gets
const STAR = 0.43; // em, one star of \sym
const SHRINK = 0.1;
const font = { font: 'computer-modern' as const };

const numberText = (s: string): string => s.replace(/(^|[(\s[])-(?=[\d.])/g, '$1\u2212');

function text(c: ReportCell, j: number): string {
  return latexEscape(j > 0 ? numberText(c.text) : c.text) + (c.stars ? `\\sym{${c.stars}}` : '');
}

/** Per column, in ems of the font: the width on one line, and the least without breaking a word or number. */
function measure(table: ReportTable): { natural: number[]; least: number[] } {
  const natural: number[] = [];
  const least: number[] = [];
  table.header.forEach((h, j) => {
    let full = textWidth(h, font);
    let word = longestWordWidth(h, font);
    for (const r of table.rows) {
      const c = r.cells[j];
      const indent = j === 0 && r.indent ? 1 : 0;
      const w = textWidth(j > 0 ? numberText(c.text) : c.text, font) + STAR * c.stars.length;
      full = Math.max(full, w + indent);
      const unbroken = table.align[j] === 'left' ? longestWordWidth(c.text, font) : w;
      word = Math.max(word, unbroken + indent);
    }
    natural.push(full);
    least.push(word);
  });
  return { natural, least };
}

/**
 * How to fit a table into the text block, from Computer Modern's advance widths: the first of
 * portrait then landscape (pdflscape, only when the table is short enough to fit across the
 * page), each at the document's size, \small and \footnotesize, each with a column gap of 6 pt
 * and then 4 pt, where the table fits — long label columns wrapping (`p{…}`, ragged right, at
 * least 120 pt or their longest word) — or is at most a tenth too wide. Failing all, portrait at
 * \footnotesize with 4 pt gaps. `\povriskfit` scales down whatever is still too wide.
 * @example latexLayout(table, { width: 345, height: 520 }).size // '\\small'
 */
export function latexLayout(
  table: ReportTable,
  block: { readonly width: number; readonly height: number },
): LatexLayout {
  const { natural: ems, least: leastEms } = measure(table);
  const notes = table.notes.reduce((s, n) => s + textWidth(n, font), 0) * 8;
  const attempt = (
    orientation: 'portrait' | 'landscape',
    [size, scale]: (typeof SIZES)[number],
    tabcolsep: number,
  ) => {
    const width = orientation === 'portrait' ? block.width : block.height;
    const pt = (em: number) => em * 10 * scale + 2 * tabcolsep;
    const natural = ems.map(pt);
    const wraps = natural.map((w, j) => table.align[j] === 'left' && w > pt(0) + MIN_LABEL);
    const floor = natural.map((w, j) =>
      wraps[j] ? Math.max(pt(leastEms[j]), pt(0) + MIN_LABEL) : w,
    );
    const excess = natural.reduce((a, b) => a + b, 0) - width;
    const slack = natural.reduce((s, w, j) => s + w - floor[j], 0);
    const share = excess <= 0 ? 0 : slack > 0 ? Math.min(1, excess / slack) : 0;
    let lines = 1 + table.rows.length;
    const spec = table.align
      .map((a, j) => {
        const w = natural[j] - (natural[j] - floor[j]) * share;
        if (!wraps[j] || w >= natural[j]) return a[0];
        lines += table.rows.length * (natural[j] / w - 1); // wrapped labels, roughly
        return `>{\\raggedright\\arraybackslash}p{${Math.floor(w - 2 * tabcolsep)}pt}`;
      })
      .join('');
    // Caption, rules and notes (footnote size) around the rows; a landscape page is as tall
    // as the portrait text block is wide.
    const height = lines * 12 * scale + 40 + Math.ceil(notes / width + table.notes.length) * 10;
    const tall = orientation === 'landscape' && height > block.width;
    const layout: LatexLayout = Object.freeze({ spec, size, tabcolsep, orientation });
    // \povriskfit may shrink a table by up to a tenth: about a size step, without wrapping more.
    return { layout, fits: !tall && excess <= slack + SHRINK * width };
  };
  for (const orientation of ['portrait', 'landscape'] as const)
    for (const size of SIZES)
      for (const tabcolsep of [6, 4]) {
        const { layout, fits } = attempt(orientation, size, tabcolsep);
        if (fits) return layout;
      }
  return attempt('portrait', SIZES[SIZES.length - 1], 4).layout;
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
