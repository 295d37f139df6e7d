import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readColumns } from '../../src/data/read.js';
import { tableFormat, writeTable, type Table } from '../../src/data/write-table.js';

const table: Table = {
  rows: 4,
  columns: [
    { name: 'id', type: 'text', values: ['a', 'b,c', null, 'd"e'] },
    { name: 'n', type: 'integer', values: new Float64Array([1, 2, NaN, 4]) },
    { name: 'x', type: 'double', values: new Float64Array([0.1 + 0.2, 1 / 3, NaN, -5e-324]) },
    { name: 'flag', type: 'boolean', values: new Int8Array([1, 0, -1, 1]) },
    {
      name: 'band',
      type: 'category',
      codes: new Int8Array([0, 2, -1, 1]),
      labels: ['low', 'medium', 'high'],
    },
  ],
};

describe('writeTable', () => {
  it('writes CSV with full-precision doubles, missing as empty cells, in row order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'povrisk-wt-'));
    const path = join(dir, 'out.csv');
    await writeTable(path, table);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toEqual([
      'id,n,x,flag,band',
      'a,1,0.30000000000000004,true,low',
      '"b,c",2,0.3333333333333333,false,high',
      ',,,,',
      '"d""e",4,-5e-324,true,medium',
    ]);
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('writes Parquet that reads back to the same numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'povrisk-wt-'));
    const path = join(dir, 'out.parquet');
    await writeTable(path, table);
    const back = await readColumns(path, { numeric: ['x', 'n'], text: ['id', 'band', 'flag'] });
    expect(Array.from(back.numeric.get('x')!)).toEqual([0.1 + 0.2, 1 / 3, NaN, -5e-324]);
    expect(back.text.get('band')).toEqual(['low', 'high', null, 'medium']);
    expect(back.text.get('id')).toEqual(['a', 'b,c', null, 'd"e']);
    expect(readdirSync(dir)).toEqual(['out.parquet']);
  });

  it('leaves no file, and an existing file untouched, when writing fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'povrisk-wt-'));
    // A directory named like the output: the final rename fails after DuckDB has written.
    const blocked = join(dir, 'taken.csv');
    writeFileSync(join(dir, 'keep.csv'), 'old\n');
    await writeTable(join(dir, 'keep.csv'), table, { format: 'csv' });
    expect(readFileSync(join(dir, 'keep.csv'), 'utf8')).not.toBe('old\n');
    mkdirSync(blocked);
    writeFileSync(join(blocked, 'inside'), 'x');
    await expect(writeTable(blocked, table)).rejects.toThrow(/taken\.csv: could not write/);
    await expect(writeTable(join(dir, 'missing-dir', 'out.csv'), table)).rejects.toThrow(
      /could not write/,
    );
    expect(readdirSync(dir).sort()).toEqual(['keep.csv', 'taken.csv']);
    expect(readdirSync(blocked)).toEqual(['inside']);
  });

  it('chooses the format from the extension', () => {
    expect(tableFormat('a/b.CSV')).toBe('csv');
    expect(tableFormat('b.parquet')).toBe('parquet');
    expect(() => tableFormat('b.xlsx')).toThrow(/unknown output type/);
  });
});
