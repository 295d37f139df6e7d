import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../src/monitor/db.js';
import { lockLatestCase } from '../../src/monitor/latest-case.js';
import type { Store } from '../../src/monitor/store.js';

/**
 * The PostgreSQL server the tests may use: `POVRISK_TEST_PG`, a URL whose user may create
 * databases (`.ci/run` starts a throwaway server and sets it). Without it the PostgreSQL
 * variants of the tests are skipped locally; with `POVRISK_REQUIRE_PG=1` (set by `.ci/run`)
 * a missing server fails the run instead of skipping.
 */
export const PG_SERVER_URL: string | undefined = process.env.POVRISK_TEST_PG || undefined;

if (!PG_SERVER_URL && process.env.POVRISK_REQUIRE_PG === '1') {
  throw new Error(
    'POVRISK_REQUIRE_PG=1 but POVRISK_TEST_PG is not set: no PostgreSQL for the tests',
  );
}

/** A database made for one test (file), dropped by `drop()`. */
export interface TestDatabase {
  /** postgres:// URL of the new, empty database. */
  readonly url: string;
  /** Drops the database (ends its other connections first). */
  drop(): Promise<void>;
}

/**
 * Creates a fresh, empty database on the test server, named `povrisk_test_<random>`.
 * @example const db = await createTestDatabase(); try { … db.url … } finally { await db.drop(); }
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!PG_SERVER_URL) throw new Error('POVRISK_TEST_PG is not set');
  const name = `povrisk_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(PG_SERVER_URL);
  url.pathname = `/${name}`;
  return Object.freeze({
    url: url.toString(),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  });
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** What `postgresSuite` gives the tests of one file: a temp folder and a fresh database. */
export interface PostgresSuite {
  /** A fresh temp folder (for wave files and such), removed after the file's tests. */
  readonly dir: string;
  /** The file's database, created before its tests (in `beforeAll`), dropped after them. */
  readonly db: TestDatabase;
}

/**
 * Sets up, for the `describe` block it is called in, a fresh PostgreSQL database and a temp
 * folder: the database is created in a `beforeAll` (call this before the block's own
 * `beforeAll`, which may then use it) and dropped, with the folder removed, in an `afterAll`
 * that runs after the block's own (so stores it opened are closed by then).
 * @example describe.skipIf(!PG_SERVER_URL)('…', () => { const suite = postgresSuite('povrisk-pg-'); it('…', () => openStore(suite.db.url)); })
 */
export function postgresSuite(prefix: string): PostgresSuite {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  return Object.freeze({
    dir,
    get db(): TestDatabase {
      if (!db) throw new Error('postgresSuite: the database is made in beforeAll');
      return db;
    },
  });
}

/** A case lock held by `holdCaseLock`, as by another user's change under way. */
export interface HeldCaseLock {
  /** Runs `last` (if given) in the holding transaction, then commits it. */
  release(last?: (c: Db) => Promise<unknown>): Promise<void>;
}

/**
 * Takes the lock on a household's latest case in a transaction of `store` and holds it, as
 * another officer's change under way would, until `release()`: meanwhile another user's change
 * of that case must be refused with a conflict.
 * @example const held = await holdCaseLock(store, 'H00001'); … await held.release();
 */
export async function holdCaseLock(store: Store, household: string): Promise<HeldCaseLock> {
  let finish: (last?: (c: Db) => Promise<unknown>) => void = () => {};
  const released = new Promise<((c: Db) => Promise<unknown>) | undefined>((r) => (finish = r));
  let locked: () => void = () => {};
  const isLocked = new Promise<void>((r) => (locked = r));
  const transaction = store.db.transaction(async (c) => {
    await lockLatestCase(c, household);
    locked();
    const last = await released;
    await last?.(c);
  });
  await Promise.race([isLocked, transaction]);
  return {
    release: async (last) => {
      finish(last);
      await transaction;
    },
  };
}

/**
 * The first household (by id) with a flagged case.
 * @example const household = await flaggedHousehold(store);
 */
export async function flaggedHousehold(store: Store): Promise<string> {
  const [open] = await store.db.all(
    "SELECT household_id FROM cases WHERE status = 'flagged' ORDER BY household_id LIMIT 1",
  );
  if (!open) throw new Error('no flagged case in the store');
  return String(open.household_id);
}
