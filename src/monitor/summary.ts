import { CASE_STATUSES } from './case-status.js';
import { rowsOf } from './sql.js';
import type { Store } from './store.js';

/** Counts of what a store holds. `observations` counts household-waves (not versions). */
export interface StoreSummary {
  readonly households: number;
  readonly waves: number;
  readonly observations: number;
  /** Alerts whose case is still open (flagged, verified or monitored). */
  readonly alerts_open: number;
  readonly cases_by_status: Readonly<Record<string, number>>;
}

/**
 * What `povrisk monitor summary --json` prints.
 * @example await summary(store) // { households: 676, waves: 3, observations: 2028, … }
 */
export async function summary(store: Store): Promise<StoreSummary> {
  const [r] = await rowsOf(
    store.connection,
    `SELECT (SELECT count(*) FROM households) AS households, (SELECT count(*) FROM waves) AS waves,
       (SELECT count(*) FROM (SELECT DISTINCT household_id, wave FROM observations)) AS observations,
       (SELECT count(*) FROM alerts a JOIN cases k ON k.case_id = a.case_id
         WHERE k.status IN ('flagged', 'verified', 'monitored')) AS alerts_open`,
  );
  const byStatus = await rowsOf(
    store.connection,
    'SELECT status, count(*) AS n FROM cases GROUP BY status',
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
