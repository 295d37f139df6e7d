import type { Db } from './db.js';
import { ConflictError, UserError } from '../errors.js';
import { messages } from '../messages.js';
import { rowsOf, sqlString } from './sql.js';
import type { Store } from './store.js';
import type { CaseRow } from '../domain/household-detail.js';

export type { CaseRow } from '../domain/household-detail.js';

const CASE_COLUMNS = `case_id, household_id, status, category, opened_wave,
  CAST(opened_on AS VARCHAR) AS opened_on, CAST(status_on AS VARCHAR) AS status_on,
  CAST(monitored_since AS VARCHAR) AS monitored_since, CAST(closed_on AS VARCHAR) AS closed_on, reason,
  responsible, found_by`;

/**
 * The household's latest case (a household may have several over time, one open at most).
 * @example await latestCase(store, 'H000123')
 */
export async function latestCase(store: Pick<Store, 'db'>, householdId: string): Promise<CaseRow> {
  const rows = await rowsOf(
    store.db,
    `SELECT ${CASE_COLUMNS} FROM cases WHERE household_id = ${sqlString(householdId)} ORDER BY case_id DESC LIMIT 1`,
  );
  if (rows.length === 0) throw new UserError(messages.unknownCase(householdId));
  return Object.freeze(rows[0]) as unknown as CaseRow;
}

/**
 * The household's latest case, locked for the caller's transaction: on PostgreSQL the row is
 * taken with FOR UPDATE NOWAIT, so that of two users changing one case at once the second
 * gets a `ConflictError` (and, after the first commits, sees its change). DuckDB serialises
 * its writers itself.
 * @example await inTransaction(store, async (c) => { const k = await lockLatestCase(c, 'H00001'); … })
 */
export async function lockLatestCase(c: Db, householdId: string): Promise<CaseRow> {
  const k = await latestCase({ db: c }, householdId);
  if (c.dialect !== 'postgres') return k;
  try {
    await c.run(`SELECT case_id FROM cases WHERE case_id = ${Number(k.case_id)} FOR UPDATE NOWAIT`);
  } catch (e) {
    if ((e as { code?: string }).code === '55P03')
      throw new ConflictError(messages.caseBusy(householdId));
    throw e;
  }
  return latestCase({ db: c }, householdId);
}
