import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { ACTIVE_STATUSES, CASE_STATUSES, TRANSITIONS, type CaseStatus } from './case-status.js';
import { eliminationFailures } from './elimination.js';
import { listEvents, logEvent, type MonitorEvent } from './events.js';
import { caseSteps, recordStep, type StepRow } from './procedure.js';
import { rowsOf, sqlString } from './sql.js';
import { inTransaction, type Store } from './store.js';
import { stepDate } from './date-bounds.js';
import { today } from './wave-info.js';

/** A case as stored. Dates are YYYY-MM-DD. */
export interface CaseRow {
  readonly case_id: number;
  readonly household_id: string;
  readonly status: CaseStatus;
  readonly category: string;
  readonly opened_wave: string;
  readonly opened_on: string;
  readonly status_on: string;
  readonly monitored_since: string | null;
  readonly closed_on: string | null;
  readonly reason: string | null;
  /** The responsible cadre (帮扶责任人): a dashboard user name, or null before assignment. */
  readonly responsible: string | null;
  /** How the case was found: self_report, cadre_visit, department_data or model_alert. */
  readonly found_by: string | null;
}

/** A household's latest case with its alerts, measures, income by wave and history. */
export interface CaseFile {
  readonly case: CaseRow;
  readonly alerts: readonly Record<string, unknown>[];
  readonly measures: readonly Record<string, unknown>[];
  readonly waves: readonly Record<string, unknown>[];
  /** The procedure's recorded steps, in order. */
  readonly steps: readonly StepRow[];
  readonly history: readonly MonitorEvent[];
}

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

/**
 * Everything about a household's latest case: the case, its alerts, its measures, the
 * household's income and labour by wave, and the case's event history.
 * @example (await caseOf(store, 'H000123')).case.status // 'flagged'
 */
export async function caseOf(store: Store, householdId: string): Promise<CaseFile> {
  const k = await latestCase(store, householdId);
  const h = sqlString(householdId);
  const alerts = await rowsOf(
    store.connection,
    `SELECT alert_id, wave, rule, category, reason, reason_zh, vulnerability, per_capita_income
     FROM alerts WHERE case_id = ${k.case_id} ORDER BY alert_id`,
  );
  const measures = await rowsOf(
    store.connection,
    `SELECT measure_id, type, CAST(measure_date AS VARCHAR) AS date,
       CAST(end_date AS VARCHAR) AS end_date, amount, note, user_name
     FROM measures WHERE case_id = ${k.case_id} ORDER BY measure_date, measure_id`,
  );
  const waves = await rowsOf(
    store.connection,
    `SELECT o.wave, CAST(w.wave_date AS VARCHAR) AS date, o.version, o.per_capita_income, o.able_to_work,
       o.registered_poor, o.medical_expenditure, o.schooling_expenditure, o.disaster_loss,
       o.school_dropout, o.no_medical_insurance, o.unsafe_housing, o.unsafe_water
     FROM (SELECT * FROM observations WHERE household_id = ${h}
       QUALIFY version = max(version) OVER (PARTITION BY wave)) o
     JOIN waves w ON w.wave = o.wave ORDER BY w.seq`,
  );
  const steps = await caseSteps(store.connection, k.case_id);
  const history = await listEvents(store, { entity: 'case', entityId: String(k.case_id) });
  return Object.freeze({ case: k, alerts, measures, waves, steps, history });
}

/**
 * Options of `setStatus`. Defaults: `date` today; `reason` none (required to dismiss). The
 * date may not lie after tomorrow nor before the case's last change; the event log records
 * the server's own time of the change beside it.
 */
export interface StatusOptions {
  readonly reason?: string | undefined;
  readonly date?: string | undefined;
}

/**
 * Moves a household's open case to `status` on `date` (see `TRANSITIONS`), logging the
 * change. `verified` records the home verification step and `monitored` the county's
 * approval (`recordStep`, so the procedure's order holds and a refusal names the missing
 * step). Dismissing needs a reason; marking the risk eliminated is refused, naming every
 * failing condition, unless `eliminationFailures` finds none.
 * @example await setStatus(store, 'H000123', 'verified', { date: '2021-07-15' })
 */
export async function setStatus(
  store: Store,
  householdId: string,
  status: string,
  options: StatusOptions = {},
): Promise<CaseRow> {
  if (!(CASE_STATUSES as readonly string[]).includes(status)) {
    throw new UserError(messages.badOption('STATUS', status, `one of ${CASE_STATUSES.join(', ')}`));
  }
  const to = status as CaseStatus;
  // Bounds first (no later than tomorrow), so a refusal never depends on the case's state.
  const date = stepDate('--date', options.date ?? today());
  if (to === 'verified' || to === 'monitored') {
    const k = await latestCase(store, householdId);
    if (!TRANSITIONS[k.status].includes(to))
      throw new UserError(messages.badTransition(householdId, k.status, to, TRANSITIONS[k.status]));
    const step = to === 'verified' ? 'verification' : 'county_approval';
    await recordStep(store, householdId, step, { date, note: options.reason });
    return latestCase(store, householdId);
  }
  return inTransaction(store, async (c) => {
    const k = await latestCase(store, householdId);
    const allowed = TRANSITIONS[k.status];
    if (!allowed.includes(to))
      throw new UserError(messages.badTransition(householdId, k.status, to, allowed));
    stepDate('--date', date, { notBefore: k.status_on, what: "the case's last change" });
    const reason = options.reason?.trim() || null;
    if (to === 'dismissed' && reason === null) throw new UserError(messages.dismissNeedsReason());
    if (to === 'risk eliminated') {
      const failed = await eliminationFailures(c, k, date);
      if (failed.length > 0) throw new UserError(messages.eliminationRefused(householdId, failed));
    }
    const d = `DATE ${sqlString(date)}`;
    const closing = !ACTIVE_STATUSES.includes(to);
    await c.run(
      `UPDATE cases SET status = ${sqlString(to)}, status_on = ${d},
         closed_on = ${closing ? d : 'closed_on'},
         reason = ${reason === null ? 'reason' : sqlString(reason)}, updated_at = current_localtimestamp()
       WHERE case_id = ${k.case_id}`,
    );
    const after = await latestCase({ connection: c }, householdId);
    await logEvent(c, store.user, {
      action: 'status',
      entity: 'case',
      entityId: k.case_id,
      before: k,
      after,
    });
    return after;
  });
}
