import { CPI_YEARS, cpiFactor2011 } from '../domain/china-cpi.js';
import { OptionError, optionError } from '../errors.js';
import { messages } from '../messages.js';

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
  /**
   * Uprate a dollar line at 2011 PPP to this year's prices with China's CPI
   * (`cpiFactor2011`); only with `usdPerDay`. Default: no uprating (2011 prices).
   */
  readonly cpiYear?: number | undefined;
}

/**
 * The poverty line z per person per year: `line`, or `usdPerDay · 365 · ppp` (× the CPI
 * factor from 2011 to `cpiYear` when given). The PPP conversion is an assumption: a 2011
 * private-consumption PPP factor says what a dollar bought in China in 2011, not in the
 * survey year, and not in rural Liangshan. Exactly one of
 * `line` and `usdPerDay` must be given; `ppp` is required with `usdPerDay` (never assumed).
 * Throws an OptionError naming the option when a value is missing, not finite or not positive.
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
  if (line !== undefined && options.cpiYear !== undefined) {
    const year = String(options.cpiYear);
    throw new OptionError((name) =>
      messages.badOption(
        name('cpiYear'),
        year,
        `uprates ${name('usdPerDay')}, not ${name('line')}`,
      ),
    );
  }
  if (line !== undefined) return positive('line', line);
  if (usdPerDay === undefined) throw optionError.missingLine();
  if (ppp === undefined) throw optionError.missing('ppp', ' F (with the line in dollars a day)');
  const base = positive('usdPerDay', usdPerDay) * 365 * positive('ppp', ppp);
  if (options.cpiYear === undefined) return base;
  const factor = cpiFactor2011(options.cpiYear);
  if (Number.isNaN(factor))
    throw optionError.bad(
      'cpiYear',
      String(options.cpiYear),
      `a year from ${CPI_YEARS[0]} to ${CPI_YEARS[1]}`,
    );
  return base * factor;
}
