import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost parameters (OWASP's minimum for scrypt: N = 2^17 would be slower still). */
const PARAMS = Object.freeze({ N: 16384, r: 8, p: 1, keylen: 64 });

function derive(password: string, salt: Buffer, o: ScryptOptions & { keylen: number }) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, o.keylen, { ...o, maxmem: 64 * 1024 * 1024 }, (e, k) =>
      e ? reject(e) : resolve(k),
    ),
  );
}

/**
 * Hashes a password with scrypt (node:crypto) and a random 16-byte salt, as
 * `scrypt$N$r$p$salt$hash` (base64url), so the cost can be raised later.
 * @example await hashPassword('correct horse') // 'scrypt$16384$8$1$…$…'
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  const { N, r, p } = PARAMS;
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * True when `password` matches a hash from `hashPassword` (constant-time comparison). A
 * malformed hash never matches.
 * @example await verifyPassword('correct horse', stored) // true
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  if (![N, r, p].every(Number.isInteger) || expected.length === 0) return false;
  const key = await derive(password, salt, { N, r, p, keylen: expected.length });
  return timingSafeEqual(key, expected);
}

/** A hash of a random password, verified against when a user is unknown (same timing). */
export const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + Buffer.alloc(64).toString('base64url');
