import { describe, expect, it } from 'vitest';
import { readColumns } from '../../src/data/read.js';
import { loadRef } from '../helpers/compare-table.js';

describe('readColumns on .dta and .sav: labels travel with the columns', () => {
  for (const file of ['haven-v14.dta', 'haven.sav']) {
    it(`${file}: info holds variable and value labels; text gives labels, dates ISO`, async () => {
      const ref = loadRef(file);
      const path = `test/fixtures/dta/${file}`;
      const d = await readColumns(path, {
        numeric: ['county', 'income'],
        text: ['county', 'visit'],
      });
      expect(d.rows).toBe(ref.rows);
      const county = ref.columns.find((c) => c.name === 'county')!;
      const visit = ref.columns.find((c) => c.name === 'visit')!;
      const income = ref.columns.find((c) => c.name === 'income')!;
      expect(
        Object.fromEntries([...d.info!.get('county')!.valueLabels].map(([k, v]) => [String(k), v])),
      ).toEqual(county.value_labels);
      expect(d.info!.get('income')!.label).toBe(income.label);
      county.numbers!.forEach((code, i) => {
        expect(d.numeric.get('county')![i]).toBe(code);
        expect(d.text.get('county')![i]).toBe(county.value_labels![String(code)]);
      });
      visit.numbers!.forEach((days, i) =>
        expect(d.text.get('visit')![i]).toBe(
          days === null ? null : new Date(Date.UTC(1960, 0, 1 + days)).toISOString().slice(0, 10),
        ),
      );
    });
  }

  it('a string column asked for as a number names the cell that is not one', async () => {
    await expect(
      readColumns('test/fixtures/dta/haven-v14.dta', { numeric: ['hhid'] }),
    ).rejects.toThrow(/haven-v14\.dta: column 'hhid', row 1: 'H0001' is not a number/);
  });
});
