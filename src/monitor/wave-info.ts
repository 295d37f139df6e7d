import { optionError } from '../errors.js';

/**
 * Checks a `YYYY-MM-DD` date option (a real calendar date) and returns it; an OptionError
 * naming `option` otherwise.
 * @example parseDate('date', '2021-06-30') // '2021-06-30'
 */
export function parseDate(option: string, value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!m || !d || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) {
    throw optionError.bad(option, value, 'a date YYYY-MM-DD');
  }
  return value;
}

/**
 * The calendar year of a wave: its date's year, else a year written in its label
 * (`2021`, `2021H2`, `wave-2022`), else null (the latest monitoring line then applies).
 * @example waveYear('2022-spring', null) // 2022
 */
export function waveYear(label: string, date: string | null | undefined): number | null {
  if (date) return Number(date.slice(0, 4));
  const m = /(?:^|\D)((?:19|20)\d\d)(?!\d)/.exec(label);
  return m ? Number(m[1]) : null;
}

/** Today's date as YYYY-MM-DD (local time). */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
