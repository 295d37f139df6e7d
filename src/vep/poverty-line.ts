import { optionError } from '../errors.js';

/**
 * The World Bank's 2011 PPP conversion factor for private consumption for China, in CNY per
 * international dollar (World Development Indicators, series PA.NUS.PRVT.PP, "PPP conversion
 * factor, private consumption (LCU per international $)", year 2011, from the ICP 2011 round):
 * the factor with which the $1.90-a-day international poverty line (2011 PPP) is usually
 * converted to yuan. 1.90 × 365 × 3.696 ≈ 2,563 CNY per person per year. Check the current WDI
 * release before official use: the World Bank revises extrapolated PPPs between releases.
 */
export const PPP_CHINA_2011_PRIVATE_CONSUMPTION = 3.696;

/** How a poverty line is given: directly, or as dollars a day at a PPP factor. */
export interface PovertyLineOptions {
  /** Poverty line per person per year, in the income's currency. */
  readonly line?: number | undefined;
  /** International dollars per person per day (e.g. 1.9), converted with `ppp`. */
  readonly usdPerDay?: number | undefined;
  /** Local currency units per international dollar (e.g. `PPP_CHINA_2011_PRIVATE_CONSUMPTION`). */
  readonly ppp?: number | undefined;
}

/**
 * The poverty line z per person per year: `line`, or `usdPerDay · 365 · ppp`. Exactly one of
 * `line` and `usdPerDay` must be given; `ppp` is required with `usdPerDay` (never assumed).
 * Throws a UserError naming the option when a value is missing, not finite or not positive.
 * @example povertyLine({ usdPerDay: 1.9, ppp: PPP_CHINA_2011_PRIVATE_CONSUMPTION }) // 2563.176
 */
export function povertyLine(options: PovertyLineOptions): number {
  const { line, usdPerDay, ppp } = options;
  const positive = (name: string, x: number): number => {
    if (!Number.isFinite(x) || x <= 0) {
      throw optionError.bad(name, String(x), 'must be greater than 0');
    }
    return x;
  };
  if (line !== undefined && usdPerDay !== undefined) {
    throw optionError.conflict('line', 'usdPerDay');
  }
  if (line !== undefined) return positive('line', line);
  if (usdPerDay === undefined) throw optionError.missingLine();
  if (ppp === undefined) throw optionError.missing('ppp', ' F (with the line in dollars a day)');
  return positive('usdPerDay', usdPerDay) * 365 * positive('ppp', ppp);
}
