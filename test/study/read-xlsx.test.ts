import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { columnNames, readColumns } from '../../src/data/read.js';
import { readXlsxColumns } from '../../src/data/read-xlsx.js';

let dir: string;
const at = (name: string) => join(dir, name);

async function workbook(name: string, rows: unknown[][], sheet = 'data'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(at(name));
  return at(name);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'povrisk-xlsx-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Excel (.xlsx) reading', () => {
  test('numbers, numbers as text, missing cells, formulas, booleans and text columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['id', 'x', 'y']);
    ws.addRow(['a', 1.5, ' 2 ']);
    ws.addRow(['b', null, 'NA']);
    ws.addRow([3, { formula: 'B2*2', result: 3 }, true]);
    ws.addRow(['d', '.', 1e-3]);
    await wb.xlsx.writeFile(at('ok.xlsx'));
    const data = await readColumns(at('ok.xlsx'), { numeric: ['x', 'y'], text: ['id'] });
    expect(data.rows).toBe(4);
    expect(Array.from(data.numeric.get('x') ?? [])).toEqual([1.5, NaN, 3, NaN]);
    expect(Array.from(data.numeric.get('y') ?? [])).toEqual([2, NaN, 1, 0.001]);
    expect(data.text.get('id')).toEqual(['a', 'b', '3', 'd']);
    expect(await columnNames(at('ok.xlsx'))).toEqual(['id', 'x', 'y']);
  });

  test('a cell that is not a number is named by column, row and value', async () => {
    const path = await workbook('bad.xlsx', [['x'], [1], ['one']]);
    await expect(readColumns(path, { numeric: ['x'] })).rejects.toThrow(
      `${path}: column 'x', row 2: 'one' is not a number`,
    );
  });

  test('an unknown column lists the columns; an unknown sheet lists the sheets', async () => {
    const path = await workbook('cols.xlsx', [
      ['a', 'b'],
      [1, 2],
    ]);
    await expect(readColumns(path, { numeric: ['c'] })).rejects.toThrow(
      `${path}: no column named 'c' (columns: a, b)`,
    );
    await expect(readXlsxColumns(path, { numeric: ['a'], sheet: 'other' })).rejects.toThrow(
      "no worksheet 'other' (worksheets: data)",
    );
  });

  test('a header only, a repeated header and a file that is not a workbook are refused', async () => {
    await expect(
      readColumns(await workbook('head.xlsx', [['a']]), { numeric: ['a'] }),
    ).rejects.toThrow('no data rows');
    await expect(
      readColumns(
        await workbook('dup.xlsx', [
          ['a', 'a'],
          [1, 2],
        ]),
      ),
    ).rejects.toThrow("header repeats column 'a'");
    writeFileSync(at('fake.xlsx'), 'not a zip');
    await expect(readColumns(at('fake.xlsx'))).rejects.toThrow(/fake\.xlsx: malformed file/);
    await expect(readColumns(at('missing.xlsx'))).rejects.toThrow('file not found');
  });
});
