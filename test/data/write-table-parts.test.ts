import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { writeTable, type Table } from '../../src/data/write-table.js';

// 5,000 rows: the 2,048-row chunks and the parts of 1,000 rows both end in mid-table, and a
// value missing in one chunk is present at the same position of the next.
const n = 5000;
const awkwardDoubles = [
  NaN,
  -0,
  0,
  5e-324,
  -2.2250738585072014e-308,
  1e-7,
  1.2345e-5,
  0.1 + 0.2,
  1e15,
  1e16,
  9999999999999998,
  123456789012345680000,
  1e21,
  -1.7976931348623157e308,
  1 / 3,
];
const awkwardIds = ['', 'a,b', 'say "hi"', '中文 ID', 'line\nbreak', ' lead', '#7', 'NA', null];
const labels = ['low', 'medium, high', '"quoted"', ''];

function awkwardTable(): Table {
  const id = Array.from({ length: n }, (_, i) =>
    i % 3 === 0 ? awkwardIds[(i / 3) % awkwardIds.length] : `h${i}`,
  );
  const x = new Float64Array(n);
  const count = new Float64Array(n);
  const flag = new Int8Array(n);
  const band = new Int8Array(n);
  const status = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    x[i] =
      i % 2 === 0
        ? awkwardDoubles[(i / 2) % awkwardDoubles.length]
        : Math.sin(i) * 10 ** ((i % 40) - 20);
    count[i] = i % 7 === 0 ? NaN : i - 2500;
    flag[i] = (i % 3) - 1;
    band[i] = (i % 5) - 1;
    status[i] = i % 4;
  }
  return {
    rows: n,
    columns: [
      { name: 'id', type: 'text', values: id },
      { name: 'x', type: 'double', values: x },
      { name: 'count', type: 'integer', values: count },
      { name: 'flag', type: 'boolean', values: flag },
      { name: 'band', type: 'category', codes: band, labels },
      {
        name: 'status',
        type: 'category',
        codes: status,
        labels: ['ok', '', 'missing x', 'zero weight'],
      },
    ],
  };
}

/**
 * The reference: DuckDB's CSV writer on the same values appended one by one through
 * @duckdb/node-api (the way writeTable appended them before it wrote in parts), in one COPY.
 */
async function referenceCsv(table: Table, path: string): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(
    'CREATE TABLE t (id VARCHAR, x DOUBLE, count INTEGER, flag BOOLEAN, band VARCHAR, status VARCHAR)',
  );
  const appender = await con.createAppender('t');
  const [id, x, count, flag, band, status] = table.columns;
  for (let i = 0; i < table.rows; i++) {
    const s = id.type === 'text' ? id.values[i] : null;
    if (s === null || s === undefined) appender.appendNull();
    else appender.appendVarchar(s);
    const v = x.type === 'double' ? x.values[i] : NaN;
    if (Number.isNaN(v)) appender.appendNull();
    else appender.appendDouble(v);
    const c = count.type === 'integer' ? count.values[i] : NaN;
    if (Number.isNaN(c)) appender.appendNull();
    else appender.appendInteger(c);
    const f = flag.type === 'boolean' ? flag.values[i] : -1;
    if (f < 0) appender.appendNull();
    else appender.appendBoolean(f === 1);
    for (const col of [band, status]) {
      const label = col.type === 'category' && col.codes[i] >= 0 ? col.labels[col.codes[i]] : '';
      if (label === '') appender.appendNull();
      else appender.appendVarchar(label);
    }
    appender.endRow();
  }
  appender.closeSync();
  await con.run(`COPY t TO '${path}' (FORMAT csv, HEADER true, DELIMITER ',')`);
  con.closeSync();
  db.closeSync();
}

describe('writeTable, CSV in parts', () => {
  it('writes the same bytes in parts of 1,000 rows, in one part, and as one COPY of row-by-row appends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'povrisk-parts-'));
    const table = awkwardTable();
    await referenceCsv(table, join(dir, 'reference.csv'));
    await writeTable(join(dir, 'parts.csv'), table, { partRows: 1000 });
    await writeTable(join(dir, 'whole.csv'), table);
    const reference = readFileSync(join(dir, 'reference.csv'));
    const lines = reference.toString('utf8').split('\n');
    expect(lines.length).toBeGreaterThan(n); // a header, n rows, one of which breaks a line
    expect(lines[0]).toBe('id,x,count,flag,band,status');
    expect(reference.toString('utf8')).toContain('"say ""hi"""');
    expect(reference.toString('utf8')).toContain('-0.0');
    expect(readFileSync(join(dir, 'whole.csv')).equals(reference)).toBe(true);
    expect(readFileSync(join(dir, 'parts.csv')).equals(reference)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['parts.csv', 'reference.csv', 'whole.csv']);
  });

  it('writes the header alone for a table without rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'povrisk-parts-'));
    const path = join(dir, 'empty.csv');
    await writeTable(
      path,
      { rows: 0, columns: [{ name: 'v', type: 'double', values: new Float64Array(0) }] },
      { partRows: 10 },
    );
    expect(readFileSync(path, 'utf8')).toBe('v\n');
  });
});
