import type { DuckDBInstance as Instance } from '@duckdb/node-api';
import { duckdb } from '../data/duckdb.js';
import { userInfo } from 'node:os';
import { isUserError, UserError } from '../errors.js';
import { messages } from '../messages.js';
import type { Db } from './db.js';
import { duckDb } from './duckdb-db.js';
import { migrate } from './migrate.js';
import { postgresDb } from './postgres-db.js';
import { readServeMarker } from './serve-marker.js';

const { DuckDBInstance } = duckdb;

/** An open monitoring store: a database (DuckDB file or PostgreSQL), and who is acting. */
export interface Store {
  /** The DuckDB file, or the PostgreSQL URL without its password. */
  readonly path: string;
  /** Recorded as "who" in the event log. */
  readonly user: string;
  readonly db: Db;
  /** Closes the connections and the database file. */
  close(): Promise<void>;
}

/** Options of `openStore`. Defaults: `user` = $USER (else the OS account name). */
export interface OpenStoreOptions {
  readonly user?: string | undefined;
}

/** Default database file of the CLI (when neither POVRISK_DB nor PGHOST/PGDATABASE is set). */
export const DEFAULT_DB = './povrisk.duckdb';

/**
 * Whether a store target names a PostgreSQL database (`postgres://` or `postgresql://`).
 * @example isPostgresUrl('postgresql://povrisk@db/povrisk') // true
 */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/**
 * The store the CLI opens without `--db`: `POVRISK_DB`; else, when PGHOST or PGDATABASE is
 * set, the PostgreSQL database the standard PG* variables name (`postgresql://`); else
 * ./povrisk.duckdb.
 * @example defaultStore({ PGHOST: 'db.example' }) // 'postgresql://'
 */
export function defaultStore(env: NodeJS.ProcessEnv = process.env): string {
  if (env.POVRISK_DB) return env.POVRISK_DB;
  if (env.PGHOST || env.PGDATABASE) return 'postgresql://';
  return DEFAULT_DB;
}

/** The `--db` help text of the commands that open a store. */
export const DB_OPTION_HELP =
  'monitoring database: a DuckDB file or a postgres:// URL (default: $POVRISK_DB, else PostgreSQL by the PG* variables when PGHOST or PGDATABASE is set, else ./povrisk.duckdb)';

/**
 * A PostgreSQL URL as shown in messages: without its password.
 * @example shownUrl('postgres://u:secret@h/db') // 'postgres://u@h/db'
 */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, '@');
  }
}

/**
 * Opens (creating if needed) a monitoring store and applies pending schema migrations: a
 * DuckDB file, or a PostgreSQL database given by a `postgres://` / `postgresql://` URL
 * (`postgresql://` alone: the standard PG* variables). A DuckDB file held by another process
 * is a UserError: `database busy`; an unreachable server names the URL (without password).
 * @example const store = await openStore('povrisk.duckdb', { user: 'li.wei' }); store.close();
 */
export async function openStore(path: string, options: OpenStoreOptions = {}): Promise<Store> {
  const user = options.user ?? defaultUser();
  if (isPostgresUrl(path)) return openPostgresStore(path, user);
  let instance: Instance;
  try {
    instance = await DuckDBInstance.create(path);
  } catch (e) {
    throw storeError(path, e);
  }
  const db = duckDb(await instance.connect(), () => instance.closeSync());
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    if (isUserError(e)) throw new UserError(`${path}: ${e.message}`);
    throw storeError(path, e);
  }
  return Object.freeze({ path, user, db, close: () => db.close() });
}

async function openPostgresStore(url: string, user: string): Promise<Store> {
  const shown = shownUrl(url);
  // `postgresql://` alone: the standard PG* variables (PGHOST, PGDATABASE, PGUSER, …).
  const db = postgresDb(/^postgres(ql)?:\/\/$/i.test(url) ? '' : url);
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    if (isUserError(e)) throw new UserError(`${shown}: ${e.message}`);
    const text = e instanceof Error ? e.message : String(e);
    throw new UserError(messages.databaseUnreadable(shown, text.split('\n')[0] || String(e)));
  }
  return Object.freeze({ path: shown, user, db, close: () => db.close() });
}

function defaultUser(): string {
  if (process.env.USER) return process.env.USER;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/**
 * Maps a DuckDB error on opening a file to one clear line: a lock held by a dashboard server
 * names the server and the ways out (its upload page, or stopping it); a lock held
 * by another process is "database busy"; anything else names the file.
 * @example throw storeError('x.duckdb', e)
 */
export function storeError(path: string, e: unknown): Error {
  if (e instanceof UserError) return e;
  const text = e instanceof Error ? e.message : String(e);
  if (/Could not set lock|Conflicting lock/i.test(text)) {
    const served = readServeMarker(path);
    if (served) return new UserError(messages.databaseServed(path, served.url, served.pid));
    return new UserError(messages.databaseBusy(path));
  }
  const first = text.split('\n')[0].replace(/^[A-Za-z ]*Error: /, '');
  return new UserError(messages.databaseUnreadable(path, first));
}

/**
 * Runs `body` inside one transaction: committed when it returns, rolled back when it throws.
 * @example await inTransaction(store, async (c) => { await c.run('INSERT …'); });
 */
export function inTransaction<T>(
  store: Pick<Store, 'db'>,
  body: (db: Db) => Promise<T>,
): Promise<T> {
  return store.db.transaction(body);
}
