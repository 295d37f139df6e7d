import type { Migration } from './migration.js';

/**
 * The dashboard's accounts (`povrisk users`, `povrisk serve`): one row per user, with the
 * role, the area it may see (`area_id` of `areas`, or `all` for admin) and a scrypt password
 * hash. Stores whose server created this table before it was a migration keep it as it is.
 */
export const migration002: Migration = Object.freeze({
  version: 2,
  name: 'dashboard users',
  statements: Object.freeze([
    `CREATE TABLE IF NOT EXISTS users (username VARCHAR PRIMARY KEY, role VARCHAR NOT NULL,
       area_id VARCHAR NOT NULL, password_hash VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL,
       updated_at TIMESTAMP NOT NULL)`,
  ]),
});
