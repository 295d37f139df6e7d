import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertClose } from '../helpers/assert-close.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * Bad input, end to end: each run must exit non-zero with exactly one line on stderr that
 * names the file, column, row or option at fault, print nothing on stdout and show no stack
 * trace. Fixtures: test/fixtures/bad/ (and large files generated in a temporary folder).
 */

const BAD = 'test/fixtures/bad';
let tmp = '';

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'povrisk-bad-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

async function fails(args: string[], code = 1): Promise<string> {
  const run = await runCli(['regress', ...args]);
  expect(run.stdout).toBe('');
  expect(run.code).toBe(code);
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  expect(lines, run.stderr).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at |Error:|internal error/);
  return lines[0];
}

describe('povrisk regress: bad files', () => {
  it('missing file', async () => {
    expect(await fails(['nope/missing.csv', '--y', 'y', '--x', 'x1'])).toBe(
      'povrisk: nope/missing.csv: file not found',
    );
  });

  it('empty file', async () => {
    expect(await fails([`${BAD}/empty.csv`, '--y', 'y', '--x', 'x1'])).toBe(
      `povrisk: ${BAD}/empty.csv: file is empty`,
    );
  });

  it('header only', async () => {
    expect(await fails([`${BAD}/header-only.csv`, '--y', 'y', '--x', 'x1'])).toBe(
      `povrisk: ${BAD}/header-only.csv: no data rows (the file has a header only)`,
    );
  });

  it('ragged row: names the line and the field counts', async () => {
    expect(await fails([`${BAD}/ragged.csv`, '--y', 'y', '--x', 'x1'])).toBe(
      `povrisk: ${BAD}/ragged.csv: malformed file: line 4 has 4 fields, the header has 3`,
    );
  });

  it('unclosed quote: names the line', async () => {
    expect(await fails([`${BAD}/unclosed-quote.csv`, '--y', 'y', '--x', 'x1'])).toBe(
      `povrisk: ${BAD}/unclosed-quote.csv: malformed file: line 2: a quoted value is never closed`,
    );
  });

  it('a directory is not a data file', async () => {
    expect(await fails([BAD, '--y', 'y', '--x', 'x1'])).toBe(`povrisk: ${BAD}: file not found`);
  });
});

describe('povrisk regress: bad columns and cells', () => {
  it('unknown column in --x, --y, --weights and --cluster lists the columns', async () => {
    const file = `${BAD}/non-numeric.csv`;
    const msg = `povrisk: ${file}: no column named 'zz' (columns: y, x1, x2)`;
    expect(await fails([file, '--y', 'y', '--x', 'x1,zz'])).toBe(msg);
    expect(await fails([file, '--y', 'zz', '--x', 'x1'])).toBe(msg);
    expect(await fails([file, '--y', 'y', '--x', 'x1', '--weights', 'zz'])).toBe(msg);
    expect(await fails([file, '--y', 'y', '--x', 'x1', '--cluster', 'zz'])).toBe(msg);
  });

  it('non-numeric cell: names the column, the row, the line and the value', async () => {
    expect(await fails([`${BAD}/non-numeric.csv`, '--y', 'y', '--x', 'x1,x2'])).toBe(
      `povrisk: ${BAD}/non-numeric.csv: column 'x1', row 3 (line 4): '4..5' is not a number`,
    );
  });

  it('a non-numeric cell far beyond any sniffing sample (row 35,000 of 40,000)', async () => {
    const path = join(tmp, 'late-text.csv');
    const rows = ['y,x1,x2'];
    for (let i = 1; i <= 40_000; i++) {
      const x2 = i === 35_000 ? 'n/a' : String((i * 7919) % 1000);
      rows.push(`${(i % 97) / 7},${i % 13},${x2}`);
    }
    writeFileSync(path, `${rows.join('\n')}\n`);
    expect(await fails([path, '--y', 'y', '--x', 'x1,x2', '--vce', 'hc1'])).toBe(
      `povrisk: ${path}: column 'x2', row 35000 (line 35001): 'n/a' is not a number`,
    );
  });

  it('a ragged row far down the file is an error, not a silent truncation', async () => {
    // DuckDB's streamed results ended quietly at such a row: the reader lost every row after it
    const path = join(tmp, 'late-ragged.csv');
    const rows = ['y,x1'];
    for (let i = 1; i <= 40_000; i++) rows.push(i === 35_000 ? `${i},1,9` : `${i},${i % 7}`);
    writeFileSync(path, `${rows.join('\n')}\n`);
    expect(await fails([path, '--y', 'y', '--x', 'x1'])).toBe(
      `povrisk: ${path}: malformed file: line 35001 has 3 fields, the header has 2`,
    );
  });

  it('an infinite cell is not a number either', async () => {
    const path = join(tmp, 'inf.csv');
    writeFileSync(path, 'y,x1\n1,2\n2,inf\n3,4\n4,1\n');
    expect(await fails([path, '--y', 'y', '--x', 'x1'])).toBe(
      `povrisk: ${path}: column 'x1', row 2 (line 3): 'inf' is not a number`,
    );
  });

  it('negative weight: names the column, the row and the value', async () => {
    expect(
      await fails([`${BAD}/negative-weight.csv`, '--y', 'y', '--x', 'x1', '--weights', 'w']),
    ).toBe(`povrisk: ${BAD}/negative-weight.csv: column 'w', row 3: weight -2 is negative`);
  });

  it('fewer complete observations than coefficients', async () => {
    expect(await fails([`${BAD}/too-few.csv`, '--y', 'y', '--x', 'x1,x2'])).toBe(
      'povrisk: too few observations: 2 complete row(s) for 3 coefficient(s)',
    );
  });

  it('a single cluster', async () => {
    const path = join(tmp, 'one-cluster.csv');
    writeFileSync(path, 'y,x1,g\n1,2,a\n2,3,a\n3,5,a\n4,4,a\n');
    expect(await fails([path, '--y', 'y', '--x', 'x1', '--cluster', 'g'])).toBe(
      'povrisk: --cluster g: at least two clusters are needed for cluster-robust errors',
    );
  });
});

