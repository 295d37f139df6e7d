import { randomBytes } from 'node:crypto';
import type { Scope } from './scope.js';

/** A signed-in user's session. */
export interface Session {
  readonly id: string;
  readonly username: string;
  readonly scope: Scope;
  /** The double-submit CSRF token of this session. */
  readonly csrf: string;
  readonly createdAt: number;
  lastSeen: number;
}

/** Options of `createSessions`. Defaults: 30 minutes idle, 8 hours absolute, `Date.now`. */
export interface SessionOptions {
  readonly idleMs?: number;
  readonly absoluteMs?: number;
  readonly now?: () => number;
}

/** The server's sessions, in memory (a restart signs everyone out). */
export interface Sessions {
  create(username: string, scope: Scope): Session;
  /** The live session of an id, touching it; undefined when unknown or expired. */
  get(id: string | undefined): Session | undefined;
  destroy(id: string | undefined): void;
  /** Ends every session of a user (e.g. after a password change). */
  destroyUser(username: string): void;
  readonly size: number;
}

const token = () => randomBytes(32).toString('base64url');

/**
 * An in-memory session table with idle and absolute timeouts; expired sessions are dropped
 * when seen and swept once a minute at most.
 * @example const s = createSessions({ idleMs: 15 * 60e3 }); s.create('wang', scope).id
 */
export function createSessions(options: SessionOptions = {}): Sessions {
  const idle = options.idleMs ?? 30 * 60 * 1000;
  const absolute = options.absoluteMs ?? 8 * 3600 * 1000;
  const now = options.now ?? Date.now;
  const table = new Map<string, Session>();
  let swept = now();
  const expired = (s: Session, t: number) => t - s.lastSeen > idle || t - s.createdAt > absolute;
  const sweep = (t: number) => {
    if (t - swept < 60_000) return;
    swept = t;
    for (const [id, s] of table) if (expired(s, t)) table.delete(id);
  };
  return {
    create(username, scope) {
      const t = now();
      const s: Session = { id: token(), username, scope, csrf: token(), createdAt: t, lastSeen: t };
      table.set(s.id, s);
      return s;
    },
    get(id) {
      if (id === undefined) return undefined;
      const t = now();
      sweep(t);
      const s = table.get(id);
      if (!s) return undefined;
      if (expired(s, t)) {
        table.delete(id);
        return undefined;
      }
      s.lastSeen = t;
      return s;
    },
    destroy(id) {
      if (id !== undefined) table.delete(id);
    },
    destroyUser(username) {
      for (const [id, s] of table) if (s.username === username) table.delete(id);
    },
    get size() {
      return table.size;
    },
  };
}
