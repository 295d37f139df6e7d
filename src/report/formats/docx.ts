import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IBorderOptions,
} from 'docx';
import type { ReportCell, ReportTable } from '../table-model.js';

const FONT = 'Times New Roman';
const SIZE = 20; // half-points: 10 pt
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const THICK: IBorderOptions = { style: BorderStyle.SINGLE, size: 12, color: '000000' };
const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
} as const;

function runs(c: ReportCell, bold = false): TextRun[] {
  const out = [new TextRun({ text: c.text, font: FONT, size: SIZE, bold })];
  if (c.stars) out.push(new TextRun({ text: c.stars, font: FONT, size: SIZE, superScript: true }));
  return out;
}

/**
 * A table as Word elements — the title paragraph, a real Word table with booktabs-style rules
 * (thick top and bottom, thin under the header and above statistic blocks, no vertical lines),
 * stars as superscript, and the notes in a small paragraph — to place in a larger document.
 * @example new Document({ sections: [{ children: docxElements(table) }] })
 */
export function docxElements(table: ReportTable): (Paragraph | Table)[] {
  const last = table.rows.length - 1;
  const makeRow = (
    cells: readonly ReportCell[],
    r: number,
    options: { indent?: boolean; rule?: boolean },
  ) =>
    new TableRow({
      tableHeader: r < 0,
      children: cells.map(
        (c, j) =>
          new TableCell({
            borders: {
              top: r < 0 ? THICK : options.rule ? THIN : NONE,
              bottom: r < 0 ? THIN : r === last ? THICK : NONE,
              left: NONE,
              right: NONE,
            },
            children: [
              new Paragraph({
                alignment: r < 0 && j > 0 ? AlignmentType.CENTER : ALIGN[table.align[j]],
                indent: j === 0 && options.indent ? { left: 284 } : undefined,
                children: runs(c, false),
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
        children: [new TextRun({ text: table.title, font: FONT, size: SIZE + 2, bold: true })],
      }),
    );
  }
  out.push(
    new Table({
      rows: [header, ...body],
      width: { size: 100, type: WidthType.PERCENTAGE },
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
  for (const note of table.notes) {
    out.push(
      new Paragraph({ children: [new TextRun({ text: note, font: FONT, size: SIZE - 4 })] }),
    );
  }
  return out;
}

/**
 * A table as a Word document (.docx), one table on a page.
 * @example await writeFile('table4.docx', await toDocx(regressionTable(models)))
 */
export async function toDocx(table: ReportTable): Promise<Buffer> {
  const doc = new Document({
    creator: 'povrisk',
    title: table.title ?? 'povrisk table',
    sections: [{ children: docxElements(table) }],
  });
  return Packer.toBuffer(doc);
}
