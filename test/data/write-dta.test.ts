import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDta } from '../../src/data/read-dta.js';
import { writeDta } from '../../src/data/write-dta.js';
import { writeTable } from '../../src/data/write-table.js';
import { compareColumn, loadRef } from '../helpers/compare-table.js';

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'povrisk-wdta-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('writeDta (release 118)', () => {
  it('haven reads what povrisk wrote as it reads the file haven wrote (povrisk-written.dta)', () => {
    // povrisk-written.dta is `povrisk convert haven-v14.dta povrisk-written.dta`; dta-ref.R read
    // both with haven::read_dta. Formats and storage types may differ, never values or labels.
    const theirs = loadRef('haven-v14.dta');
    const ours = loadRef('povrisk-written.dta');
    expect(ours.rows).toBe(theirs.rows);
    expect(ours.columns.length).toBe(theirs.columns.length);
    theirs.columns.forEach((c, j) => {
      const o = ours.columns[j];
      expect(o.name).toBe(c.name);
      expect(o.label).toBe(c.label);
      expect(o.value_labels).toEqual(c.value_labels);
      expect(o.time).toBe(c.time);
      expect(o.numbers ?? null).toEqual(c.numbers ?? null);
      expect(o.tags ?? null).toEqual(c.tags ?? null);
      expect(o.strings ?? null).toEqual(c.strings ?? null);
    });
  });

  it('round-trips through povrisk: write, read back, compare with haven', async () => {
    const ref = loadRef('haven-v14.dta');
    const path = join(tmp, 'round.dta');
    await writeDta(path, await readDta('test/fixtures/dta/haven-v14.dta'));
    const back = await readDta(path);
    expect(back.rows).toBe(ref.rows);
    ref.columns.forEach((c, j) =>
      compareColumn(
        'round.dta',
        back.columns[j],
        { ...c, format: back.columns[j].format },
        ref.rows,
      ),
    );
    // whole numbers get the smallest type that holds them
    expect(back.columns.map((c) => c.type)).toEqual([
      'str5',
      'double',
      'byte',
      'byte',
      'byte',
      'double',
      'double',
      'strL',
    ]);
  });

  it('refuses a name Stata cannot read, naming it, and leaves no file behind', async () => {
    const t = await readDta('test/fixtures/dta/haven-v14.dta', { columns: ['size'] });
    const renamed = { ...t, columns: [{ ...t.columns[0], name: '人均收入(元)' }] };
    const path = join(tmp, 'bad.dta');
    await expect(writeDta(path, renamed)).rejects.toThrow(
      /bad\.dta: cannot be written as \.dta: column '人均收入\(元\)': not a Stata name/,
    );
    expect(readdirSync(tmp).filter((f) => f.includes('bad.dta'))).toEqual([]);
  });

  it('writeTable writes .dta: categories become labelled codes, booleans 0/1', async () => {
    const path = join(tmp, 'table.dta');
    await writeTable(path, {
      rows: 3,
      columns: [
        { name: 'id', type: 'text', values: ['a', 'b', null] },
        { name: 'v', type: 'double', values: Float64Array.of(0.25, NaN, 1e-300) },
        {
          name: 'band',
          type: 'category',
          codes: Int8Array.of(0, 2, -1),
          labels: ['low', 'medium', 'high'],
        },
        { name: 'flag', type: 'boolean', values: Int8Array.of(1, 0, -1) },
      ],
    });
    const t = await readDta(path);
    const [id, v, band, flag] = t.columns;
    expect(id.strings).toEqual(['a', 'b', null]);
    expect(Array.from(v.numbers!)).toEqual([0.25, NaN, 1e-300]);
    expect(Array.from(band.numbers!)).toEqual([1, 3, NaN]);
    expect([...band.valueLabels]).toEqual([
      [1, 'low'],
      [2, 'medium'],
      [3, 'high'],
    ]);
    expect(Array.from(flag.numbers!)).toEqual([1, 0, NaN]);
  });
});
