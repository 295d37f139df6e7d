import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IBorderOptions,
} from 'docx';
import type { ReportCell, ReportTable } from '../table-model.js';
import {
  CELL_PADDING,
  LABEL_INDENT,
  docxLayout,
  trueMinus,
  type DocxLayout,
} from './docx-layout.js';

const FONT = 'Times New Roman';
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const THICK: IBorderOptions = { style: BorderStyle.SINGLE, size: 12, color: '000000' };
const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
} as const;

/**
 * A table as Word elements — the title paragraph, a real Word table with booktabs-style rules
 * (thick top and bottom, thin under the header and above statistic blocks, no vertical lines),
 * stars as superscript, and the notes in a small paragraph as wide as the table — to place in
 * a larger document. Column widths and the font size come from `layout` (default
 * `docxLayout(table)`): the table is centred, fixed-width, its header repeated on each page.
 * @example new Document({ sections: [{ children: docxElements(table) }] })
 */
export function docxElements(
  table: ReportTable,
  options: { layout?: DocxLayout } = {},
): (Paragraph | Table)[] {
  const layout = options.layout ?? docxLayout(table);
  const size = 2 * layout.fontSize; // half-points
  const widths = layout.columnWidths;
  const tableWidth = widths.reduce((a, b) => a + b, 0);
  // Title and notes sit over and under the table, in its width.
  const side = Math.max(0, Math.floor((layout.textWidth - tableWidth) / 2));
  const runs = (c: ReportCell, j: number): TextRun[] => {
    const out = [new TextRun({ text: j > 0 ? trueMinus(c.text) : c.text, font: FONT, size })];
    if (c.stars) out.push(new TextRun({ text: c.stars, font: FONT, size, superScript: true }));
    return out;
  };
  const last = table.rows.length - 1;
  const makeRow = (
    cells: readonly ReportCell[],
    r: number,
    options: { indent?: boolean; rule?: boolean },
  ) =>
    new TableRow({
      tableHeader: r < 0,
      cantSplit: true,
      children: cells.map(
        (c, j) =>
          new TableCell({
            width: { size: widths[j], type: WidthType.DXA },
            borders: {
              top: r < 0 ? THICK : options.rule ? THIN : NONE,
              bottom: r < 0 ? THIN : r === last ? THICK : NONE,
              left: NONE,
              right: NONE,
            },
            children: [
              new Paragraph({
                alignment:
                  r < 0 && table.align[j] !== 'left' ? AlignmentType.CENTER : ALIGN[table.align[j]],
                indent: j === 0 && options.indent ? { left: LABEL_INDENT } : undefined,
                keepNext: r < last,
                children: runs(c, j),
              }),
            ],
          }),
      ),
    });
  const header = makeRow(
    table.header.map((text) => ({ text, stars: '' })),
    -1,
    {},
  );
  const body = table.rows.map((r, i) =>
    makeRow(r.cells, i, { indent: r.indent, rule: r.ruleBefore }),
  );
  const out: (Paragraph | Table)[] = [];
  if (table.title) {
    out.push(
      new Paragraph({
        indent: { left: side, right: side },
        spacing: { after: 120 },
        keepNext: true,
        children: [new TextRun({ text: table.title, font: FONT, size: size + 2, bold: true })],
      }),
    );
  }
  out.push(
    new Table({
      rows: [header, ...body],
      width: { size: tableWidth, type: WidthType.DXA },
      columnWidths: [...widths],
      layout: TableLayoutType.FIXED,
      alignment: AlignmentType.CENTER,
      margins: { left: CELL_PADDING, right: CELL_PADDING, top: 0, bottom: 0 },
      borders: {
        top: NONE,
        bottom: NONE,
        left: NONE,
        right: NONE,
        insideHorizontal: NONE,
        insideVertical: NONE,
      },
    }),
  );
  table.notes.forEach((note, k) => {
    out.push(
      new Paragraph({
        indent: { left: side, right: side },
        spacing: k === 0 ? { before: 80 } : undefined,
        children: [new TextRun({ text: note, font: FONT, size: size - 2 })],
      }),
    );
  });
  return out;
}

/**
 * A table as a Word document (.docx), one table on a page: portrait A4 when the table fits at
 * 8 pt or more, else a landscape page (see `docxLayout`).
 * @example await writeFile('table4.docx', await toDocx(regressionTable(models)))
 */
export async function toDocx(table: ReportTable): Promise<Buffer> {
  const layout = docxLayout(table);
  const { page } = layout;
  const doc = new Document({
    creator: 'povrisk',
    title: table.title ?? 'povrisk table',
    sections: [
      {
        properties: {
          page: {
            size: {
              width: page.width,
              height: page.height,
              orientation:
                layout.orientation === 'landscape'
                  ? PageOrientation.LANDSCAPE
                  : PageOrientation.PORTRAIT,
            },
            margin: {
              top: page.margin,
              bottom: page.margin,
              left: page.margin,
              right: page.margin,
            },
          },
        },
        children: docxElements(table, { layout }),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
