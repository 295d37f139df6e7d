/**
 * China's consumer price index, annual change on the previous year (previous year = 100), from
 * the National Bureau of Statistics of China (国家统计局), Statistical Communiqué on the National
 * Economic and Social Development (国民经济和社会发展统计公报) of each year, national CPI
 * (居民消费价格): 2012 +2.6%, 2013 +2.6%, 2014 +2.0%, 2015 +1.4%, 2016 +2.0%, 2017 +1.6%,
 * 2018 +2.1%, 2019 +2.9%, 2020 +2.5%, 2021 +0.9%, 2022 +2.0%, 2023 +0.2%, 2024 +0.2%.
 * Check the communiqué before official use; rural CPI differs slightly from the national one.
 */
export const CHINA_CPI_CHANGE: Readonly<Record<number, number>> = Object.freeze({
  2012: 2.6,
  2013: 2.6,
  2014: 2.0,
  2015: 1.4,
  2016: 2.0,
  2017: 1.6,
  2018: 2.1,
  2019: 2.9,
  2020: 2.5,
  2021: 0.9,
  2022: 2.0,
  2023: 0.2,
  2024: 0.2,
});

/** The first and last years `cpiFactor2011` can uprate to. */
export const CPI_YEARS = Object.freeze([2011, 2024] as const);

/**
 * Price level of `year` relative to 2011 (2011 = 1): the product of (1 + change/100) over
 * 2012..year. Returns NaN for a year outside 2011–2024.
 * @example cpiFactor2011(2020) // 1.02600 · 1.02600 · … · 1.02500 ≈ 1.1966
 */
export function cpiFactor2011(year: number): number {
  if (!Number.isInteger(year) || year < CPI_YEARS[0] || year > CPI_YEARS[1]) return NaN;
  let f = 1;
  for (let y = 2012; y <= year; y++) f *= 1 + CHINA_CPI_CHANGE[y] / 100;
  return f;
}