describe('povrisk regress: bad options', () => {
  const file = 'data/wages.csv';

  it('unknown --vce', async () => {
    expect(await fails([file, '--y', 'log_wage', '--x', 'education', '--vce', 'hc9'])).toBe(
      "povrisk: invalid --vce: 'hc9' (one of classical, hc0, hc1, hc2, hc3, cluster)",
    );
  });

  it('a name listed twice in --x', async () => {
    expect(await fails([file, '--y', 'log_wage', '--x', 'education,experience,education'])).toBe(
      "povrisk: invalid --x: 'education,experience,education' ('education' is listed twice)",
    );
  });

  it('the --y column among the regressors', async () => {
    expect(await fails([file, '--y', 'log_wage', '--x', 'education,log_wage'])).toBe(
      "povrisk: invalid --x: 'education,log_wage' ('log_wage' is the --y column)",
    );
  });

  it('an empty --x', async () => {
    expect(await fails([file, '--y', 'log_wage', '--x', ' , '])).toBe(
      "povrisk: invalid --x: ' , ' (a comma-separated list)",
    );
  });

  it('--vce cluster without --cluster, and --cluster with another --vce', async () => {
    expect(await fails([file, '--y', 'log_wage', '--x', 'education', '--vce', 'cluster'])).toBe(
      'povrisk: missing required option --cluster COL (for --vce cluster)',
    );
    expect(
      await fails([
        file,
        '--y',
        'log_wage',
        '--x',
        'education',
        '--cluster',
        'sector',
        '--vce',
        'hc1',
      ]),
    ).toBe("povrisk: invalid --vce: 'hc1' (use --vce cluster, or drop it, with --cluster)");
  });

  it('a missing required option is a usage error (exit 2)', async () => {
    expect(await fails([file, '--y', 'log_wage'], 2)).toMatch(/--x/);
  });
});

describe('povrisk regress: other formats give the same answer as the CSV', () => {
  const args = [
    '--y',
    'log_wage',
    '--x',
    'education,experience,experience_sq',
    '--vce',
    'hc1',
    '--json',
  ];

  interface Estimates {
    n: number;
    coefficients: { std_error: number }[];
    stderr: string;
  }
  async function estimates(file: string): Promise<Estimates> {
    const run = await runCli(['regress', file, ...args]);
    expect(run.code).toBe(0);
    return { ...(JSON.parse(run.stdout) as Omit<Estimates, 'stderr'>), stderr: run.stderr };
  }

  it('TSV', async () => {
    const path = join(tmp, 'wages.tsv');
    writeFileSync(path, readFileSync('data/wages.csv', 'utf8').replaceAll(',', '\t'));
    const csv = await estimates('data/wages.csv');
    expect(csv.stderr).toBe('');
    expect(await estimates(path)).toEqual(csv);
  });

  it('Parquet written by DuckDB (typed columns, with a NULL)', async () => {
    const path = join(tmp, 'wages.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT * REPLACE (CASE WHEN education = 8 AND age = 35 THEN NULL ELSE education END AS education)
             FROM read_csv('data/wages.csv')) TO '${path}' (FORMAT parquet)`,
    );
    connection.closeSync();
    instance.closeSync();
    const csvPath = join(tmp, 'wages-hole.csv');
    const lines = readFileSync('data/wages.csv', 'utf8').split('\n');
    const header = lines[0].split(',');
    const [edu, age] = [header.indexOf('education'), header.indexOf('age')];
    writeFileSync(
      csvPath,
      lines
        .map((l, i) => {
          const f = l.split(',');
          if (i > 0 && f[edu] === '8' && f[age] === '35') f[edu] = '';
          return f.join(',');
        })
        .join('\n'),
    );
    const fromCsv = await estimates(csvPath);
    const fromParquet = await estimates(path);
    expect(fromParquet.n).toBeLessThan(534);
    expect(fromParquet.n).toBe(fromCsv.n);
    expect(fromParquet.stderr).toBe(fromCsv.stderr);
    expect(fromParquet.stderr).toMatch(/^warning: \d+ of 534 row\(s\) dropped for missing values/);
    expect(fromParquet.coefficients.length).toBeGreaterThan(0);
    expect(fromParquet.coefficients).toHaveLength(fromCsv.coefficients.length);
    fromParquet.coefficients.forEach((row, j) =>
      assertClose(row.std_error, fromCsv.coefficients[j].std_error, {
        rtol: 1e-14,
        name: `se[${j}]`,
      }),
    );
  });

  it('Parquet with a text cell in a numeric column names the column and row', async () => {
    const path = join(tmp, 'text.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT * FROM (VALUES (1.0, '2'), (2.0, '3'), (3.0, 'abc'), (4.0, '1')) t(y, x1)) TO '${path}' (FORMAT parquet)`,
    );
    connection.closeSync();
    instance.closeSync();
    expect(await fails([path, '--y', 'y', '--x', 'x1'])).toBe(
      `povrisk: ${path}: column 'x1', row 3: 'abc' is not a number`,
    );
  });
});
