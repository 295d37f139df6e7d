import { test } from 'vitest';
import { PG_SERVER_URL } from '../helpers/postgres.js';

// The tests of monitoring.test.ts, on a PostgreSQL store (skipped without POVRISK_TEST_PG).
if (PG_SERVER_URL) {
  process.env.POVRISK_TEST_STORE = 'postgres';
  await import('./monitoring.test.js');
} else {
  test.skip('monitoring on PostgreSQL (POVRISK_TEST_PG is not set)', () => {});
}
