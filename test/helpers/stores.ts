import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, PG_SERVER_URL } from './postgres.js';

/** A fresh, empty store target for one test: a DuckDB file or a PostgreSQL database URL. */
export interface StoreTarget {
  /** What `openStore` and `--db` take. */
  readonly target: string;
  /** Removes the file or drops the database. */
  drop(): Promise<void>;
}

/** One backend the store tests run on. */
export interface TestBackend {
  readonly name: 'duckdb' | 'postgres';
  /** True when the backend is unavailable (PostgreSQL without POVRISK_TEST_PG). */
  readonly skip: boolean;
  make(): Promise<StoreTarget>;
}

/**
 * The two backends, for `describe.each(BACKENDS)('$name', …)`: DuckDB always; PostgreSQL
 * when POVRISK_TEST_PG names a server (one fresh database per `make()`).
 */
export const BACKENDS: readonly TestBackend[] = [
  {
    name: 'duckdb',
    skip: false,
    async make() {
      const dir = mkdtempSync(join(tmpdir(), 'povrisk-store-'));
      return {
        target: join(dir, `${randomBytes(4).toString('hex')}.duckdb`),
        drop: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'postgres',
    skip: !PG_SERVER_URL,
    async make() {
      const db = await createTestDatabase();
      return { target: db.url, drop: db.drop };
    },
  },
];
