import { warn } from '../log.js';
import { messages } from '../messages.js';
import { rowsOf, sqlString } from '../monitor/sql.js';
import type { Store } from '../monitor/store.js';
import type { Scope } from './scope.js';
import type { KeptSession, SessionPersistence } from './sessions.js';
import type { StoreGate } from './store-gate.js';

/** Persistence in the store's `sessions` table, with a way to wait for pending writes. */
export interface StoreSessions extends SessionPersistence {
  /** The sessions kept in the store. */
  load(): Promise<KeptSession[]>;
  /** One session kept in the store, by the hash of its id, or null. */
  lookup(hash: string): Promise<KeptSession | null>;
  /** Resolves when every write asked for so far is done. */
  flush(): Promise<void>;
}

/**
 * Keeps the dashboard's sessions in the store (schema migration 4), so that a restart of the
 * server signs no one out. Writes go through the gate, in order, after the request that
 * caused them; a failed write is logged, never thrown at a user.
 * @example const kept = sessionPersistence(store, gate); createSessions({ persist: kept, restore: await kept.load() })
 */
export function sessionPersistence(store: Store, gate: StoreGate): StoreSessions {
  let chain: Promise<void> = Promise.resolve();
  const run = (sql: string) => {
    chain = chain
      .then(() => gate.write(() => store.db.run(sql), { keepCache: true }))
      .then(
        () => undefined,
        (e: unknown) => warn(messages.internal(`sessions: ${(e as Error).message.split('\n')[0]}`)),
      );
  };
  return {
    saved(hash, s) {
      run(
        `INSERT INTO sessions VALUES (${sqlString(hash)}, ${sqlString(s.username)},
           ${sqlString(JSON.stringify(s.scope))}::JSON, ${sqlString(s.csrf)}, ${s.createdAt}, ${s.lastSeen})
         ON CONFLICT (id_hash) DO UPDATE SET username = excluded.username, scope = excluded.scope,
           csrf = excluded.csrf, created_ms = excluded.created_ms, last_seen_ms = excluded.last_seen_ms`,
      );
    },
    removed(hash) {
      run(`DELETE FROM sessions WHERE id_hash = ${sqlString(hash)}`);
    },
    userRemoved(username) {
      run(`DELETE FROM sessions WHERE username = ${sqlString(username)}`);
    },
    touched(hash, lastSeen) {
      run(`UPDATE sessions SET last_seen_ms = ${lastSeen} WHERE id_hash = ${sqlString(hash)}`);
    },
    async load() {
      return kept(
        await gate.read(() =>
          rowsOf(
            store.db,
            `SELECT id_hash, username, CAST(scope AS VARCHAR) AS scope, csrf, created_ms, last_seen_ms
             FROM sessions`,
          ),
        ),
      );
    },
    async lookup(hash) {
      const rows = await gate.read(() =>
        rowsOf(
          store.db,
          `SELECT id_hash, username, CAST(scope AS VARCHAR) AS scope, csrf, created_ms, last_seen_ms
           FROM sessions WHERE id_hash = ${sqlString(hash)}`,
        ),
      );
      return kept(rows)[0] ?? null;
    },
    flush: () => chain,
  };
}

function kept(rows: Record<string, unknown>[]): KeptSession[] {
  return rows.map((r) => ({
    hash: String(r.id_hash),
    username: String(r.username),
    scope: Object.freeze(JSON.parse(String(r.scope))) as Scope,
    csrf: String(r.csrf),
    createdAt: Number(r.created_ms),
    lastSeen: Number(r.last_seen_ms),
  }));
}
