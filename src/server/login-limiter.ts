/**
 * Options of `createLoginLimiter`. Defaults: an account is locked after 5 failed sign-ins, for
 * 1 minute, doubling with each further lock up to 1 hour (the count of locks is forgotten a
 * day after the last failure or at a successful sign-in); an address is limited after 20
 * failures with unknown user names or 200 failures of any kind in 15 minutes, and its
 * attempts then wait 1 second before the password is checked.
 */
export interface LimiterOptions {
  readonly perAccount?: number;
  readonly lockMs?: number;
  readonly maxLockMs?: number;
  readonly perAddressUnknown?: number;
  readonly perAddress?: number;
  readonly windowMs?: number;
  readonly delayMs?: number;
  readonly now?: () => number;
}

/** Whether a failed sign-in named an existing account. */
export type FailureKind = 'known' | 'unknown';

/** Counts failed sign-ins and says when to refuse or slow further attempts. */
export interface LoginLimiter {
  /** Seconds until the account may try again, or 0 when it is not locked. */
  accountLocked(username: string): number;
  /** Seconds left of the address's limit, or 0: a limited address's attempts are delayed and refused when wrong. */
  addressLimited(address: string): number;
  /** Milliseconds a limited address's attempt waits before its password is checked. */
  readonly delayMs: number;
  fail(address: string, username: string, kind: FailureKind): void;
  succeed(username: string): void;
}

interface AccountState {
  failures: number;
  locks: number;
  lockedUntil: number;
  last: number;
}
interface AddressState {
  unknown: number;
  all: number;
  start: number;
}

const MAX_KEYS = 100_000;

/**
 * Fair sign-in limits. Guessing one account's password locks that account, per account and
 * whatever the address, with a backoff that doubles. Sweeping many user names from one
 * address limits the address; failures on real accounts count against an address only at a
 * much higher threshold, so one office behind one address is not locked out by one attacker,
 * and a correct password from a limited address still signs in, after `delayMs`.
 * @example const l = createLoginLimiter(); if (l.accountLocked(name) > 0) reply.code(429)
 */
export function createLoginLimiter(options: LimiterOptions = {}): LoginLimiter {
  const perAccount = options.perAccount ?? 5;
  const lockMs = options.lockMs ?? 60_000;
  const maxLockMs = options.maxLockMs ?? 3_600_000;
  const perAddressUnknown = options.perAddressUnknown ?? 20;
  const perAddress = options.perAddress ?? 200;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const now = options.now ?? Date.now;
  const accounts = new Map<string, AccountState>();
  const addresses = new Map<string, AddressState>();
  const account = (name: string, t: number) => {
    const a = accounts.get(name);
    if (a && t - a.last > 24 * 3_600_000 && t >= a.lockedUntil) accounts.delete(name);
    return accounts.get(name);
  };
  const address = (ip: string, t: number) => {
    const a = addresses.get(ip);
    if (a && t - a.start >= windowMs) addresses.delete(ip);
    return addresses.get(ip);
  };
  return {
    delayMs: options.delayMs ?? 1000,
    accountLocked(username) {
      const t = now();
      const a = account(username, t);
      return a && a.lockedUntil > t ? Math.ceil((a.lockedUntil - t) / 1000) : 0;
    },
    addressLimited(ip) {
      const t = now();
      const a = address(ip, t);
      if (!a || (a.unknown < perAddressUnknown && a.all < perAddress)) return 0;
      return Math.max(1, Math.ceil((a.start + windowMs - t) / 1000));
    },
    fail(ip, username, kind) {
      const t = now();
      if (accounts.size > MAX_KEYS) accounts.clear();
      if (addresses.size > MAX_KEYS) addresses.clear();
      const a = account(username, t) ?? { failures: 0, locks: 0, lockedUntil: 0, last: t };
      accounts.set(username, a);
      a.last = t;
      if (++a.failures >= perAccount) {
        a.failures = 0;
        a.locks++;
        a.lockedUntil = t + Math.min(lockMs * 2 ** (a.locks - 1), maxLockMs);
      }
      const d = address(ip, t) ?? { unknown: 0, all: 0, start: t };
      addresses.set(ip, d);
      d.all++;
      if (kind === 'unknown') d.unknown++;
    },
    succeed(username) {
      accounts.delete(username);
    },
  };
}
