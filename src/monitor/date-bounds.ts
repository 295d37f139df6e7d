import { OptionError, optionError } from '../errors.js';
import { messages } from '../messages.js';
import { parseDate, today } from './wave-info.js';

/** Days a date typed in may lie after the server's today (clocks of offices differ). */
export const CLOCK_SKEW_DAYS = 1;

/** A YYYY-MM-DD date `days` later (UTC calendar arithmetic). @example addDays('2024-02-28', 2) // '2024-03-01' */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Checks a date the user gives for a step of a case (a status change, a measure): a real
 * calendar date, no later than today plus `CLOCK_SKEW_DAYS`, and no earlier than `notBefore`
 * (the previous step) when given. Returns the date.
 * @example stepDate('date', '2099-01-01', { notBefore: '2021-07-10', what: "the case's last change" }) // throws: lies in the future
 */
export function stepDate(
  option: string,
  value: string,
  bounds: { notBefore?: string; what?: string } = {},
): string {
  const date = parseDate(option, value);
  const latest = addDays(today(), CLOCK_SKEW_DAYS);
  if (date > latest)
    throw new OptionError((name) => messages.server.dateInFuture(name(option), date, latest));
  if (bounds.notBefore !== undefined && date < bounds.notBefore) {
    throw optionError.bad(
      option,
      date,
      `not before ${bounds.what ?? 'the previous step'}, ${bounds.notBefore}`,
    );
  }
  return date;
}
