import { UserError } from '../errors.js';
import { messages } from '../messages.js';

/**
 * Splits a comma-separated option value into trimmed, non-empty names.
 * @example parseList('--x', 'a, b,c') // ['a', 'b', 'c']
 */
export function parseList(option: string, value: string): string[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0)
    throw new UserError(messages.badOption(option, value, 'a comma-separated list'));
  return items;
}

/**
 * Checks an option against its allowed values.
 * @example parseChoice('--vce', 'hc1', VCE_TYPES) // 'hc1'
 */
export function parseChoice<T extends string>(
  option: string,
  value: string,
  allowed: readonly T[],
): T {
  const v = value.toLowerCase();
  if (!(allowed as readonly string[]).includes(v)) {
    throw new UserError(messages.badOption(option, value, `one of ${allowed.join(', ')}`));
  }
  return v as T;
}

/**
 * Parses a finite number option, optionally within bounds.
 * @example parseNumber('--line', '2300', { min: 0, exclusiveMin: true })
 */
export function parseNumber(
  option: string,
  value: string,
  bounds: { min?: number; max?: number; exclusive?: boolean; integer?: boolean } = {},
): number {
  const x = Number(value);
  const { min, max, exclusive, integer } = bounds;
  const ok =
    value.trim() !== '' &&
    Number.isFinite(x) &&
    (!integer || Number.isInteger(x)) &&
    (min === undefined || (exclusive ? x > min : x >= min)) &&
    (max === undefined || (exclusive ? x < max : x <= max));
  if (!ok) {
    const range =
      min !== undefined && max !== undefined
        ? `must lie in ${exclusive ? '(' : '['}${min}, ${max}${exclusive ? ')' : ']'}`
        : min !== undefined
          ? `must be ${exclusive ? 'greater than' : 'at least'} ${min}`
          : 'must be a number';
    throw new UserError(
      messages.badOption(option, value, `${integer ? 'an integer; ' : ''}${range}`),
    );
  }
  return x;
}
