import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { describe, expect, test } from 'vitest';
import { docxElements, toDocx } from '../../src/report/formats/docx.js';
import { docxLayout, trueMinus } from '../../src/report/formats/docx-layout.js';
import { regressionTable } from '../../src/report/regression-table.js';
import { vulnerabilityTable } from '../../src/report/vulnerability-table.js';
import { TABLE2_BLOCKS, TABLE4_COLUMNS } from './table-inputs.js';

interface Parsed {
  tables: number;
  rows: number;
  cellsPerRow: number[];
  texts: string[];
  superscripts: string[];
  topBorders: number;
}

/** Parses word/document.xml strictly (saxes throws on malformed XML) and collects the table's structure. */
function parseDocument(xml: string): Parsed {
  const parser = new SaxesParser();
  const out: Parsed = {
    tables: 0,
    rows: 0,
    cellsPerRow: [],
    texts: [],
    superscripts: [],
    topBorders: 0,
  };
  let inText = false;
  let superscript = false;
  let text = '';
  let inBorders = false;
  parser.on('opentag', (tag) => {
    if (tag.name === 'w:tbl') out.tables++;
    if (tag.name === 'w:tr') {
      out.rows++;
      out.cellsPerRow.push(0);
    }
    if (tag.name === 'w:tc') out.cellsPerRow[out.cellsPerRow.length - 1]++;
    if (tag.name === 'w:r') superscript = false;
    if (tag.name === 'w:vertAlign' && tag.attributes['w:val'] === 'superscript') superscript = true;
    if (tag.name === 'w:tcBorders') inBorders = true;
    if (inBorders && tag.name === 'w:top' && tag.attributes['w:val'] === 'single') out.topBorders++;
    if (tag.name === 'w:t') {
      inText = true;
      text = '';
    }
  });
  parser.on('text', (t) => {
    if (inText) text += t;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'w:tcBorders') inBorders = false;
    if (tag.name === 'w:t') {
      inText = false;
      out.texts.push(text);
      if (superscript) out.superscripts.push(text);
    }
  });
  parser.write(xml).close();
  return out;
}

async function unzipDocument(buffer: Buffer): Promise<{ names: string[]; xml: string }> {
  const zip = await JSZip.loadAsync(buffer);
  const file = zip.file('word/document.xml');
  if (!file) throw new Error('no word/document.xml in the .docx');
  return { names: Object.keys(zip.files), xml: await file.async('string') };
}

describe('toDocx', () => {
  test('a valid .docx holding one real Word table with the numbers, stars in superscript', async () => {
    const table = regressionTable(TABLE4_COLUMNS, { title: 'Table 4' });
    const buffer = await toDocx(table);
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    const { names, xml } = await unzipDocument(buffer);
    expect(names).toEqual(
      expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']),
    );
    const doc = parseDocument(xml);
    expect(doc.tables).toBe(1);
    expect(doc.rows).toBe(1 + table.rows.length);
    expect(new Set(doc.cellsPerRow)).toEqual(new Set([table.header.length]));
    expect(doc.texts).toContain('Table 4');
    expect(doc.texts).toContain('0.328');
    expect(doc.texts).toContain('(0.060)');
    // The true minus (U+2212), and no scientific notation.
    expect(doc.texts).toContain('\u22120.00000700');
    expect(doc.texts.filter((t) => /\de-\d/.test(t))).toEqual([]);
    expect(doc.superscripts).toContain('***');
    expect(doc.superscripts).toContain('**');
    expect(doc.texts).toContain('Standard errors in parentheses.');
    // Booktabs-style rules: the header's top border on every header cell, and a rule above N.
    expect(doc.topBorders).toBe(2 * table.header.length);
  });

  test('a group table with indented rows; elements compose into a larger document', async () => {
    const table = vulnerabilityTable(TABLE2_BLOCKS, { title: 'Table 2' });
    const { xml } = await unzipDocument(await toDocx(table));
    const doc = parseDocument(xml);
    expect(doc.rows).toBe(1 + table.rows.length);
    expect(doc.texts).toContain('Female head of household');
    expect(doc.texts).toContain('0.74');
    expect(xml).toMatch(/<w:ind w:left="284"/);
    expect(docxElements(table)).toHaveLength(2);
  });
});

describe('docxLayout and trueMinus', () => {
  const column = (k: number) => ({
    label: `Model ${k}`,
    n: 676,
    coefficients: [
      { term: 'road_hardened', estimate: -0.197, stdError: 0.052, pValue: 0.001 },
      { term: 'industrial_support', estimate: 0.018, stdError: 0.028, pValue: 0.5 },
    ],
  });
  test('a narrow table: portrait, 10 pt, label column on one line, widths in the XML', async () => {
    const table = regressionTable([column(1)]);
    const layout = docxLayout(table);
    expect(layout.orientation).toBe('portrait');
    expect(layout.fontSize).toBe(10);
    expect(layout.columnWidths).toHaveLength(2);
    // "Industrial targeted poverty alleviation policies" is 184 pt in Liberation Serif at 10 pt
    // (LibreOffice's measure).
    expect(layout.columnWidths[0]).toBeGreaterThan(184 * 20);
    expect(layout.columnWidths[0]).toBeLessThan(215 * 20);
    // A number column fits "−0.197***" (about 40 pt) and not much more.
    expect(layout.columnWidths[1]).toBeGreaterThan(35 * 20);
    expect(layout.columnWidths[1]).toBeLessThan(60 * 20);
    const { xml } = await unzipDocument(await toDocx(table));
    const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid).toEqual([...layout.columnWidths]);
    expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
  });
  test('wider tables shrink the font to 8 pt, then turn the page', async () => {
    const sizes = [4, 8, 14].map((k) => {
      const layout = docxLayout(regressionTable(Array.from({ length: k }, (_, i) => column(i))));
      return [layout.orientation, layout.fontSize];
    });
    expect(sizes[0]).toEqual(['portrait', 10]);
    expect(sizes[1][0]).toBe('portrait');
    expect(sizes[1][1]).toBeLessThan(10);
    expect(sizes[2][0]).toBe('landscape');
    const wide = regressionTable(Array.from({ length: 14 }, (_, i) => column(i)));
    const { xml } = await unzipDocument(await toDocx(wide));
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
  });
  test('trueMinus replaces a minus before a number only', () => {
    expect(trueMinus('(-0.052)')).toBe('(\u22120.052)');
    expect(trueMinus('-.5')).toBe('\u2212.5');
    expect(trueMinus('[-1, -2]')).toBe('[\u22121, \u22122]');
    expect(trueMinus('Share 0.3-0.6')).toBe('Share 0.3-0.6');
    expect(trueMinus('non-poor')).toBe('non-poor');
  });
});
