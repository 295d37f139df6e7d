import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import pg from 'pg';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFromDuckDb } from '../../src/data/copy-from-duckdb.js';
import { copyOutColumns } from '../../src/data/copy-out-columns.js';
import { createTestDatabase, PG_SERVER_URL, type TestDatabase } from '../helpers/postgres.js';

// Doubles that printing and parsing get wrong most easily: signed zero, the extremes, the
// smallest subnormal, sums with no short decimal, integers past 2^53.
const AWKWARD: readonly number[] = [
  NaN,
  Infinity,
  -Infinity,
  0,
  -0,
  5e-324,
  -5e-324,
  2.2250738585072014e-308,
  2.225073858507201e-308,
  1.7976931348623157e308,
  -1.7976931348623157e308,
  0.1 + 0.2,
  1 / 3,
  -2 / 3,
  2 ** 53 + 2,
  123456789012345680000,
  1e21,
  1e-7,
  Math.PI,
];

// Ids with COPY's special characters, quotes, non-ASCII, and the text `\N` (not NULL).
const IDS: readonly string[] = [
  'plain',
  'tab\there',
  'new\nline',
  'carriage\rreturn',
  'back\\slash',
  '\\N',
  '\\',
  'quo\'te "double"',
  '凉山州 昭觉县 户主',
  ' leading and trailing ',
  '',
  'a,b;c|d',
  '\\t literally',
  'ends with backslash\\',
  '\u000b\f\b controls',
  'emoji 🧮',
  'x'.repeat(5000),
  'z',
  'last',
];

/** An SQL literal for a double that PostgreSQL reads back exactly (17 digits; -0, NaN, ±Inf by name). */
function literal(x: number): string {
  if (Object.is(x, -0)) return '-0';
  return Number.isFinite(x) ? x.toPrecision(17) : String(x);
}

/** The double in a float8send bytea (IEEE 754, big-endian). */
function fromFloat8send(bytes: Buffer): number {
  return bytes.readDoubleBE(0);
}

/** n doubles from random bit patterns (seeded), NaN patterns left out: every exponent, subnormals too. */
function randomDoubles(n: number, seed: number): Float64Array {
  let s = seed >>> 0;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  const out = new Float64Array(n);
  const view = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < n;) {
    view.setUint32(0, next());
    view.setUint32(4, next());
    const x = view.getFloat64(0);
    if (Number.isFinite(x)) out[i++] = x;
  }
  return out;
}

