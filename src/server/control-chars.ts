/** C0 control characters and DEL, except tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** Any C0 control character or DEL, raw or percent-encoded (`%00`–`%1F`, `%7F`). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_URL = /[\u0000-\u001f\u007f]|%(?:[01][0-9a-f]|7f)/i;

/**
 * The part of a raw request line's target that holds a control character (raw or
 * percent-encoded): `path` or `query`, or null when there is none.
 * @example controlInUrl('/api/households/1%00') // 'path'
 */
export function controlInUrl(url: string): 'path' | 'query' | null {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (CONTROL_IN_URL.test(path)) return 'path';
  if (q >= 0 && CONTROL_IN_URL.test(url.slice(q + 1))) return 'query';
  return null;
}

/**
 * The first field of a parsed JSON value whose text (a value or a key) holds a NUL or another
 * control character other than tab and line breaks, as `body.note`; null when there is none.
 * Nesting is followed at most 32 levels deep (deeper bodies fail their schema anyway).
 * @example controlInValue({ note: 'a\u0000b' }, 'body') // 'body.note'
 */
export function controlInValue(value: unknown, where: string, depth = 0): string | null {
  if (typeof value === 'string') return CONTROL.test(value) ? where : null;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  for (const [k, v] of Object.entries(value)) {
    const field = `${where}.${CONTROL.test(k) ? JSON.stringify(k) : k}`;
    if (CONTROL.test(k)) return field;
    const found = controlInValue(v, field, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
