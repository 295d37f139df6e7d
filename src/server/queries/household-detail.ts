import { currentObservationsSql } from '../../monitor/dialect.js';
import { TRANSITIONS } from '../../monitor/case-status.js';
import { caseOf } from '../../monitor/cases.js';
import type { DriverMeasures } from '../../monitor/driver-measures.js';
import { householdDrivers } from '../../monitor/household-drivers.js';
import { householdProfile } from '../../monitor/household-profile.js';
import { lineForYear } from '../../monitor/rules.js';
import { monitoringLines } from '../../monitor/run.js';
import { rowsOf, sqlString } from '../../monitor/sql.js';
import type { Store } from '../../monitor/store.js';
import type { HouseholdArea } from './household-area.js';
import type { HouseholdDetail } from '../../domain/household-detail.js';

export type { HouseholdDetail } from '../../domain/household-detail.js';

/**
 * A household's observations, scores, alerts and case, for a household already checked to
 * be in the reader's scope. The case part is the monitor's `caseOf`.
 * @example await householdDetail(store, area) // { observations: [...], case: { status: 'flagged' }, … }
 */
export async function householdDetail(
  store: Store,
  household: HouseholdArea,
  options: { mapping?: DriverMeasures | undefined } = {},
): Promise<HouseholdDetail> {
  const h = sqlString(household.household_id);
  const observations = await rowsOf(
    store.db,
    `SELECT o.*, CAST(w.wave_date AS VARCHAR) AS wave_date
     FROM ${currentObservationsSql(store.db.dialect, `household_id = ${h}`, 'wave')} o
     JOIN waves w ON w.wave = o.wave ORDER BY w.seq`,
  );
  const scores = await rowsOf(
    store.db,
    store.db.dialect === 'duckdb'
      ? `SELECT s.wave, s.model_id, s.mu, s.sigma, s.vulnerability FROM (SELECT * FROM risk_scores
       WHERE household_id = ${h} QUALIFY model_id = max(model_id) OVER (PARTITION BY wave)) s
     JOIN waves w ON w.wave = s.wave ORDER BY w.seq`
      : `SELECT s.wave, s.model_id, s.mu, s.sigma, s.vulnerability FROM risk_scores s
     JOIN (SELECT wave, max(model_id) AS newest FROM risk_scores WHERE household_id = ${h}
       GROUP BY wave) m ON m.wave = s.wave AND m.newest = s.model_id
     JOIN waves w ON w.wave = s.wave WHERE s.household_id = ${h} ORDER BY w.seq`,
  );
  const alerts = await rowsOf(
    store.db,
    `SELECT a.alert_id, a.case_id, a.wave, a.rule, a.category, a.reason, a.reason_zh,
       a.vulnerability, a.per_capita_income, CAST(a.raised_at AS VARCHAR) AS raised_at
     FROM alerts a JOIN waves w ON w.wave = a.wave WHERE a.household_id = ${h}
     ORDER BY w.seq, a.alert_id`,
  );
  const hasCase = await rowsOf(store.db, `SELECT 1 FROM cases WHERE household_id = ${h} LIMIT 1`);
  const file = hasCase.length > 0 ? await caseOf(store, household.household_id) : null;
  const table = await monitoringLines(store.db);
  const years = await rowsOf(
    store.db,
    `SELECT w.wave, w.year FROM waves w WHERE EXISTS (SELECT 1 FROM observations o
       WHERE o.wave = w.wave AND o.household_id = ${h}) ORDER BY w.seq`,
  );
  const monitoring = years.map((r) => {
    const year = r.year === null ? null : Number(r.year);
    return { wave: String(r.wave), year, line: lineOrNull(table, year) };
  });
  // The rows as the store returns them: the columns HouseholdDetail names.
  type Rows<K extends keyof HouseholdDetail> = HouseholdDetail[K];
  return Object.freeze({
    household,
    observations: observations as unknown as Rows<'observations'>,
    scores: scores as unknown as Rows<'scores'>,
    alerts: alerts as unknown as Rows<'alerts'>,
    case: file?.case ?? null,
    measures: (file?.measures ?? []) as unknown as Rows<'measures'>,
    history: file?.history ?? [],
    steps: file?.steps ?? [],
    next_statuses: file ? TRANSITIONS[file.case.status] : [],
    profile: await householdProfile(store, household.household_id),
    drivers: await householdDrivers(store, household.household_id, options),
    lines: { monitoring },
  });
}

function lineOrNull(table: Record<string, number>, year: number | null): number | null {
  return Object.keys(table).length === 0 ? null : lineForYear(table, year);
}
