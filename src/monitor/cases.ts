import { currentObservationsSql } from './dialect.js';
import { OptionError, optionError, UserError } from '../errors.js';
export { latestCase, type CaseRow } from './latest-case.js';
import { messages } from '../messages.js';
import { ACTIVE_STATUSES, CASE_STATUSES, TRANSITIONS, type CaseStatus } from './case-status.js';
import { eliminationFailures } from './elimination.js';
import { listEvents, logEvent, type MonitorEvent } from './events.js';
import { latestCase, lockLatestCase, type CaseRow } from './latest-case.js';
import { caseSteps, recordStep, type StepRow } from './procedure.js';
import { rowsOf, sqlString } from './sql.js';
import { inTransaction, type Store } from './store.js';
import { stepDate } from './date-bounds.js';
import { today } from './wave-info.js';

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

/**
 * Everything about a household's latest case: the case, its alerts, its measures, the
 * household's income and labour by wave, and the case's event history.
 * @example (await caseOf(store, 'H000123')).case.status // 'flagged'
 */
export async function caseOf(store: Store, householdId: string): Promise<CaseFile> {
  const k = await latestCase(store, householdId);
  const h = sqlString(householdId);
  const alerts = await rowsOf(
    store.db,
    `SELECT alert_id, wave, rule, category, reason, reason_zh, vulnerability, per_capita_income
     FROM alerts WHERE case_id = ${k.case_id} ORDER BY alert_id`,
  );
  const measures = await rowsOf(
    store.db,
    `SELECT measure_id, type, CAST(measure_date AS VARCHAR) AS date,
       CAST(end_date AS VARCHAR) AS end_date, amount, note, user_name
     FROM measures WHERE case_id = ${k.case_id} ORDER BY measure_date, measure_id`,
  );
  const waves = await rowsOf(
    store.db,
    `SELECT o.wave, CAST(w.wave_date AS VARCHAR) AS date, o.version, o.per_capita_income, o.able_to_work,
       o.registered_poor, o.medical_expenditure, o.schooling_expenditure, o.disaster_loss,
       o.school_dropout, o.no_medical_insurance, o.unsafe_housing, o.unsafe_water
     FROM ${currentObservationsSql(store.db.dialect, `household_id = ${h}`, 'wave')} o
     JOIN waves w ON w.wave = o.wave ORDER BY w.seq`,
  );
  const steps = await caseSteps(store.db, k.case_id);
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
    throw optionError.bad('status', status, `one of ${CASE_STATUSES.join(', ')}`);
  }
  const to = status as CaseStatus;
  // Bounds first (no later than tomorrow), so a refusal never depends on the case's state.
  const date = stepDate('date', options.date ?? today());
  if (to === 'verified' || to === 'monitored') {
    const k = await latestCase(store, householdId);
    if (!TRANSITIONS[k.status].includes(to))
      throw new UserError(messages.badTransition(householdId, k.status, to, TRANSITIONS[k.status]));
    const step = to === 'verified' ? 'verification' : 'county_approval';
    await recordStep(store, householdId, step, { date, note: options.reason });
    return latestCase(store, householdId);
  }
  return inTransaction(store, async (c) => {
    const k = await lockLatestCase(c, householdId);
    const allowed = TRANSITIONS[k.status];
    if (!allowed.includes(to))
      throw new UserError(messages.badTransition(householdId, k.status, to, allowed));
    stepDate('date', date, { notBefore: k.status_on, what: "the case's last change" });
    const reason = options.reason?.trim() || null;
    if (to === 'dismissed' && reason === null)
      throw new OptionError((name) => messages.dismissNeedsReason(name('reason')));
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
    const after = await latestCase({ db: c }, householdId);
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
