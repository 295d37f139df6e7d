import { timingSafeEqual } from 'node:crypto';

/** Header carrying the double-submit token on state-changing requests. */
export const CSRF_HEADER = 'x-csrf-token';
/** Cookie carrying the same token, readable by the page's script (SameSite=Strict). */
export const CSRF_COOKIE = 'povrisk_csrf';

/** Methods that change state and so need the CSRF checks. */
export const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * True when the request comes from this site: an `Origin` header, if sent, must be this
 * host's origin, and `Sec-Fetch-Site`, if sent, must be `same-origin` or `none`. Clients that
 * send neither (curl, tests) pass this check and still need the token.
 * @example sameOrigin({ origin: 'http://127.0.0.1:8080', host: '127.0.0.1:8080' }) // true
 */
export function sameOrigin(headers: {
  origin?: string | undefined;
  host?: string | undefined;
  'sec-fetch-site'?: string | undefined;
}): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = headers.origin;
  if (origin === undefined) return true;
  if (origin === 'null' || headers.host === undefined) return false;
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false;
  }
}

/**
 * Compares the sent token with the session's in constant time.
 * @example tokenMatches(req.headers['x-csrf-token'], session.csrf)
 */
export function tokenMatches(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string' || sent.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}
