import { describe, expect, it } from 'vitest';
import { readSav, savColumnNames } from '../../src/data/read-sav.js';
import { compareColumn, loadRef } from '../helpers/compare-table.js';

describe('readSav against haven::read_sav (ReadStat)', () => {
  for (const file of ['haven.sav', 'haven-uncompressed.sav']) {
    it(file, async () => {
      const ref = loadRef(file);
      const table = await readSav(`test/fixtures/dta/${file}`);
      expect(table.rows).toBe(ref.rows);
      expect(table.columns.map((c) => c.name)).toEqual(ref.columns.map((c) => c.name));
      ref.columns.forEach((c, j) => compareColumn(file, table.columns[j], c, ref.rows));
    });
  }
  it('lists column names without reading data', async () => {
    expect(await savColumnNames('test/fixtures/dta/haven.sav')).toEqual(
      loadRef('haven.sav').columns.map((c) => c.name),
    );
  });
  it('refuses zlib-compressed .zsav data in one line', async () => {
    await expect(readSav('test/fixtures/dta/haven.zsav')).rejects.toThrow(
      /haven\.zsav: zlib-compressed SPSS data \(\.zsav\) is not supported/,
    );
  });
  it('counts system-missing values', async () => {
    const t = await readSav('test/fixtures/dta/haven.sav', { columns: ['income'] });
    expect(t.columns[0].missingCodes).toEqual({ '.': 4 });
  });
});
