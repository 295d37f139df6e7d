import type { ReportTable } from '../table-model.js';
import { longestWordWidth, textWidth } from './text-width.js';

/** How `toLatex` sets a table: column specification, font size, column gap, page orientation. */
export interface LatexLayout {
  readonly spec: string;
  /** A size command (`\small`, `\footnotesize`) or '' for the document's size. */
  readonly size: string;
  /** \tabcolsep in points (6 is LaTeX's default). */
  readonly tabcolsep: number;
  readonly orientation: 'portrait' | 'landscape';
}

const SIZES = [
  ['', 1],
  ['\\small', 0.9],
  ['\\footnotesize', 0.8],
] as const;
const MIN_LABEL = 120; // pt, the narrowest a wrapping label column gets
const STAR = 0.43; // em, one star of \sym
const SHRINK = 0.1;
const font = { font: 'computer-modern' as const };

/**
 * A number's minus signs as the true minus (U+2212), which `latexEscape` prints as `$-$`.
 * @example numberText('(-0.052)') // '(−0.052)'
 */
export const numberText = (s: string): string => s.replace(/(^|[(\s[])-(?=[\d.])/g, '$1\u2212');

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
