/**
 * Formats a number for a text table: fixed decimals in a readable range, scientific otherwise.
 * @example formatNumber(0.000012345, { digits: 4 }) // '1.234e-5'
 */
export function formatNumber(x: number, options: { digits?: number } = {}): string {
  const digits = options.digits ?? 4;
  if (Number.isNaN(x)) return '.';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  const a = Math.abs(x);
  if (a !== 0 && (a < 10 ** -digits || a >= 1e9)) return x.toExponential(digits - 1);
  return x.toFixed(digits);
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
