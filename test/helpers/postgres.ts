import pg from 'pg';
import { randomBytes } from 'node:crypto';

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
