import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readColumns } from '../../src/data/read.js';
import { readPlainCsv } from '../../src/data/read-plain-csv.js';
import { describeSource } from '../../src/data/source.js';

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'povrisk-plain-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});
const file = (name: string, text: string): string => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};

type Reader = typeof readPlainCsv;
async function plain(
  path: string,
  numeric: string[],
  coded: string[] = [],
  options: { threads?: number; reader?: Reader } = {},
): ReturnType<Reader> {
  const source = await describeSource(path);
  try {
    return await (options.reader ?? readPlainCsv)(source, {
      numeric,
      coded,
      threads: options.threads ?? 0,
    });
  } finally {
    await source.release();
  }
}

/** The reference: DuckDB's own reader, each column as DOUBLE or VARCHAR, in file order. */
async function duckdbColumns(
  path: string,
  numeric: string[],
  text: string[],
): Promise<{ numeric: Float64Array[]; text: (string | null)[][] }> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const select = [
    ...numeric.map((n) => `CAST("${n}" AS DOUBLE)`),
    ...text.map((n) => `CAST("${n}" AS VARCHAR)`),
  ].join(', ');
  const reader = await con.runAndReadAll(
    `SELECT ${select} FROM read_csv('${path}', header = true, all_varchar = true, nullstr = ['', 'NA', '.'])`,
  );
  const rows = reader.getRows();
  con.closeSync();
  db.closeSync();
  return {
    numeric: numeric.map((_, k) =>
      Float64Array.from(rows, (r) => (r[k] === null ? NaN : Number(r[k]))),
    ),
    text: text.map((_, t) => rows.map((r) => (r[numeric.length + t] as string | null) ?? null)),
  };
}

/** Codes in order of first appearance, computed here from DuckDB's strings. */
function firstAppearance(values: readonly (string | null)[]): {
  codes: number[];
  levels: string[];
} {
  const levels: string[] = [];
  const codes = values.map((v) => {
    if (v === null) return -1;
    let c = levels.indexOf(v);
    if (c < 0) c = levels.push(v) - 1;
    return c;
  });
  return { codes, levels };
}

function sameBits(actual: Float64Array, expected: Float64Array): string[] {
  const wrong: string[] = [];
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i]))
      wrong.push(`row ${i + 1}: ${actual[i]} vs ${expected[i]}`);
  }
  return wrong.slice(0, 10);
}

