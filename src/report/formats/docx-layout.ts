import type { ReportCell, ReportTable } from '../table-model.js';
import { longestWordWidth, textWidth } from './text-width.js';

/** How a table is laid out on a Word page: font size, orientation and column widths. */
export interface DocxLayout {
  /** Font size of the table in points (10, 9 or 8). */
  readonly fontSize: number;
  readonly orientation: 'portrait' | 'landscape';
  /** Page size and margins in twips (1/20 pt), as written to the section. */
  readonly page: DocxPage;
  /** Width of each column in twips, cell padding included. */
  readonly columnWidths: readonly number[];
  /** Width of the text block in twips (the page less its margins). */
  readonly textWidth: number;
}

/** A portrait page in twips: A4 with one-inch margins by default. */
export interface DocxPage {
  readonly width: number;
  readonly height: number;
  readonly margin: number;
}

/** A4, one-inch margins. */
export const A4: DocxPage = Object.freeze({ width: 11906, height: 16838, margin: 1440 });
/** Left and right padding of every cell, in twips (3.6 pt; 7.2 pt between columns). */
export const CELL_PADDING = 72;
/** Indent of an indented label, in twips (0.5 cm). */
export const LABEL_INDENT = 284;

// The narrowest a wrapping label column may get before a smaller font or landscape is tried:
// 1.6 inch, about two lines for the paper's longest labels.
const MIN_LABEL = 2300;
const SIZES = [10, 9, 8] as const;
// Superscript stars print at about 2/3 of the size; 4% slack for rounding in the renderers.
const STAR_SCALE = 0.67;
const SLACK = 1.04;

/**
 * A number's minus signs as the true minus U+2212, which no line breaks after (a hyphen-minus
 * lets Word and LibreOffice put "-" on one line and the digits on the next).
 * @example trueMinus('(-0.052)') // '(−0.052)'
 */
export function trueMinus(text: string): string {
  return text.replace(/(^|[(\s[])-(?=[\d.])/g, '$1\u2212');
}

const twips = (ems: number, size: number) => Math.ceil(ems * size * 20 * SLACK);

function cellWidth(c: ReportCell, size: number): number {
  const font = { font: 'times' as const };
  return twips(textWidth(trueMinus(c.text), font) + STAR_SCALE * textWidth(c.stars, font), size);
}

/**
 * Lays a table out on a Word page: number columns just wide enough for their widest cell (so
 * no number wraps), left-aligned text columns wide enough for their longest label where the
 * page allows, else at least 1.6 inch (a label wraps between words only). Tries every label on
 * one line at 10 and 9 pt on a portrait page, then wrapping labels at 10, 9 and 8 pt on a
 * portrait page, then on a landscape page; the first that fits wins (a table too wide
 * even for 8 pt landscape gets that, with its text columns at their longest word). Headers of
 * number columns wrap between words when space is short. Defaults: `page` A4 with 1" margins.
 * @example docxLayout(table).fontSize // 8 for the demo's Table 4
 */
export function docxLayout(table: ReportTable, options: { page?: DocxPage } = {}): DocxLayout {
  const page = options.page ?? A4;
  const text = table.align.map((a) => a === 'left');
  const attempts = [
    ...[10, 9].map((size) => ({ orientation: 'portrait' as const, size, oneLine: true })),
    ...(['portrait', 'landscape'] as const).flatMap((orientation) =>
      SIZES.map((size) => ({ orientation, size, oneLine: false })),
    ),
  ];
  let fallback: DocxLayout | null = null;
  for (const { orientation, size, oneLine } of attempts) {
    const width = (orientation === 'portrait' ? page.width : page.height) - 2 * page.margin;
    const { natural, least } = measure(table, size);
    const numbers = least.reduce((s, w, j) => s + (text[j] ? 0 : w), 0);
    const want = least.map((w, j) =>
      !text[j] ? 0 : oneLine ? natural[j] : Math.min(natural[j], Math.max(w, MIN_LABEL)),
    );
    const room = width - numbers;
    const fits = want.reduce((a, b) => a + b, 0) <= room;
    const columns = distribute(natural, least, fits ? want : least, text, room);
    const layout = Object.freeze({
      fontSize: size,
      orientation,
      page,
      columnWidths: Object.freeze(columns),
      textWidth: width,
    });
    if (fits) return layout;
    fallback = layout;
  }
  return fallback as DocxLayout;
}

/** Per column, in twips with padding: the width on one line, and the least without breaking a word or number. */
function measure(table: ReportTable, size: number): { natural: number[]; least: number[] } {
  const font = { font: 'times' as const };
  const natural: number[] = [];
  const least: number[] = [];
  table.header.forEach((h, j) => {
    let full = twips(textWidth(h, font), size);
    let word = twips(longestWordWidth(h, font), size);
    for (const r of table.rows) {
      const indent = j === 0 && r.indent ? LABEL_INDENT : 0;
      const c = r.cells[j];
      full = Math.max(full, cellWidth(c, size) + indent);
      // Numbers never wrap; labels may wrap between words.
      const w =
        table.align[j] === 'left'
          ? twips(longestWordWidth(c.text, font), size)
          : cellWidth(c, size);
      word = Math.max(word, w + indent);
    }
    natural.push(full + 2 * CELL_PADDING);
    least.push(word + 2 * CELL_PADDING);
  });
  return { natural, least };
}

/** Text columns first up to their natural width, then number columns' headers unwrapped. */
function distribute(
  natural: readonly number[],
  least: readonly number[],
  want: readonly number[],
  text: readonly boolean[],
  room: number,
): number[] {
  const out = least.map((w, j) => (text[j] ? want[j] : w));
  let left = room - out.reduce((s, w, j) => s + (text[j] ? w : 0), 0);
  const grow = (columns: number[]) => {
    const need = columns.reduce((s, j) => s + natural[j] - out[j], 0);
    if (need <= 0 || left <= 0) return;
    const share = Math.min(1, left / need);
    for (const j of columns) {
      const add = Math.floor((natural[j] - out[j]) * share);
      out[j] += add;
      left -= add;
    }
  };
  grow(out.flatMap((_, j) => (text[j] && natural[j] > out[j] ? [j] : [])));
  grow(out.flatMap((_, j) => (!text[j] && natural[j] > out[j] ? [j] : [])));
  return out;
}
