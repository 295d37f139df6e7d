import { createHash, randomBytes } from 'node:crypto';
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

/**
 * Where sessions are kept beyond memory (the store's `sessions` table, see
 * `sessionPersistence`): told of each new session, each end, and of activity at most once a
 * minute per session. Keys are the SHA-256 hashes of the session ids.
 */
export interface SessionPersistence {
  saved(hash: string, s: Session): void;
  removed(hash: string): void;
  userRemoved(username: string): void;
  touched(hash: string, lastSeen: number): void;
  /** Resolves when every write asked for so far is done. */
  flush?(): Promise<void>;
}

/** A session as kept: its id's hash and everything but the id. */
export type KeptSession = Omit<Session, 'id'> & { readonly hash: string };

/**
 * Options of `createSessions`. Defaults: 30 minutes idle, 8 hours absolute, `Date.now`, no
 * persistence (memory only), no sessions to restore.
 */
export interface SessionOptions {
  readonly idleMs?: number;
  readonly absoluteMs?: number;
  readonly now?: () => number;
  readonly persist?: SessionPersistence;
  /** Sessions kept before a restart; expired ones are dropped. */
  readonly restore?: readonly KeptSession[];
  /**
   * The store is shared with other server processes (PostgreSQL): `find` reads the session
   * from it on every request, so a sign-in or sign-out on one process holds on all.
   */
  readonly shared?: (hash: string) => Promise<KeptSession | null>;
}

/** The server's sessions: in memory, and kept in the store when `persist` is given. */
export interface Sessions {
  create(username: string, scope: Scope): Session;
  /** The live session of an id, touching it; undefined when unknown or expired. */
  get(id: string | undefined): Session | undefined;
  destroy(id: string | undefined): void;
  /** Ends every session of a user (e.g. after a password change). */
  destroyUser(username: string): void;
  /** `get`, or with a shared store the session as the store has it now. */
  find(id: string | undefined): Promise<Session | undefined>;
  /** Resolves when the sessions' writes to the store are done (after a sign-in). */
  settled(): Promise<void>;
  readonly size: number;
}

const token = () => randomBytes(32).toString('base64url');

/** The SHA-256 of a session id (what the store keeps). @example hashId('abc').length // 64 */
export const hashId = (id: string): string => createHash('sha256').update(id).digest('hex');

/**
 * An in-memory session table with idle and absolute timeouts; expired sessions are dropped
 * when seen and swept once a minute at most.
 * @example const s = createSessions({ idleMs: 15 * 60e3 }); s.create('wang', scope).id
 */
export function createSessions(options: SessionOptions = {}): Sessions {
  const idle = options.idleMs ?? 30 * 60 * 1000;
  const absolute = options.absoluteMs ?? 8 * 3600 * 1000;
  const now = options.now ?? Date.now;
  const persist = options.persist;
  /** Sessions by the hash of their id; `seen` is the last activity told to `persist`. */
  const table = new Map<string, { s: Session; seen: number }>();
  let swept = now();
  const expired = (s: Omit<Session, 'id'>, t: number) =>
    t - s.lastSeen > idle || t - s.createdAt > absolute;
  const drop = (hash: string) => {
    table.delete(hash);
    persist?.removed(hash);
  };
  const sweep = (t: number) => {
    if (t - swept < 60_000) return;
    swept = t;
    for (const [hash, e] of table) if (expired(e.s, t)) drop(hash);
  };
  const start = now();
  for (const k of options.restore ?? []) {
    const { hash, ...rest } = k;
    if (expired(rest, start)) persist?.removed(hash);
    else table.set(hash, { s: { ...rest, id: '' }, seen: rest.lastSeen });
  }
  const sessions: Sessions = {
    async find(id) {
      const shared = options.shared;
      if (id === undefined || !shared) return sessions.get(id);
      const hash = hashId(id);
      const kept = await shared(hash);
      if (!kept) {
        table.delete(hash);
        return undefined;
      }
      if (!table.has(hash)) {
        const { username, scope, csrf, createdAt, lastSeen } = kept;
        table.set(hash, { s: { id, username, scope, csrf, createdAt, lastSeen }, seen: lastSeen });
      }
      return sessions.get(id);
    },
    settled: async () => {
      await persist?.flush?.();
    },
    create(username, scope) {
      const t = now();
      const s: Session = { id: token(), username, scope, csrf: token(), createdAt: t, lastSeen: t };
      const hash = hashId(s.id);
      table.set(hash, { s, seen: t });
      persist?.saved(hash, s);
      return s;
    },
    get(id) {
      if (id === undefined) return undefined;
      const t = now();
      sweep(t);
      const hash = hashId(id);
      const e = table.get(hash);
      if (!e) return undefined;
      if (expired(e.s, t)) {
        drop(hash);
        return undefined;
      }
      if (e.s.id !== id) e.s = { ...e.s, id };
      e.s.lastSeen = t;
      if (persist && t - e.seen >= 60_000) {
        e.seen = t;
        persist.touched(hash, t);
      }
      return e.s;
    },
    destroy(id) {
      if (id !== undefined && table.has(hashId(id))) drop(hashId(id));
    },
    destroyUser(username) {
      for (const [hash, e] of table) if (e.s.username === username) table.delete(hash);
      persist?.userRemoved(username);
    },
    get size() {
      return table.size;
    },
  };
  return sessions;
}
