import type { Migration } from './migration.js';

/**
 * Dashboard sessions kept in the store, so that a restart of the server signs no one out.
 * The session id is stored only as its SHA-256 hash; times are epoch milliseconds.
 */
export const migration004: Migration = Object.freeze({
  version: 4,
  name: 'sessions',
  statements: Object.freeze([
    `CREATE TABLE sessions (id_hash VARCHAR PRIMARY KEY, username VARCHAR NOT NULL,
       scope JSON NOT NULL, csrf VARCHAR NOT NULL, created_ms BIGINT NOT NULL,
       last_seen_ms BIGINT NOT NULL)`,
  ]),
});
