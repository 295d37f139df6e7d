import { UNMASKED_ROLES, type Role } from './roles.js';

/** Columns holding identity or phone numbers, wherever they appear in an answer. */
export const PERSONAL_COLUMNS: ReadonlySet<string> = new Set([
  'id_number',
  'identity_number',
  'head_id_number',
  'phone',
  'phone_number',
  'mobile',
]);

/**
 * Masks a number but its first 3 and last 4 characters (`510***********1234`); short values
 * are masked whole.
 * @example maskValue('13812345678') // '138****5678'
 */
export function maskValue(value: string): string {
  if (value.length <= 7) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}

/**
 * A copy of a row with its identity and phone numbers masked, unless the role needs them.
 * @example maskRow({ phone: '13812345678' }, 'county') // { phone: '138****5678' }
 */
export function maskRow<T extends Record<string, unknown>>(row: T, role: Role): T {
  if (UNMASKED_ROLES.includes(role)) return row;
  const out: Record<string, unknown> = { ...row };
  for (const k of Object.keys(out)) {
    if (PERSONAL_COLUMNS.has(k) && typeof out[k] === 'string') out[k] = maskValue(out[k] as string);
  }
  return out as T;
}
