import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnNames, readColumns } from '../../src/data/read.js';
import { isUserError } from '../../src/errors.js';

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'povrisk-read-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});
const file = (name: string, text: string): string => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};
async function userError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (isUserError(e)) return e.message;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('readColumns', () => {
  it('reads numbers exactly, in file order, with NA, ".", empty and NaN cells missing', async () => {
    const path = file('a.csv', 'y,x,g\n0.1,1e-3,a\nNA, 2 ,b\n3,,"c, d"\n.,"4",\n5,nan,e\n');
    const d = await readColumns(path, { numeric: ['y', 'x'], text: ['g'] });
    expect(d.rows).toBe(5);
    expect(Array.from(d.numeric.get('y')!)).toEqual([0.1, NaN, 3, NaN, 5]);
    expect(Array.from(d.numeric.get('x')!)).toEqual([0.001, 2, NaN, 4, NaN]);
    expect(d.text.get('g')).toEqual(['a', 'b', 'c, d', null, 'e']);
    expect([...d.missing!]).toEqual([
      ['y', 2],
      ['x', 2],
    ]);
  });

  it('returns coded columns as codes into their values, and as text only when asked', async () => {
    const path = file('coded.csv', 'y,g,h\n1,a,x\n2,b,y\n3,,x\n4,a,z\n5,"c, d",x\n');
    const d = await readColumns(path, { numeric: ['y'], text: ['h'], coded: ['g', 'h'] });
    expect(d.rows).toBe(5);
    expect([...d.text.keys()]).toEqual(['h']);
    expect(d.text.get('h')).toEqual(['x', 'y', 'x', 'z', 'x']);
    const g = d.coded?.get('g');
    expect(g?.levels).toEqual(['a', 'b', 'c, d']);
    expect(Array.from(g?.codes ?? [])).toEqual([0, 1, -1, 0, 2]);
    const h = d.coded?.get('h');
    expect(h?.levels).toEqual(['x', 'y', 'z']);
    expect(Array.from(h?.codes ?? [])).toEqual([0, 1, 0, 2, 0]);
  });

  it('a column read both as numbers and as text keeps its text as written', async () => {
    const path = file('both.csv', 'g,y\n1,2\n2.50,3\n,4\n');
    const d = await readColumns(path, { numeric: ['g', 'y'], text: ['g'] });
    expect(Array.from(d.numeric.get('g')!)).toEqual([1, 2.5, NaN]);
    expect(d.text.get('g')).toEqual(['1', '2.50', null]);
  });

  it('round-trips 17-digit decimals to the same doubles as JavaScript', async () => {
    const values = [0.1, 1 / 3, Math.PI * 1e6, 2 ** -30, -1.7976931348623157e308, 5e-324];
    const path = file('exact.csv', `v\n${values.map((v) => v.toPrecision(17)).join('\n')}\n`);
    const d = await readColumns(path, { numeric: ['v'] });
    expect(Array.from(d.numeric.get('v')!)).toEqual(values);
  });

  it('reads CRLF line ends, a byte-order mark and a file without a final newline', async () => {
    const path = file('crlf.csv', '\ufeffy,x\r\n1,2\r\n3,4');
    const d = await readColumns(path, { numeric: ['y', 'x'] });
    expect(Array.from(d.numeric.get('x')!)).toEqual([2, 4]);
  });

  it('TSV and a semicolon .txt', async () => {
    const tsv = await readColumns(file('a.tsv', 'y\tx\n1\t2\n3\t4\n'), { numeric: ['x'] });
    expect(Array.from(tsv.numeric.get('x')!)).toEqual([2, 4]);
    const txt = await readColumns(file('a.txt', 'y;x\n1;2.5\n3;4\n'), { numeric: ['x'] });
    expect(Array.from(txt.numeric.get('x')!)).toEqual([2.5, 4]);
  });

  it('columnNames lists the header in order', async () => {
    expect(await columnNames(file('h.csv', 'b,a,"c d"\n1,2,3\n'))).toEqual(['b', 'a', 'c d']);
  });

  it('names the column, row, line and value of a cell that is not a number', async () => {
    const path = file('bad.csv', 'y,x\n1,2\n2,3\n3,1O\n');
    expect(await userError(readColumns(path, { numeric: ['y', 'x'] }))).toBe(
      `${path}: column 'x', row 3 (line 4): '1O' is not a number`,
    );
  });

  it('names a bad cell, or a ragged row, far past the first chunks of a streamed read', async () => {
    const rows = (bad: number, cell: string): string => {
      const lines = ['y,x,g'];
      for (let i = 1; i <= 5000; i++) lines.push(i === bad ? cell : `${i},${i / 4},a`);
      return `${lines.join('\n')}\n`;
    };
    const path = file('late.csv', rows(4321, '4321,4x,a'));
    expect(await userError(readColumns(path, { numeric: ['y', 'x'], text: ['g'] }))).toBe(
      `${path}: column 'x', row 4321 (line 4322): '4x' is not a number`,
    );
    const ragged = file('ragged.csv', rows(4500, '4500,1'));
    expect(await userError(readColumns(ragged, { numeric: ['y', 'x'] }))).toMatch(
      /ragged\.csv: .*line 4501/,
    );
    const good = await readColumns(file('good.csv', rows(0, '')), { numeric: ['x'], text: ['g'] });
    expect(good.rows).toBe(5000);
    expect(good.numeric.get('x')![4999]).toBe(1250);
    expect(good.text.get('g')!.length).toBe(5000);
  });

  it('reports the first bad cell in file order across columns', async () => {
    const path = file('bad2.csv', 'y,x\n1,2\n2,zz\nyy,3\n');
    expect(await userError(readColumns(path, { numeric: ['y', 'x'] }))).toBe(
      `${path}: column 'x', row 2 (line 3): 'zz' is not a number`,
    );
  });

  it('rejects a header with a repeated or empty name, an unknown column, an unknown type', async () => {
    expect(await userError(readColumns(file('rep.csv', 'a,b,a\n1,2,3\n')))).toMatch(
      /header repeats column 'a'/,
    );
    expect(await userError(readColumns(file('gap.csv', 'a,,b\n1,2,3\n')))).toMatch(
      /header column 2 has no name/,
    );
    const path = file('ok.csv', 'a,b\n1,2\n');
    expect(await userError(readColumns(path, { numeric: ['c'] }))).toBe(
      `${path}: no column named 'c' (columns: a, b)`,
    );
    expect(await userError(readColumns(file('data.json', '{}')))).toMatch(/unknown file type/);
  });

  it('reads 100,000 rows (many DuckDB chunks) completely and in order', async () => {
    const n = 100_000;
    const lines = ['i,half'];
    for (let i = 0; i < n; i++) lines.push(`${i},${i / 2}`);
    const d = await readColumns(file('big.csv', `${lines.join('\n')}\n`), {
      numeric: ['i', 'half'],
    });
    expect(d.rows).toBe(n);
    const i = d.numeric.get('i')!;
    const half = d.numeric.get('half')!;
    let ordered = true;
    for (let r = 0; r < n; r++) ordered &&= i[r] === r && half[r] === r / 2;
    expect(ordered).toBe(true);
  });

  it('reads text of every length, with missing cells, across chunks, as written', async () => {
    const n = 5000; // a few DuckDB chunks of 2,048 rows
    const names = (i: number): string | null =>
      i % 7 === 3 ? null : i % 2 === 0 ? `户${i}` : `凉山州布拖县-${i}-村民小组`;
    const lines = ['id,name'];
    for (let i = 0; i < n; i++) lines.push(`${i},${names(i) ?? ''}`);
    let parses = 0;
    const d = await readColumns(file('text.csv', `${lines.join('\n')}\n`), {
      numeric: ['id'],
      text: ['name'],
      onParse: () => parses++,
    });
    expect(parses).toBe(1);
    const expected = Array.from({ length: n }, (_, i) => names(i));
    const got = d.text.get('name')!;
    const wrong = expected.findIndex((v, i) => got[i] !== v);
    expect(wrong, `row ${wrong}: ${got[wrong]} ≠ ${expected[wrong]}`).toBe(-1);
    expect(got.length).toBe(n);
  });
});