describe('readPlainCsv', () => {
  it('reads a plain file as DuckDB does: the same doubles, NaN where missing, codes in order of first appearance', async () => {
    const path = file(
      'plain.csv',
      'id,y,g,x\n1,0.1,Xide,1e-3\n2,NA,Muli,-0\n3,3,,2.5E+10\n4,.,Xide,.5\n5,-7.25,昭觉县,5.\n6,,NA,+4\n',
    );
    const data = await plain(path, ['y', 'x'], ['g']);
    expect(data).not.toBeNull();
    const reference = await duckdbColumns(path, ['y', 'x'], ['g']);
    expect(data!.rows).toBe(6);
    expect(sameBits(data!.numeric.get('y')!, reference.numeric[0])).toEqual([]);
    expect(sameBits(data!.numeric.get('x')!, reference.numeric[1])).toEqual([]);
    expect([...data!.missing!]).toEqual([
      ['y', 3],
      ['x', 0],
    ]);
    const expected = firstAppearance(reference.text[0]);
    const g = data!.coded!.get('g')!;
    expect(Array.from(g.codes)).toEqual(expected.codes);
    expect(g.levels).toEqual(['Xide', 'Muli', '昭觉县']);
    expect(g.levels).toEqual(expected.levels);
  });

  it('reads 150,000 numbers of every kind as JavaScript’s Number does (to the bit)', async () => {
    let seed = 2026;
    const next = (): number => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    const x = new Float64Array(1);
    const bits = new Uint32Array(x.buffer);
    const cells: string[] = [];
    for (let i = 0; i < 150_000; i++) {
      const kind = i % 6;
      if (kind === 0) {
        bits[0] = next();
        bits[1] = next();
        cells.push(Number.isFinite(x[0]) ? String(x[0]) : '1');
      } else if (kind === 1) cells.push(String(next() / 2 ** 32));
      else if (kind === 2) {
        const digits = `${next()}${next()}`.slice(0, 1 + (next() % 19));
        cells.push(`${digits}e${(next() % 620) - 340}`);
      } else if (kind === 3)
        cells.push(
          `${next() % 2 ? '-' : ''}${next() % 100000}.${String(next()).padStart(10, '0')}`,
        );
      else if (kind === 4)
        cells.push(`${next() % 1000}.${next()}${next()}${next()}`); // > 19 digits
      else
        cells.push(
          [
            '9007199254740993',
            '4.9e-324',
            '2.4703282292062328e-324',
            '2.2250738585072011e-308',
            '1.7976931348623157e308',
            '1e23',
            '0.1',
            '-0.0',
          ][next() % 8],
        );
    }
    const lines = ['a,b,c'];
    for (let i = 0; i < cells.length; i += 3) lines.push(cells.slice(i, i + 3).join(','));
    const path = file('numbers.csv', `${lines.join('\n')}\n`);
    const data = await plain(path, ['a', 'b', 'c']);
    expect(data).not.toBeNull();
    expect(data!.rows).toBe(50_000);
    const wrong: string[] = [];
    cells.forEach((cell, i) => {
      const got = data!.numeric.get('abc'[i % 3])![Math.floor(i / 3)];
      if (!Object.is(got, Number(cell))) wrong.push(`${cell}: ${got} vs ${Number(cell)}`);
    });
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('gives up (null) on what it does not take, and readColumns reads those files through DuckDB', async () => {
    const cases: [string, string][] = [
      ['quoted.csv', 'y,g\n1,"a, b"\n2,c\n'],
      ['crlf.csv', 'y,g\r\n1,a\r\n2,b\r\n'],
      ['ragged.csv', 'y,g\n1,a\n2\n'],
      ['inf.csv', 'y,g\n1,a\ninf,b\n'],
      ['nan.csv', 'y,g\n1,a\nnan,b\n'],
      ['space.csv', 'y,g\n1,a\n 2,b\n'],
      ['underscore.csv', 'y,g\n1_000,a\n2,b\n'],
      ['huge.csv', 'y,g\n1e400,a\n2,b\n'],
      ['header.csv', '"y",g\n1,a\n2,b\n'],
      ['blank-line.csv', 'y,g\n1,a\n\n2,b\n'],
    ];
    expect(cases.length).toBe(10);
    for (const [name, text] of cases) {
      const path = file(name, text);
      expect({ name, plain: await plain(path, ['y'], ['g']) }).toEqual({ name, plain: null });
    }
    // Through readColumns, DuckDB reads the quoted one.
    const quoted = await readColumns(join(tmp, 'quoted.csv'), { numeric: ['y'], coded: ['g'] });
    expect(quoted.coded!.get('g')!.levels).toEqual(['a, b', 'c']);
  });

  it('gives up on a coded column of more than 2,048 values, which readColumns still codes', async () => {
    const lines = ['y,id'];
    for (let i = 0; i < 3000; i++) lines.push(`${i},h${i}`);
    const path = file('ids.csv', `${lines.join('\n')}\n`);
    expect(await plain(path, ['y'], ['id'])).toBeNull();
    const data = await readColumns(path, { numeric: ['y'], coded: ['id'] });
    expect(data.coded!.get('id')!.levels.length).toBe(3000);
    expect(data.coded!.get('id')!.levels[2999]).toBe('h2999');
  });

  it('grows its columns when the first megabyte’s long lines suggest too few rows', async () => {
    const lines = ['y,pad,g'];
    for (let i = 0; i < 4000; i++) lines.push(`${i},${'x'.repeat(400)},a`);
    for (let i = 4000; i < 200_000; i++) lines.push(`${i},,${i % 2 ? 'b' : 'a'}`);
    const path = file('grow.csv', `${lines.join('\n')}\n`);
    const data = await plain(path, ['y'], ['g']);
    expect(data!.rows).toBe(199_999 + 1);
    const y = data!.numeric.get('y')!;
    expect(y.length).toBe(200_000);
    for (let i = 0; i < 200_000; i += 997) expect(y[i]).toBe(i);
    expect(y[199_999]).toBe(199_999);
    const g = data!.coded!.get('g')!;
    expect(g.levels).toEqual(['a', 'b']);
    expect(g.codes[4001]).toBe(1);
    expect(g.codes[199_999]).toBe(1);
  });

  it('reads a last line without a newline', async () => {
    const data = await plain(file('last.csv', 'y,x\n1,2\n3,4'), ['x', 'y']);
    expect(Array.from(data!.numeric.get('x')!)).toEqual([2, 4]);
    expect(Array.from(data!.numeric.get('y')!)).toEqual([1, 3]);
  });

  it('parses a 20 MB file on two worker threads as on one', async () => {
    const built = pathToFileURL(join(process.cwd(), 'dist/data/read-plain-csv.js')).href;
    expect(existsSync(join(process.cwd(), 'dist/data/csv-parse-worker.js'))).toBe(true);
    const reader = ((await import(built)) as { readPlainCsv: Reader }).readPlainCsv;
    const lines = ['hid,income,x1,x2,county'];
    let seed = 9;
    const next = (): number => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const counties = ['Xide', 'Muli', 'Yanyuan', '昭觉县', 'NA', ''];
    for (let i = 0; i < 250_000; i++) {
      const county = counties[Math.floor(next() ** 3 * counties.length)];
      lines.push(`${i},${Math.exp(7 + next() * 2)},${next() - 0.5},${next() * 1e-7},${county}`);
    }
    const path = file('large.csv', `${lines.join('\n')}\n`);
    const numeric = ['income', 'x1', 'x2'];
    const two = await plain(path, numeric, ['county'], { threads: 2, reader });
    const one = await plain(path, numeric, ['county'], { threads: 0 });
    const reference = await duckdbColumns(path, numeric, ['county']);
    expect(two!.rows).toBe(250_000);
    for (const [k, name] of numeric.entries()) {
      expect(sameBits(two!.numeric.get(name)!, reference.numeric[k])).toEqual([]);
      expect(sameBits(one!.numeric.get(name)!, reference.numeric[k])).toEqual([]);
    }
    const expected = firstAppearance(reference.text[0]);
    for (const data of [one!, two!]) {
      const county = data.coded!.get('county')!;
      expect(county.levels).toEqual(expected.levels);
      expect(Array.from(county.codes)).toEqual(expected.codes);
    }
  });
});
