import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromColumns } from '../../../src/linalg/matrix.js';
import { setWarningSink } from '../../../src/log.js';
import { quantreg } from '../../../src/models/quantreg/quantreg.js';
import { readColumns } from '../../../src/data/read.js';
import { assertAllClose } from '../../helpers/assert-close.js';

interface EdgeCase {
  n: number;
  tau: number;
  r_error: boolean;
  std_error: number[];
}

const ref = JSON.parse(
  readFileSync(new URL('../../fixtures/ref/qreg-iid-edge.json', import.meta.url), 'utf8'),
) as { cases: EdgeCase[] };

describe('qreg --se iid on samples too small for the bandwidth window (summary.rq)', () => {
  it('gives R’s standard errors where R gives them, and NaN with a warning where R stops', async () => {
    const csv = new URL('../../fixtures/data/qreg-iid-edge.csv', import.meta.url).pathname;
    const data = await readColumns(csv, { numeric: ['y', 'x'] });
    const y = data.numeric.get('y')!;
    const x = data.numeric.get('x')!;
    expect(ref.cases.some((c) => c.r_error)).toBe(true);
    expect(ref.cases.some((c) => !c.r_error)).toBe(true);
    for (const c of ref.cases) {
      const frame = {
        X: fromColumns([x.slice(0, c.n)], { intercept: 'first' }),
        y: y.slice(0, c.n),
        terms: ['(Intercept)', 'x'],
        weights: null,
        cluster: null,
        clusters: 0,
        rowIndex: Int32Array.from({ length: c.n }, (_, i) => i),
        rowsRead: c.n,
        rowsDropped: 0,
        dropped: {},
      };
      const warnings: string[] = [];
      const previous = setWarningSink((m) => warnings.push(m));
      let se: number[];
      try {
        se = quantreg(frame, { taus: [c.tau], se: 'iid' }).fits[0].coefficients.map(
          (k) => k.stdError,
        );
      } finally {
        setWarningSink(previous);
      }
      const name = `n = ${c.n}, tau = ${c.tau}`;
      if (c.r_error) {
        expect(se.length, name).toBeGreaterThan(0);
        expect(se.every(Number.isNaN), `${name}: NaN where R stops`).toBe(true);
        expect(warnings.join('\n'), name).toMatch(/too few observations for the bandwidth/);
      } else {
        assertAllClose(se, c.std_error, { rtol: 1e-8, name });
        expect(warnings, name).toEqual([]);
      }
    }
  });
});
