import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { firstNumber, type Db } from './db.js';
import { MIGRATIONS } from './migrations/index.js';
import { migrationStatements, type Migration } from './migrations/migration.js';

/** Key of the advisory lock that makes PostgreSQL migrations of several processes take turns. */
const MIGRATION_LOCK = 7_302_113;

/**
 * Brings a database to the newest schema: creates `schema_version` if needed, then applies
 * each pending migration in its own transaction (all of it, or none of it), in the
 * statements of the database's dialect. A database written by a newer povrisk is refused.
 * On PostgreSQL the migrations hold an advisory lock, so that servers started together
 * migrate once. Returns the versions applied.
 * @example await migrate(db) // [1, 2, 3, 4] on a new file, [] after
 */
export async function migrate(
  db: Db,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const newest = migrations.reduce((m, x) => Math.max(m, x.version), 0);
  const applied: number[] = [];
  const pending = async (c: Db) => {
    await c.run(
      `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,
         name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)`,
    );
    const current = await firstNumber(
      c,
      'SELECT coalesce(max(version), 0) AS v FROM schema_version',
    );
    if (current > newest) throw new UserError(messages.schemaTooNew(current, newest));
    return current;
  };
  const lock = async (c: Db) => {
    if (c.dialect === 'postgres') await c.run(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
  };
  await db.transaction(async (c) => {
    await lock(c);
    await pending(c);
  });
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    await db.transaction(async (c) => {
      await lock(c);
      if (m.version <= (await pending(c))) return;
      for (const sql of migrationStatements(m, db.dialect)) await c.run(sql);
      await c.run(
        `INSERT INTO schema_version VALUES (${m.version}, '${m.name.replaceAll("'", "''")}', now())`,
      );
      applied.push(m.version);
    });
  }
  return applied;
}
