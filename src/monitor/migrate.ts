import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { MIGRATIONS } from './migrations/index.js';
import type { Migration } from './migrations/migration.js';

/**
 * Brings a database to the newest schema: creates `schema_version` if needed, then applies
 * each pending migration in its own transaction (all of it, or none of it). A database
 * written by a newer povrisk is refused. Returns the versions applied.
 * @example await migrate(connection) // [1] on a new file, [] after
 */
export async function migrate(
  connection: DuckDBConnection,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  await connection.run(
    `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,
       name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)`,
  );
  const current = Number(
    (
      await connection.runAndReadAll('SELECT coalesce(max(version), 0) FROM schema_version')
    ).getRows()[0][0],
  );
  const newest = migrations.reduce((m, x) => Math.max(m, x.version), 0);
  if (current > newest) throw new UserError(messages.schemaTooNew(current, newest));
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    await connection.run('BEGIN TRANSACTION');
    try {
      for (const sql of m.statements) await connection.run(sql);
      await connection.run(
        `INSERT INTO schema_version VALUES (${m.version}, '${m.name.replaceAll("'", "''")}', now())`,
      );
      await connection.run('COMMIT');
    } catch (e) {
      await connection.run('ROLLBACK');
      throw e;
    }
    applied.push(m.version);
  }
  return applied;
}
