import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnNames, readColumns } from '../../src/data/read.js';
import { fileEncoding } from '../../src/data/transcode.js';

const DIR = 'test/fixtures/encodings';
const ref: { header: string[]; rows: string[][] } = JSON.parse(
  readFileSync('test/fixtures/ref/csv-encodings.json', 'utf8'),
);

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'povrisk-enc-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const leftovers = () =>
  readdirSync(tmpdir()).filter((f) => f.startsWith(`povrisk-${process.pid}-`));

describe('CSV encodings (files written by R iconv)', () => {
  const cases: [string, string][] = [
    ['gb18030.csv', 'gb18030'],
    ['utf8.csv', 'utf-8'],
    ['utf8-bom.csv', 'utf-8'],
    ['utf16.tsv', 'utf-16le'],
  ];
  for (const [file, encoding] of cases) {
    it(`${file}: detected as ${encoding}; Chinese headers and cells read`, async () => {
      const path = join(DIR, file);
      expect(await fileEncoding(path)).toBe(encoding);
      expect(await columnNames(path)).toEqual(ref.header);
      const [county, town, head, income] = ref.header;
      const d = await readColumns(path, { numeric: [income], text: [county, town, head] });
      expect(d.rows).toBe(ref.rows.length);
      ref.rows.forEach((row, i) => {
        expect(d.text.get(county)![i]).toBe(row[0]);
        expect(d.text.get(town)![i]).toBe(row[1]);
        expect(d.text.get(head)![i]).toBe(row[2]);
        const x = d.numeric.get(income)![i];
        if (row[3] === '') expect(Number.isNaN(x)).toBe(true);
        else expect(x).toBe(Number(row[3]));
      });
      expect(leftovers()).toEqual([]); // the UTF-8 copy is removed
    });

    it(`${file}: grouping columns read as codes give the same Chinese values`, async () => {
      // Only numeric and coded columns: the plain-CSV reader's case (which must see a file
      // in another encoding and leave it to its UTF-8 copy, or to DuckDB).
      const path = join(DIR, file);
      const [county, town, , income] = ref.header;
      const d = await readColumns(path, { numeric: [income], coded: [county, town] });
      expect(d.rows).toBe(ref.rows.length);
      ref.rows.forEach((row, i) => {
        const c = d.coded!.get(county)!;
        const t = d.coded!.get(town)!;
        expect(c.levels[c.codes[i]]).toBe(row[0]);
        expect(t.levels[t.codes[i]]).toBe(row[1]);
      });
      expect(leftovers()).toEqual([]);
    });
  }

  it('--encoding overrides detection (GB18030 read as windows-1252 is not Chinese)', async () => {
    const names = await columnNames(join(DIR, 'gb18030.csv'), { encoding: 'windows-1252' });
    expect(names).toHaveLength(ref.header.length);
    expect(names[0]).not.toBe(ref.header[0]);
    expect(await columnNames(join(DIR, 'gb18030.csv'), { encoding: 'GBK' })).toEqual(ref.header);
  });

  it('an unknown --encoding is named', async () => {
    await expect(columnNames(join(DIR, 'utf8.csv'), { encoding: 'klingon' })).rejects.toThrow(
      /invalid encoding: 'klingon'/,
    );
  });

  it('a GB18030 name 5 MB into an otherwise ASCII file is still found', async () => {
    // the bytes of the first county name, as R's iconv wrote them into gb18030.csv
    const gb = readFileSync(join(DIR, 'gb18030.csv'));
    const lineStart = gb.indexOf(0x0a) + 1;
    const name = gb.subarray(lineStart, gb.indexOf(0x2c, lineStart));
    const n = 300_000;
    const lines = ['id,village,income'];
    for (let i = 1; i <= n; i++) lines.push(`${i},v${i},${1000 + i}`);
    const ascii = Buffer.from(`${lines.join('\n')}\n${n + 1},`);
    expect(ascii.length).toBeGreaterThan(5 * 2 ** 20);
    const path = join(tmp, 'late.csv');
    writeFileSync(path, Buffer.concat([ascii, name, Buffer.from(',1\n')]));
    expect(await fileEncoding(path)).toBe('gb18030');
    const d = await readColumns(path, { text: ['village'] });
    expect(d.rows).toBe(n + 1);
    expect(d.text.get('village')![n]).toBe(ref.rows[0][0]);
  });
});
