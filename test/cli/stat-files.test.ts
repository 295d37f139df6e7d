import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertClose } from '../helpers/assert-close.js';
import { loadRef } from '../helpers/compare-table.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * `povrisk describe`, `convert` and the estimators on Stata and SPSS files, as a user runs
 * them; references from R (test/fixtures/r/dta-ref.R: haven's reads, lm on haven's read).
 */
const DTA = 'test/fixtures/dta';
let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'povrisk-statcli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Described {
  rows: number;
  columns: {
    name: string;
    type: string;
    label: string | null;
    value_labels: Record<string, string>;
    missing: number;
    missing_codes: Record<string, number>;
  }[];
}

describe('povrisk describe', () => {
  for (const file of ['haven-v14.dta', 'haven-v8.dta', 'haven.sav', 'craft-115-msf.dta']) {
    it(`${file} --json: rows, labels, value labels and missing counts as haven reads them`, async () => {
      const { code, stdout, stderr } = await runCli(['describe', join(DTA, file), '--json']);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const d = JSON.parse(stdout) as Described;
      const ref = loadRef(file);
      expect(d.rows).toBe(ref.rows);
      expect(d.columns.map((c) => c.name)).toEqual(ref.columns.map((c) => c.name));
      ref.columns.forEach((c, j) => {
        const ours = d.columns[j];
        expect(ours.label, c.name).toBe(c.label);
        expect(ours.value_labels, c.name).toEqual(c.value_labels ?? {});
        const cells = c.numbers ?? c.strings ?? [];
        expect(cells.length).toBe(ref.rows);
        expect(ours.missing, c.name).toBe(cells.filter((x) => x === null).length);
        for (const tag of c.tags ?? [])
          if (tag !== null)
            expect(ours.missing_codes[`.${tag}`], `${c.name} .${tag}`).toBeGreaterThan(0);
      });
    });
  }

  it('prints a codebook with Chinese labels and the missing codes', async () => {
    const { code, stdout } = await runCli(['describe', join(DTA, 'haven-v14.dta')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^test\/fixtures\/dta\/haven-v14\.dta: 40 row\(s\), 8 column\(s\)/);
    expect(stdout).toMatch(
      /income\s+double\s+%10\.0g\s+人均收入 \(元\)\s+4 \(\. 2, \.a 1, \.z 1\)/,
    );
    expect(stdout).toMatch(/sex\s+double\s+%10\.0g\s+性别\s+1 男; 2 女\s+1 \(\.b 1\)/);
  });

  it('a Chinese Stata 10 file needs --encoding gb18030', async () => {
    const file = join(DTA, 'foreign-gb18030.dta');
    const ref = loadRef('foreign-gb18030.dta');
    const convert = await runCli(['convert', file, join(tmp, 'gb.csv'), '--encoding', 'gb18030']);
    expect(convert.code).toBe(0);
    const lines = readFileSync(join(tmp, 'gb.csv'), 'utf8').trim().split('\n');
    expect(lines.length).toBe(ref.rows + 1);
    ref.columns[0].strings!.forEach((s, i) => expect(lines[i + 1].split(',')[0]).toBe(s));
  });

  it('a malformed file: one line naming it, exit 1', async () => {
    const bad = join(tmp, 'bad.dta');
    writeFileSync(bad, readFileSync(join(DTA, 'haven-v14.dta')).subarray(0, 2000));
    const { code, stdout, stderr } = await runCli(['describe', bad]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^povrisk: ${bad}: malformed file: truncated[^\\n]*\\n$`));
  });
});

describe('povrisk convert', () => {
  it('.dta → CSV: codes, empty missing cells, ISO dates; --labels writes labels', async () => {
    const ref = loadRef('haven-v14.dta');
    const codes = join(tmp, 'codes.csv');
    const labels = join(tmp, 'labels.csv');
    expect((await runCli(['convert', join(DTA, 'haven-v14.dta'), codes])).code).toBe(0);
    expect((await runCli(['convert', join(DTA, 'haven-v14.dta'), labels, '--labels'])).code).toBe(
      0,
    );
    const read = (p: string) =>
      readFileSync(p, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(','));
    const [head, ...rows] = read(codes);
    const [, ...labelled] = read(labels);
    expect(head).toEqual(ref.columns.map((c) => c.name));
    expect(rows.length).toBe(ref.rows);
    const col = (name: string) => ref.columns.find((c) => c.name === name)!;
    const at = (name: string) => head.indexOf(name);
    col('sex').numbers!.forEach((x, i) => {
      expect(rows[i][at('sex')]).toBe(x === null ? '' : String(x));
      expect(labelled[i][at('sex')]).toBe(x === null ? '' : col('sex').value_labels![String(x)]);
    });
    col('income').numbers!.forEach((x, i) =>
      expect(rows[i][at('income')]).toBe(x === null ? '' : String(x)),
    );
    col('visit').numbers!.forEach((days, i) => {
      const iso =
        days === null ? '' : new Date(Date.UTC(1960, 0, 1 + days)).toISOString().slice(0, 10);
      expect(rows[i][at('visit')]).toBe(iso);
    });
    col('stamp').numbers!.forEach((ms, i) => {
      const iso = new Date(Date.UTC(1960, 0, 1) + ms!).toISOString().slice(0, 19);
      expect(rows[i][at('stamp')]).toBe(iso);
    });
  });

  it('CSV → .dta → CSV gives the same CSV (dates kept as %td/%tc)', async () => {
    const first = join(tmp, 'first.csv');
    const dta = join(tmp, 'round.dta');
    const second = join(tmp, 'second.csv');
    expect((await runCli(['convert', join(DTA, 'haven.sav'), first])).code).toBe(0);
    expect((await runCli(['convert', first, dta])).code).toBe(0);
    expect((await runCli(['convert', dta, second])).code).toBe(0);
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));
    const d = JSON.parse((await runCli(['describe', dta, '--json'])).stdout) as Described;
    expect(d.columns.find((c) => c.name === 'visit')!.type).toBe('double');
  });

  it('.dta → xlsx and Parquet → describe agree on rows and missing counts', async () => {
    for (const ext of ['xlsx', 'parquet']) {
      const out = join(tmp, `x.${ext}`);
      expect((await runCli(['convert', join(DTA, 'haven-v14.dta'), out])).code).toBe(0);
      const d = JSON.parse((await runCli(['describe', out, '--json'])).stdout) as Described;
      const ref = loadRef('haven-v14.dta');
      expect(d.rows).toBe(ref.rows);
      ref.columns.forEach((c, j) =>
        expect(d.columns[j].missing, `${ext} ${c.name}`).toBe(
          (c.numbers ?? c.strings ?? []).filter((x) => x === null).length,
        ),
      );
    }
  });

  it('an unknown output type is named', async () => {
    const { code, stderr } = await runCli(['convert', join(DTA, 'haven.sav'), join(tmp, 'x.json')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/x\.json: unknown output type/);
  });
});

describe('estimators read .dta and .sav', () => {
  const ref = JSON.parse(readFileSync('test/fixtures/ref/dta-regress.json', 'utf8')) as {
    terms: string[];
    estimate: number[];
    std_error: number[];
    n: number;
  };
  for (const file of ['haven-v14.dta', 'haven.sav', 'readstat.dta']) {
    it(`regress ${file} matches R's lm on haven's read`, async () => {
      const { code, stdout } = await runCli([
        'regress',
        join(DTA, file),
        '--y',
        'income',
        '--x',
        'size,sex',
        '--json',
      ]);
      expect(code).toBe(0);
      const fit = JSON.parse(stdout) as {
        n: number;
        coefficients: { term: string; estimate: number; std_error: number }[];
      };
      expect(fit.n).toBe(ref.n);
      expect(fit.coefficients.length).toBe(ref.terms.length);
      ref.terms.forEach((term, k) => {
        expect(fit.coefficients[k].term).toBe(term);
        assertClose(fit.coefficients[k].estimate, ref.estimate[k], {
          rtol: 1e-10,
          name: `${file} ${term}`,
        });
        assertClose(fit.coefficients[k].std_error, ref.std_error[k], {
          rtol: 1e-8,
          name: `${file} se ${term}`,
        });
      });
    });
  }

  it('vep --by shows value labels as group rows and writes --out .dta', async () => {
    const out = join(tmp, 'vep.dta');
    const { code, stdout } = await runCli([
      'vep',
      join(DTA, 'haven-v14.dta'),
      '--income',
      'income',
      '--x',
      'size',
      '--line',
      '2000',
      '--by',
      'county',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    for (const label of Object.values(loadRef('haven-v14.dta').columns[4].value_labels!))
      expect(stdout).toContain(`county = ${label}`);
    const d = JSON.parse((await runCli(['describe', out, '--json'])).stdout) as Described;
    expect(d.rows).toBe(40);
    expect(d.columns.find((c) => c.name === 'band')!.value_labels).toEqual({
      '1': 'low',
      '2': 'medium',
      '3': 'high',
    });
  });
});