describe.skipIf(!PG_SERVER_URL)('PostgreSQL COPY, column-major', () => {
  let db: TestDatabase;
  let client: pg.Client;
  let instance: DuckDBInstance;
  let duck: DuckDBConnection;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    instance = await DuckDBInstance.create(':memory:');
    duck = await instance.connect();
  });

  afterAll(async () => {
    duck?.closeSync();
    instance?.closeSync();
    await client?.end();
    await db?.drop();
  });

  it('reads ids and doubles bit for bit, NULL as NaN', async () => {
    expect(AWKWARD.length).toBe(IDS.length);
    await client.query('CREATE TABLE awkward (ord int, id text, x float8, y float8)');
    await client.query(
      'INSERT INTO awkward SELECT * FROM unnest($1::int[], $2::text[], $3::text[]::float8[], $4::text[]::float8[])',
      [
        IDS.map((_, i) => i),
        IDS,
        AWKWARD.map(literal),
        AWKWARD.map((x, i) => (i % 3 === 0 ? null : literal(-x))),
      ],
    );
    // the literals went in exactly (checked on the bits, without the code under test)
    const bits = await client.query<{ x: Buffer }>(
      'SELECT float8send(x) AS x FROM awkward ORDER BY ord',
    );
    expect(bits.rows.length).toBe(AWKWARD.length);
    for (const [i, x] of AWKWARD.entries()) {
      expect(Object.is(fromFloat8send(bits.rows[i].x), x), `inserted ${i}`).toBe(true);
    }

    const out = await copyOutColumns(client, 'SELECT id, x, y FROM awkward ORDER BY ord', {
      numeric: ['x', 'y'],
    });
    expect(out.rows).toBe(IDS.length);
    expect(out.ids.length).toBe(IDS.length);
    expect([...out.numeric.keys()]).toEqual(['x', 'y']);
    const x = out.numeric.get('x')!;
    const y = out.numeric.get('y')!;
    expect(x.length).toBe(AWKWARD.length);
    expect(y.length).toBe(AWKWARD.length);
    for (const [i, id] of IDS.entries()) {
      expect(out.ids[i], `id ${i}`).toBe(id);
      expect(Object.is(x[i], AWKWARD[i]), `x[${i}]: ${x[i]} vs ${AWKWARD[i]}`).toBe(true);
      const wantY = i % 3 === 0 ? NaN : -AWKWARD[i];
      expect(Object.is(y[i], wantY), `y[${i}]: ${y[i]} vs ${wantY}`).toBe(true);
    }
  });

  it('reads integer and numeric columns as doubles, and an empty result as empty columns', async () => {
    const out = await copyOutColumns(
      client,
      "SELECT 'a', 2::int, 9007199254740993::bigint, 0.5::numeric UNION ALL SELECT 'b', NULL, -1, 'NaN'",
      { numeric: ['i', 'big', 'num'] },
    );
    expect(out.rows).toBe(2);
    expect(out.ids).toEqual(['a', 'b']);
    expect([...out.numeric.get('i')!]).toEqual([2, NaN]);
    expect([...out.numeric.get('big')!]).toEqual([9007199254740992, -1]);
    expect([...out.numeric.get('num')!]).toEqual([0.5, NaN]);

    const empty = await copyOutColumns(client, 'SELECT id, x FROM awkward WHERE false', {
      numeric: ['x'],
    });
    expect(empty.rows).toBe(0);
    expect(empty.ids).toEqual([]);
    expect(empty.numeric.get('x')!.length).toBe(0);
  });

  it('refuses a result of another shape, a NULL id, a text column, and rounded float output', async () => {
    const copy = (sql: string, numeric: string[]) => copyOutColumns(client, sql, { numeric });
    await expect(copy("SELECT 'a', 1.5::float8", ['x', 'y'])).rejects.toThrow(/row 1 does not/);
    await expect(copy("SELECT 'a', 1.5::float8, 2", ['x'])).rejects.toThrow(/row 1 does not/);
    await expect(copy('SELECT NULL::text, 1.5::float8', ['x'])).rejects.toThrow(/id of row 1/);
    await expect(copy("SELECT 'a', 'abc'", ['x'])).rejects.toThrow(/not a number: abc/);
    await expect(copy("SELECT 'a', 1", ['x', 'x'])).rejects.toThrow(/repeat/);
    await client.query('SET extra_float_digits = 0');
    try {
      await expect(copy("SELECT 'a', 0.1::float8", ['x'])).rejects.toThrow(/extra_float_digits/);
    } finally {
      await client.query('RESET extra_float_digits');
    }
  });

  it('round-trips 100,000 random doubles from DuckDB to PostgreSQL and back, bit for bit', async () => {
    const n = 100_000;
    const values = randomDoubles(n, 20261207);
    await duck.run('CREATE TABLE bulk (ord INTEGER, id VARCHAR, x DOUBLE)');
    const appender = await duck.createAppender('bulk');
    for (let i = 0; i < n; i++) {
      appender.appendInteger(i);
      appender.appendVarchar(`h${i}\t${IDS[i % IDS.length].slice(0, 40)}`);
      if (i % 1000 === 7) appender.appendNull();
      else appender.appendDouble(values[i]);
      appender.endRow();
    }
    appender.closeSync();
    await client.query('CREATE TABLE bulk (ord int, id text, x float8)');

    const copied = await copyFromDuckDb(duck, 'SELECT * FROM bulk', client, 'bulk', [
      'ord',
      'id',
      'x',
    ]);
    expect(copied).toBe(n);
    // what PostgreSQL holds, read as IEEE bits without the code under test
    const held = await client.query<{ id: string; x: Buffer | null }>(
      'SELECT id, float8send(x) AS x FROM bulk ORDER BY ord',
    );
    expect(held.rows.length).toBe(n);
    for (let i = 0; i < n; i++) {
      const r = held.rows[i];
      if (r.id !== `h${i}\t${IDS[i % IDS.length].slice(0, 40)}`) expect(r.id, `id ${i}`).toBe('?');
      const want = i % 1000 === 7 ? null : values[i];
      const got = r.x === null ? null : fromFloat8send(r.x);
      if (!Object.is(got, want)) expect(got, `x[${i}]`).toBe(want);
    }

    const out = await copyOutColumns(client, 'SELECT id, x FROM bulk ORDER BY ord', {
      numeric: ['x'],
    });
    expect(out.rows).toBe(n);
    const x = out.numeric.get('x')!;
    expect(x.length).toBe(n);
    expect(out.ids.length).toBe(n);
    for (let i = 0; i < n; i++) {
      const want = i % 1000 === 7 ? NaN : values[i];
      if (!Object.is(x[i], want)) expect(x[i], `x[${i}]`).toBe(want);
      if (out.ids[i] !== held.rows[i].id) expect(out.ids[i], `id ${i}`).toBe(held.rows[i].id);
    }
  });

  it('copies awkward text, doubles, NULLs, integers, booleans, dates and timestamps', async () => {
    await duck.run(
      'CREATE TABLE kinds (ord INTEGER, id VARCHAR, x DOUBLE, big BIGINT, huge HUGEINT, ok BOOLEAN, ' +
        'day DATE, ts TIMESTAMP, tstz TIMESTAMPTZ, dec DECIMAL(12,3), f FLOAT, blob BLOB)',
    );
    await duck.run("SET TimeZone = 'UTC'");
    const appender = await duck.createAppender('kinds');
    for (const [i, id] of IDS.entries()) {
      appender.appendInteger(i);
      appender.appendVarchar(id);
      appender.appendDouble(AWKWARD[i]);
      for (let c = 0; c < 9; c++) appender.appendNull();
      appender.endRow();
    }
    appender.closeSync();
    await duck.run(
      "INSERT INTO kinds VALUES (100, NULL, NULL, 9223372036854775807, -170141183460469231731687303715884105727, true, '2021-06-30', '2022-06-30 12:34:56.789012', '2022-06-30 23:59:59+00', -123456789.125, 0.1, '\\x00\\x09\\x5C'::BLOB)," +
        " (101, 'f', 1.5, -9223372036854775808, 0, false, '1999-12-31', '1970-01-01 00:00:00', '2000-02-29 00:00:00+00', 0.001, '-0'::FLOAT, ''::BLOB)",
    );
    await client.query(
      'CREATE TABLE kinds (ord int, id text, x float8, big bigint, huge numeric, ok boolean, ' +
        'day date, ts timestamp, tstz timestamptz, dec numeric(12,3), f real, blob bytea)',
    );
    await client.query("SET TimeZone = 'UTC'");
    const columns = [
      'ord',
      'id',
      'x',
      'big',
      'huge',
      'ok',
      'day',
      'ts',
      'tstz',
      'dec',
      'f',
      'blob',
    ];
    const n = await copyFromDuckDb(
      duck,
      'SELECT * FROM kinds ORDER BY ord',
      client,
      'kinds',
      columns,
    );
    expect(n).toBe(IDS.length + 2);

    const held = await client.query<{ ord: number; id: string | null; x: Buffer | null }>(
      'SELECT ord, id, float8send(x) AS x FROM kinds WHERE ord < 100 ORDER BY ord',
    );
    expect(held.rows.length).toBe(IDS.length);
    for (const [i, id] of IDS.entries()) {
      expect(held.rows[i].id, `id ${i}`).toBe(id);
      const got = fromFloat8send(held.rows[i].x!);
      expect(Object.is(got, AWKWARD[i]), `x[${i}]: ${got} vs ${AWKWARD[i]}`).toBe(true);
    }
    const nulls = await client.query(
      'SELECT count(*)::int AS n FROM kinds WHERE ord < 100 AND num_nulls(big, huge, ok, day, ts, tstz, dec, f, blob) = 9',
    );
    expect(nulls.rows[0].n).toBe(IDS.length);
    const typed = await client.query<Record<string, string | null>>(
      'SELECT id, big::text, huge::text, ok::text, day::text, ts::text, tstz::text, dec::text, ' +
        "float4send(f) AS f, encode(blob, 'hex') AS blob FROM kinds WHERE ord >= 100 ORDER BY ord",
    );
    expect(typed.rows.length).toBe(2);
    const f32 = (x: number) => {
      const b = Buffer.alloc(4);
      b.writeFloatBE(x);
      return b;
    };
    expect(typed.rows[0]).toEqual({
      id: null,
      big: '9223372036854775807',
      huge: '-170141183460469231731687303715884105727',
      ok: 'true',
      day: '2021-06-30',
      ts: '2022-06-30 12:34:56.789012',
      tstz: '2022-06-30 23:59:59+00',
      dec: '-123456789.125',
      f: f32(0.1),
      blob: '00095c',
    });
    expect(typed.rows[1]).toEqual({
      id: 'f',
      big: '-9223372036854775808',
      huge: '0',
      ok: 'false',
      day: '1999-12-31',
      ts: '1970-01-01 00:00:00',
      tstz: '2000-02-29 00:00:00+00',
      dec: '0.001',
      f: f32(-0),
      blob: '',
    });
  });

  it('copies enums (their labels, escaped), UUIDs, times and unsigned integers', async () => {
    await duck.run("CREATE TYPE mood AS ENUM ('calm', 'tab\there', 'back\\slash', '平安')");
    await client.query('CREATE TABLE more (m text, u uuid, t time, big numeric, small int)');
    const n = await copyFromDuckDb(
      duck,
      "SELECT * FROM (VALUES ('calm'::mood, '0e37df36-f698-11e6-8dd4-cb9ced3df976'::UUID, TIME '23:59:59.5', 18446744073709551615::UBIGINT, 65535::USMALLINT)," +
        " ('tab\there', NULL, TIME '00:00:00', 0, 0), ('back\\slash', NULL, NULL, NULL, NULL), ('平安', NULL, NULL, 1, 1))",
      client,
      'more',
      ['m', 'u', 't', 'big', 'small'],
    );
    expect(n).toBe(4);
    const held = await client.query<Record<string, string | null>>(
      'SELECT m, u::text, t::text, big::text, small::text FROM more ORDER BY big NULLS LAST, m',
    );
    expect(held.rows).toEqual([
      { m: 'tab\there', u: null, t: '00:00:00', big: '0', small: '0' },
      { m: '平安', u: null, t: null, big: '1', small: '1' },
      {
        m: 'calm',
        u: '0e37df36-f698-11e6-8dd4-cb9ced3df976',
        t: '23:59:59.5',
        big: '18446744073709551615',
        small: '65535',
      },
      { m: 'back\\slash', u: null, t: null, big: null, small: null },
    ]);
  });

  it('copies an empty result as zero rows, and refuses a column count or type it cannot write', async () => {
    await client.query('CREATE TABLE few (id text, x float8)');
    expect(
      await copyFromDuckDb(duck, 'SELECT * FROM bulk', client, 'few', ['id', 'x']).catch(
        (e: Error) => e.message,
      ),
    ).toMatch(/3 columns for the 2/);
    expect(
      await copyFromDuckDb(duck, "SELECT 'a', 1.5::DOUBLE WHERE false", client, 'few', ['id', 'x']),
    ).toBe(0);
    await expect(
      copyFromDuckDb(duck, "SELECT 'a', [1.5]", client, 'few', ['id', 'x']),
    ).rejects.toThrow(/is DECIMAL\(2,1\)\[\], which COPY text is not written for/);
    const count = await client.query('SELECT count(*)::int AS n FROM few');
    expect(count.rows[0].n).toBe(0);
  });

  it('aborts the COPY when DuckDB fails part way, keeping no row, with the client still usable', async () => {
    await client.query('CREATE TABLE partial (i bigint)');
    await client.query('BEGIN');
    // chunks of 2048 rows: the first two reach PostgreSQL before the third fails
    await expect(
      copyFromDuckDb(
        duck,
        "SELECT CASE WHEN i < 5000 THEN i ELSE error('boom at ' || i) END FROM range(10000) t(i)",
        client,
        'partial',
        ['i'],
      ),
    ).rejects.toThrow(/boom at 5000/);
    await client.query('ROLLBACK');
    // outside a transaction the COPY is one statement: none of it stays either
    await expect(
      copyFromDuckDb(
        duck,
        "SELECT CASE WHEN i < 5000 THEN i ELSE error('boom at ' || i) END FROM range(10000) t(i)",
        client,
        'partial',
        ['i'],
      ),
    ).rejects.toThrow(/boom/);
    const count = await client.query('SELECT count(*)::int AS n FROM partial');
    expect(count.rows[0].n).toBe(0);
  });

  it('fails before the COPY when a file read by the query has a bad line past the first chunks', async () => {
    // a streamed DuckDB result would end silently at the bad line, after 40,960 good rows
    const dir = mkdtempSync(join(tmpdir(), 'povrisk-copy-'));
    try {
      const csv = join(dir, 'bad.csv');
      const lines = ['a,b'];
      for (let i = 0; i < 100_000; i++) lines.push(i === 60_000 ? 'x,oops' : `${i},${i / 8}`);
      writeFileSync(csv, `${lines.join('\n')}\n`);
      await client.query('CREATE TABLE from_csv (a bigint, b float8)');
      const sql = `SELECT * FROM read_csv('${csv}', columns = {'a': 'BIGINT', 'b': 'DOUBLE'}, header = true)`;
      await expect(copyFromDuckDb(duck, sql, client, 'from_csv', ['a', 'b'])).rejects.toThrow(
        /Could not convert string "x"/,
      );
      const count = await client.query('SELECT count(*)::int AS n FROM from_csv');
      expect(count.rows[0].n).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('aborts the COPY when PostgreSQL rejects a row part way, keeping no row', async () => {
    await client.query('CREATE TABLE checked (i int CHECK (i < 7000))');
    await client.query('BEGIN');
    await expect(
      copyFromDuckDb(duck, 'SELECT i FROM range(10000) t(i)', client, 'checked', ['i']),
    ).rejects.toThrow(/check constraint/);
    await client.query('ROLLBACK');
    const count = await client.query('SELECT count(*)::int AS n FROM checked');
    expect(count.rows[0].n).toBe(0);
    expect(
      await copyFromDuckDb(duck, 'SELECT i FROM range(10) t(i)', client, 'checked', ['i']),
    ).toBe(10);
  });
});
