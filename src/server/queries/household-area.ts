import { rowsOf, sqlString } from '../../monitor/sql.js';
import type { Store } from '../../monitor/store.js';
import type { HouseholdArea } from '../../domain/household-detail.js';
import { scopeSql, type Scope } from '../scope.js';

export type { HouseholdArea } from '../../domain/household-detail.js';

/**
 * The household's area when it lies inside the scope; null when it does not exist or lies
 * outside (the caller answers 404 either way, so existence does not leak).
 * @example await householdInScope(store, scope, 'H00001') // { village: 'V01', … } or null
 */
export async function householdInScope(
  store: Pick<Store, 'db'>,
  scope: Scope,
  householdId: string,
): Promise<HouseholdArea | null> {
  const rows = await rowsOf(
    store.db,
    `SELECT h.household_id, h.area_id, ar.county, ar.township, ar.village, h.first_wave
     FROM households h JOIN areas ar ON ar.area_id = h.area_id
     WHERE h.household_id = ${sqlString(householdId)} AND ${scopeSql(scope)} LIMIT 1`,
  );
  return rows.length === 0 ? null : (Object.freeze(rows[0]) as unknown as HouseholdArea);
}
