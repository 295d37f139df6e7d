import { CASE_STATUSES } from './case-status.js';
import type { AreaFilter } from './list-alerts.js';
import { rowsOf, sqlString } from './sql.js';
import type { Store } from './store.js';
import type { StoreSummary } from '../domain/monitor-answers.js';

export type { StoreSummary } from '../domain/monitor-answers.js';

/**
 * What `povrisk monitor summary --json` prints: over the whole store, or over the households
 * of one area (waves are counted for the whole store either way).
 * @example await summary(store) // { households: 676, waves: 3, observations: 2028, … }
 * @example await summary(store, { village: 'V01' }) // the same counts for one village
 */
export async function summary(store: Store, area: AreaFilter = {}): Promise<StoreSummary> {
  const conditions = (['county', 'township', 'village'] as const).flatMap((level) =>
    area[level] === undefined ? [] : [`ar.${level} = ${sqlString(area[level])}`],
  );
  // Every household, or those of the area; each count below is over these.
  const hh =
    conditions.length === 0
      ? 'SELECT household_id FROM households'
      : `SELECT h.household_id FROM households h JOIN areas ar ON ar.area_id = h.area_id
         WHERE ${conditions.join(' AND ')}`;
  const [r] = await rowsOf(
    store.db,
    `WITH hh AS (${hh})
     SELECT (SELECT count(*) FROM hh) AS households, (SELECT count(*) FROM waves) AS waves,
       (SELECT count(*) FROM (SELECT DISTINCT o.household_id, o.wave FROM observations o
         WHERE o.household_id IN (SELECT household_id FROM hh)) d) AS observations,
       (SELECT count(*) FROM alerts a JOIN cases k ON k.case_id = a.case_id
         WHERE a.household_id IN (SELECT household_id FROM hh)
           AND k.status IN ('flagged', 'verified', 'monitored')) AS alerts_open`,
  );
  const byStatus = await rowsOf(
    store.db,
    `WITH hh AS (${hh}) SELECT status, count(*) AS n FROM cases k
       WHERE k.household_id IN (SELECT household_id FROM hh) GROUP BY status`,
  );
  const cases: Record<string, number> = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0]));
  for (const row of byStatus) cases[String(row.status)] = Number(row.n);
  return Object.freeze({
    households: Number(r.households),
    waves: Number(r.waves),
    observations: Number(r.observations),
    alerts_open: Number(r.alerts_open),
    cases_by_status: Object.freeze(cases),
  });
}
