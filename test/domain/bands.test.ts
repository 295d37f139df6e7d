import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { BANDS, bandOf, bandSql, highBandSql } from '../../src/domain/bands.js';
import { classifyHouseholds } from '../../src/vep/classify.js';

// The paper's Table 2: low < 0.3 ≤ medium ≤ 0.6 < high. Written out, not computed.
const CASES: readonly [number, string][] = [
  [0, 'low'],
  [0.2999999, 'low'],
  [0.3, 'medium'],
  [0.45, 'medium'],
  [0.6, 'medium'],
  [0.6000001, 'high'],
  [1, 'high'],
];

describe('one band rule for the library, the SQL and the classifier', () => {
  it('bandOf follows the paper at both edges', () => {
    expect(CASES.length).toBe(7);
    for (const [v, band] of CASES) expect(bandOf(v), String(v)).toBe(band);
    expect(bandOf(NaN)).toBeNull();
    expect(bandOf(null)).toBeNull();
  });

  it('the SQL of the overview gives the same bands, and counts 0.6 out of high', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const values = CASES.map(([v]) => `(${v})`).join(', ');
    const rows = (
      await c.runAndReadAll(
        `SELECT ${bandSql('v')} AS band, ${highBandSql('v')} AS high FROM (VALUES ${values}, (NULL)) t(v)`,
      )
    ).getRows();
    expect(rows.length).toBe(CASES.length + 1);
    CASES.forEach(([v, band], i) => {
      expect(rows[i][0], String(v)).toBe(band);
      expect(rows[i][1], String(v)).toBe(band === 'high');
    });
    expect(rows[CASES.length]).toEqual(['unscored', null]);
    c.closeSync();
    db.closeSync();
  });

  it('classifyHouseholds uses the same edges', () => {
    const v = Float64Array.from(CASES.map(([x]) => x));
    const n = v.length;
    const k = classifyHouseholds(new Float64Array(n).fill(5000), v, new Float64Array(n).fill(9), {
      line: 2563,
      threshold: 0.5,
    });
    CASES.forEach(([x, band], i) => expect(BANDS[k.band[i]], String(x)).toBe(band));
  });
});
