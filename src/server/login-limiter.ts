/** Options of `createLoginLimiter`. Defaults: 5 failures per user and address, 20 per address, in 15 minutes. */
export interface LimiterOptions {
  readonly perUser?: number;
  readonly perAddress?: number;
  readonly windowMs?: number;
  readonly now?: () => number;
}

/** Counts failed sign-ins and says when to refuse further attempts. */
export interface LoginLimiter {
  /** Seconds to wait before trying again, or 0 when an attempt is allowed. */
  retryAfter(address: string, username: string): number;
  fail(address: string, username: string): void;
  succeed(address: string, username: string): void;
}

/**
 * A fixed-window limiter of failed sign-ins, keyed by address and by address + user name, so
 * one client can neither guess one password nor sweep many accounts.
 * @example const l = createLoginLimiter(); if (l.retryAfter(ip, name) > 0) reply.code(429)
 */
export function createLoginLimiter(options: LimiterOptions = {}): LoginLimiter {
  const perUser = options.perUser ?? 5;
  const perAddress = options.perAddress ?? 20;
  const windowMs = options.windowMs ?? 15 * 60 * 1000;
  const now = options.now ?? Date.now;
  const counts = new Map<string, { n: number; start: number }>();
  const live = (key: string, t: number) => {
    const c = counts.get(key);
    if (c && t - c.start >= windowMs) counts.delete(key);
    return counts.get(key);
  };
  const keys = (address: string, username: string) => [`a:${address}`, `u:${address}:${username}`];
  return {
    retryAfter(address, username) {
      const t = now();
      const [a, u] = keys(address, username);
      let wait = 0;
      for (const [key, max] of [
        [a, perAddress],
        [u, perUser],
      ] as const) {
        const c = live(key, t);
        if (c && c.n >= max) wait = Math.max(wait, Math.ceil((c.start + windowMs - t) / 1000));
      }
      return wait;
    },
    fail(address, username) {
      const t = now();
      if (counts.size > 100_000) counts.clear();
      for (const key of keys(address, username)) {
        const c = live(key, t);
        if (c) c.n++;
        else counts.set(key, { n: 1, start: t });
      }
    },
    succeed(address, username) {
      counts.delete(keys(address, username)[1]);
    },
  };
}
