import { UserError } from '../errors.js';
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
export async function latestCase(
  store: Pick<Store, 'connection'>,
  householdId: string,
): Promise<CaseRow> {
  const rows = await rowsOf(
    store.connection,
    `SELECT ${CASE_COLUMNS} FROM cases WHERE household_id = ${sqlString(householdId)} ORDER BY case_id DESC LIMIT 1`,
  );
  if (rows.length === 0) throw new UserError(messages.unknownCase(householdId));
  return Object.freeze(rows[0]) as unknown as CaseRow;
}
