import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { writeCsv } from '../../src/data/write-csv.js';
import { writeTable, type Table } from '../../src/data/write-table.js';

// 5,000 rows: the blocks of 1,000 rows end in mid-table, and a value missing in one block is
// present at the same position of the next.
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
 * @duckdb/node-api, in one COPY (povrisk wrote its CSV this way before it had its own writer).
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

describe('writeCsv: the bytes DuckDB writes', () => {
  it('writes awkward doubles, ids, booleans and labels as DuckDB does, in blocks of any size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'povrisk-csv-'));
    const table = awkwardTable();
    await referenceCsv(table, join(dir, 'reference.csv'));
    await writeCsv(join(dir, 'blocks.csv'), table, { blockRows: 1000, threads: 0 });
    await writeCsv(join(dir, 'rows.csv'), table, { blockRows: 1, threads: 0 });
    await writeTable(join(dir, 'whole.csv'), table);
    const reference = readFileSync(join(dir, 'reference.csv'));
    const lines = reference.toString('utf8').split('\n');
    expect(lines.length).toBeGreaterThan(n); // a header, n rows, one of which breaks a line
    expect(lines[0]).toBe('id,x,count,flag,band,status');
    expect(reference.toString('utf8')).toContain('"say ""hi"""');
    expect(reference.toString('utf8')).toContain('-0.0');
    for (const name of ['whole.csv', 'blocks.csv', 'rows.csv']) {
      const written = readFileSync(join(dir, name));
      expect({ name, difference: firstDifference(written, reference) }).toEqual({
        name,
        difference: null,
      });
    }
    // writeTable writes under a temporary name and renames: nothing else is left.
    expect(readdirSync(dir).sort()).toEqual([
      'blocks.csv',
      'reference.csv',
      'rows.csv',
      'whole.csv',
    ]);
  });

  it('writes the header alone for a table without rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'povrisk-csv-'));
    const path = join(dir, 'empty.csv');
    await writeTable(path, {
      rows: 0,
      columns: [{ name: 'v', type: 'double', values: new Float64Array(0) }],
    });
    expect(readFileSync(path, 'utf8')).toBe('v\n');
  });

  it('quotes column names as DuckDB does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'povrisk-csv-'));
    const names = ['a,b', 'q"x', ' sp', '中', '#n', 'plain'];
    const table: Table = {
      rows: 1,
      columns: names.map((name, j) => ({ name, type: 'integer', values: Int32Array.of(j) })),
    };
    await writeCsv(join(dir, 'names.csv'), table, { threads: 0 });
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const select = names.map((name, j) => `${j} AS "${name.replaceAll('"', '""')}"`).join(', ');
    await con.run(`COPY (SELECT ${select}) TO '${join(dir, 'ref.csv')}' (FORMAT csv, HEADER true)`);
    con.closeSync();
    db.closeSync();
    expect(readFileSync(join(dir, 'names.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 'ref.csv'), 'utf8'),
    );
  });
});

describe('writeCsv on random values, on worker threads', () => {
  it('writes 300,000 random doubles (any bit pattern) and integers as DuckDB does', async () => {
    // The built writer: its blocks go to worker threads, which exist only in dist/.
    const built = (await import(
      pathToFileURL(join(process.cwd(), 'dist/data/write-csv.js')).href
    )) as typeof import('../../src/data/write-csv.js');
    const rows = 300_000;
    const x = new Float64Array(rows);
    const bits = new Uint32Array(x.buffer);
    const count = new Int32Array(rows);
    let seed = 20261207;
    const next = (): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed;
    };
    for (let i = 0; i < rows; i++) {
      bits[2 * i] = next();
      bits[2 * i + 1] = next();
      if (i % 3 === 1) x[i] = (next() / 2 ** 32) * 10 ** ((next() % 40) - 20);
      count[i] = i % 5 === 0 ? -2147483648 + i : next() | 0;
    }
    const table: Table = {
      rows,
      columns: [
        { name: 'x', type: 'double', values: x },
        { name: 'count', type: 'integer', values: count },
      ],
    };
    expect(existsSync(join(process.cwd(), 'dist/data/csv-format-worker.js'))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'povrisk-csv-'));
    await built.writeCsv(join(dir, 'threads.csv'), table, { threads: 2, blockRows: 10_000 });
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run('CREATE TABLE t (x DOUBLE, count INTEGER)');
    const appender = await con.createAppender('t');
    for (let i = 0; i < rows; i++) {
      if (Number.isNaN(x[i])) appender.appendNull();
      else appender.appendDouble(x[i]);
      appender.appendInteger(count[i]);
      appender.endRow();
    }
    appender.closeSync();
    await con.run(`COPY t TO '${join(dir, 'reference.csv')}' (FORMAT csv, HEADER true)`);
    con.closeSync();
    db.closeSync();
    const reference = readFileSync(join(dir, 'reference.csv'));
    expect(reference.toString('utf8').split('\n').length).toBe(rows + 2);
    expect(firstDifference(readFileSync(join(dir, 'threads.csv')), reference)).toBeNull();
  });
});

/** The first byte at which two buffers differ, with some context; null when they are equal. */
function firstDifference(a: Buffer, b: Buffer): string | null {
  if (a.equals(b)) return null;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const around = (x: Buffer): string =>
    JSON.stringify(x.subarray(Math.max(0, i - 40), i + 40).toString('utf8'));
  return `byte ${i} of ${a.length} (reference ${b.length}): ${around(a)} vs ${around(b)}`;
}
