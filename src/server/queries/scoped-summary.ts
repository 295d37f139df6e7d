import { CASE_STATUSES } from '../../monitor/case-status.js';
import { rowsOf } from '../../monitor/sql.js';
import type { Store } from '../../monitor/store.js';
import { summary, type StoreSummary } from '../../monitor/summary.js';
import { scopeSql, type Scope } from '../scope.js';

/**
 * `povrisk monitor summary` restricted to a scope: the monitor's own `summary` for admin,
 * the same counts over the scope's households otherwise.
 * @example await scopedSummary(store, scope) // { households: 25, waves: 3, … }
 */
export async function scopedSummary(store: Store, scope: Scope): Promise<StoreSummary> {
  if (scope.role === 'admin') return summary(store);
  const inScope = `SELECT h.household_id FROM households h JOIN areas ar ON ar.area_id = h.area_id
    WHERE ${scopeSql(scope)}`;
  const [r] = await rowsOf(
    store.connection,
    `WITH hh AS (${inScope})
     SELECT (SELECT count(*) FROM hh) AS households, (SELECT count(*) FROM waves) AS waves,
       (SELECT count(*) FROM (SELECT DISTINCT o.household_id, o.wave FROM observations o SEMI JOIN hh
         ON hh.household_id = o.household_id)) AS observations,
       (SELECT count(*) FROM alerts a JOIN cases k ON k.case_id = a.case_id SEMI JOIN hh
         ON hh.household_id = a.household_id
         WHERE k.status IN ('flagged', 'verified', 'monitored')) AS alerts_open`,
  );
  const byStatus = await rowsOf(
    store.connection,
    `WITH hh AS (${inScope}) SELECT status, count(*) AS n FROM cases k SEMI JOIN hh
       ON hh.household_id = k.household_id GROUP BY status`,
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
