import { describe, expect, it } from 'vitest';
import { cpiFactor2011 } from '../../src/domain/china-cpi.js';
import { povertyLine } from '../../src/vep/poverty-line.js';
import { assertClose } from '../helpers/assert-close.js';
import { runCli } from '../helpers/run-cli.js';

// NBS statistical communiqués, CPI change on the previous year, 2012–2020 (typed from the source).
const NBS_2012_2020 = [2.6, 2.6, 2.0, 1.4, 2.0, 1.6, 2.1, 2.9, 2.5];

describe('--cpi-year: the 1.90-dollar line uprated from 2011 prices', () => {
  it('2020 factor is the product of the communiqués’ changes; 2011 is 1', () => {
    const expected = NBS_2012_2020.reduce((f, c) => f * (1 + c / 100), 1);
    expect(NBS_2012_2020.length).toBe(9);
    assertClose(cpiFactor2011(2020), expected, { rtol: 1e-15, name: 'cpi 2011→2020' });
    expect(cpiFactor2011(2011)).toBe(1);
    expect(cpiFactor2011(2010)).toBeNaN();
    expect(cpiFactor2011(2025)).toBeNaN();
  });

  it('povertyLine multiplies 1.9 · 365 · PPP by the factor; rejects --line with --cpi-year', () => {
    const z = povertyLine({ usdPerDay: 1.9, ppp: 3.696, cpiYear: 2020 });
    assertClose(z, 1.9 * 365 * 3.696 * NBS_2012_2020.reduce((f, c) => f * (1 + c / 100), 1), {
      rtol: 1e-15,
      name: 'line 2020',
    });
    expect(() => povertyLine({ line: 2300, cpiYear: 2020 })).toThrow(
      /invalid cpiYear: '2020' \(uprates usdPerDay, not line\)/,
    );
    expect(() => povertyLine({ usdPerDay: 1.9, ppp: 3.696, cpiYear: 2030 })).toThrow(
      /a year from 2011 to 2024/,
    );
  });

  it('povrisk vep --cpi-year 2020 uses the uprated line', async () => {
    const args = [
      'vep',
      'test/fixtures/data/vep-edge.csv',
      '--income',
      'income',
      '--x',
      'x1,x2,x3',
    ];
    const r = await runCli([
      ...args,
      '--line-usd-day',
      '1.9',
      '--ppp',
      '3.696',
      '--cpi-year',
      '2020',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const line = (JSON.parse(r.stdout) as { line: number }).line;
    assertClose(line, 1.9 * 365 * 3.696 * cpiFactor2011(2020), { rtol: 1e-15, name: 'line' });
    const bad = await runCli([...args, '--line', '2000', '--cpi-year', '2020']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe(
      "povrisk: invalid --cpi-year: '2020' (uprates --line-usd-day, not --line)",
    );
  });
});
