import { isOptionError } from '../../src/errors.js';
import { flagOf } from '../../src/cli/option-flag.js';
import { describe, expect, it } from 'vitest';
import { classifyHouseholds } from '../../src/vep/classify.js';
import { codeText } from '../../src/data/code-text.js';
import { groupTable } from '../../src/vep/group-table.js';
import { povertyLine, PPP_CHINA_2011_PRIVATE_CONSUMPTION } from '../../src/vep/poverty-line.js';
import { wlsColumns } from '../../src/vep/wls.js';
import { assertAllClose, assertClose } from '../helpers/assert-close.js';

describe('povertyLine', () => {
  it('converts dollars a day at a PPP factor to a yearly line', () => {
    assertClose(
      povertyLine({ usdPerDay: 1.9, ppp: PPP_CHINA_2011_PRIVATE_CONSUMPTION }),
      1.9 * 365 * 3.696,
      {
        rtol: 1e-15,
      },
    );
    expect(povertyLine({ line: 2300 })).toBe(2300);
  });
  it('refuses non-positive values and ambiguous or missing lines', () => {
    // The library names its options; the command line says them as flags (flagOf).
    expect(() => povertyLine({ line: 0 })).toThrow("invalid line: '0' (must be greater than 0)");
    expect(() => povertyLine({ usdPerDay: 1.9, ppp: -1 })).toThrow("invalid ppp: '-1'");
    expect(() => povertyLine({ usdPerDay: 1.9 })).toThrow('missing required option ppp F');
    expect(() => povertyLine({})).toThrow('missing required option line Z (or usdPerDay X ppp F)');
    expect(() => povertyLine({ line: 1, usdPerDay: 1.9, ppp: 3 })).toThrow(
      'line and usdPerDay are alternatives',
    );
    const cli = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        if (isOptionError(e)) return e.render(flagOf);
      }
      return 'no option error';
    };
    expect(cli(() => povertyLine({ usdPerDay: 1.9 }))).toMatch(/^missing required option --ppp F/);
    expect(cli(() => povertyLine({}))).toBe(
      'missing required option --line Z (or --line-usd-day X --ppp F)',
    );
  });
});

describe('classifyHouseholds', () => {
  it('bands at the cut points, Suryahadi–Sumarto groups and causes', () => {
    const line = 100;
    const lnz = Math.log(line);
    const income = new Float64Array([50, 50, 200, 200, NaN, 0, 200]);
    const v = new Float64Array([0.7, 0.3, 0.6, 0.2, 0.55, 0.1, NaN]);
    const mu = new Float64Array([lnz - 1, lnz + 0.1, lnz + 0.2, lnz + 2, lnz - 0.1, lnz + 3, NaN]);
    const c = classifyHouseholds(income, v, mu, { line, threshold: 0.5 });
    expect(Array.from(c.poorNow)).toEqual([1, 1, 0, 0, -1, 1, 0]);
    expect(Array.from(c.band)).toEqual([2, 1, 1, 0, 1, 0, -1]); // 0.3 and 0.6 are medium
    expect(Array.from(c.vulnerable)).toEqual([1, 0, 1, 0, 1, 0, -1]);
    expect(Array.from(c.group)).toEqual([0, 1, 2, 3, -1, 1, -1]);
    expect(Array.from(c.cause)).toEqual([0, -1, 1, -1, 0, -1, -1]);
  });
});

describe('groupTable', () => {
  it('orders groups naturally, missing last, and weights the shares', () => {
    const v = new Float64Array([0.1, 0.5, 0.9, 0.2, 0.4]);
    const w = new Float64Array([1, 3, 1, 2, 2]);
    const t = groupTable(v, w, Int32Array.from([0, 1, 2, 3, 4]), {
      column: 'g',
      values: ['10', '2', null, '2', '10'],
    });
    expect(t.rows.map((r) => r.group)).toEqual(['2', '10', '(missing)']);
    const two = t.rows[0];
    assertClose(two.mean, (3 * 0.5 + 2 * 0.2) / 5, { rtol: 1e-15, name: 'mean' });
    assertClose(two.between, 3 / 5, { rtol: 1e-15, name: 'between' });
    assertClose(two.below, 2 / 5, { rtol: 1e-15, name: 'below' });
    expect(Number.isNaN(t.rows[2].sd)).toBe(true); // one household: no SD
  });

  it('gives the same table from the codes of the column as from its text', () => {
    const values = ['10', '2', null, '2', '10', 'b', 'a'];
    const v = new Float64Array([0.1, 0.5, 0.9, 0.2, 0.4, 0.7, 0.3]);
    const w = new Float64Array([1, 3, 1, 2, 2, 1, 5]);
    const used = Int32Array.from([0, 1, 2, 3, 4, 6]); // 'b' is not in the sample
    const coded = codeText(values);
    expect(Array.from(coded.codes)).toEqual([0, 1, -1, 1, 0, 2, 3]);
    expect(coded.levels).toEqual(['10', '2', 'b', 'a']);
    const fromText = groupTable(v, w, used, { column: 'g', values });
    const fromCodes = groupTable(v, w, used, { column: 'g', values: coded });
    expect(fromCodes.rows.map((r) => r.group)).toEqual(['2', '10', 'a', '(missing)']);
    expect(fromCodes).toEqual(fromText);
  });
});

describe('wlsColumns', () => {
  it('omits a collinear regressor as lm does and fits the rest exactly', () => {
    const x1 = new Float64Array([1, 2, 3, 4, 5, 6]);
    const x2 = x1.map((x) => 2 * x); // collinear with x1
    const y = new Float64Array([1.1, 1.9, 3.2, 3.9, 5.1, 6.0]);
    const fit = wlsColumns([x1, x2], Int32Array.from([0, 1, 2, 3, 4, 5]), y, {
      terms: ['(Intercept)', 'x1', 'x2'],
    });
    expect(fit.omitted).toEqual(['x2']);
    // lm(y ~ x1): slope = cov/var.
    const mx = 3.5;
    const my = y.reduce((a, b) => a + b) / 6;
    let sxy = 0;
    let sxx = 0;
    x1.forEach((x, i) => {
      sxy += (x - mx) * (y[i] - my);
      sxx += (x - mx) ** 2;
    });
    assertAllClose(fit.full, [my - (sxy / sxx) * mx, sxy / sxx, 0], {
      rtol: 1e-13,
      atol: 1e-14,
      name: 'beta',
    });
    expect(fit.dfResidual).toBe(4);
  });
});
