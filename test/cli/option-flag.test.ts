import { describe, expect, it } from 'vitest';
import { flagOf } from '../../src/cli/option-flag.js';
import { isOptionError } from '../../src/errors.js';
import { parseDate } from '../../src/monitor/wave-info.js';
import { stepDate } from '../../src/monitor/date-bounds.js';
import { fieldOf } from '../../src/server/field-name.js';

describe('flagOf: library option names as command-line flags', () => {
  const cases: [string, string][] = [
    ['tau', '--tau'],
    ['taus', '--tau'],
    ['se', '--se'],
    ['varianceFloor', '--variance-floor'],
    ['floor', '--variance-floor'],
    ['usdPerDay', '--line-usd-day'],
    ['line', '--line'],
    ['foundBy', '--found-by'],
    ['noticeEnd', '--notice-end'],
    ['endDate', '--end-date'],
    ['asOf', '--as-of'],
    ['status', 'STATUS'],
  ];
  for (const [option, flag] of cases)
    it(`${option} → ${flag}`, () => expect(flagOf(option)).toBe(flag));
});

describe('fieldOf: library option names as the API’s JSON fields', () => {
  const cases: [string, string][] = [
    ['date', 'date'],
    ['foundBy', 'found_by'],
    ['noticeEnd', 'notice_end'],
    ['endDate', 'end_date'],
  ];
  for (const [option, field] of cases)
    it(`${option} → ${field}`, () => expect(fieldOf(option)).toBe(field));
});

describe('a monitor option error, said by the library, the command line and the API', () => {
  const caught = (f: () => unknown): unknown => {
    try {
      f();
    } catch (e) {
      return e;
    }
    return null;
  };
  it('an impossible date', () => {
    const e = caught(() => parseDate('noticeEnd', '2021-02-30'));
    expect(isOptionError(e)).toBe(true);
    if (!isOptionError(e)) return;
    expect(e.message).toBe("invalid noticeEnd: '2021-02-30' (a date YYYY-MM-DD)");
    expect(e.render(flagOf)).toBe("invalid --notice-end: '2021-02-30' (a date YYYY-MM-DD)");
    expect(e.render(fieldOf)).toBe("invalid notice_end: '2021-02-30' (a date YYYY-MM-DD)");
  });
  it('a date after tomorrow', () => {
    const e = caught(() => stepDate('date', '2099-01-01'));
    expect(isOptionError(e)).toBe(true);
    if (!isOptionError(e)) return;
    expect(e.render(flagOf)).toMatch(/^--date 2099-01-01: lies in the future \(latest allowed /);
  });
});
