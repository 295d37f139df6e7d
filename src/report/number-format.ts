/**
 * Fixed-point text of a number as journals print it, never in scientific notation: `digits`
 * decimals, except that a non-zero value below 0.001 in absolute value (or below 10^−digits,
 * where it would print as zero) gets as many decimals as it takes to carry `significant`
 * significant digits, as esttab's `%9.0g`/`a3` formats do (−1.1e−5 prints as "-0.0000110").
 * Negative zero prints without its sign. Defaults: `significant` 3.
 * @example fixedDecimals(-0.000011, { digits: 3 }) // '-0.0000110'
 */
export function fixedDecimals(
  x: number,
  options: { digits: number; significant?: number },
): string {
  const significant = options.significant ?? 3;
  let decimals = options.digits;
  const a = Math.abs(x);
  if (a !== 0 && a < Math.max(1e-3, 10 ** -options.digits)) {
    const exponent = Number(a.toExponential(significant - 1).split('e')[1]);
    decimals = Math.min(100, significant - 1 - exponent);
  }
  const s = x.toFixed(decimals);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/**
 * Formats a number for a text table (the terminal): `digits` decimals, small values with three
 * significant digits (`fixedDecimals`), never scientific notation; NaN prints as Stata's ".".
 * Defaults: `digits` 4.
 * @example formatNumber(0.000012345, { digits: 4 }) // '0.0000123'
 */
export function formatNumber(x: number, options: { digits?: number } = {}): string {
  const digits = options.digits ?? 4;
  if (Number.isNaN(x)) return '.';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  return fixedDecimals(x, { digits });
}

/**
 * Formats a p-value as Stata does: four decimals, never printing an exact zero.
 * @example formatP(1e-12) // '<0.0001'
 */
export function formatP(p: number): string {
  if (Number.isNaN(p)) return '.';
  return p < 1e-4 ? '<0.0001' : p.toFixed(4);
}

/**
 * Thousands separators for counts.
 * @example formatCount(1234567) // '1,234,567'
 */
export function formatCount(n: number): string {
  // Whole numbers by hand: the first toLocaleString of a process loads ICU (about 25 ms).
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}
