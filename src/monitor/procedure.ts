import { firstNumber, type Db } from './db.js';
import {
  FOUND_BY,
  MIN_NOTICE_DAYS,
  NEGATIVE_RESULTS,
  PROCEDURE_STEPS,
  STEP_RESULTS,
  type ProcedureStep,
} from '../domain/procedure.js';
import { ACTIVE_STATUSES } from '../domain/statuses.js';
import { labelOf } from '../domain/labels.js';
import { OptionError, optionError, UserError } from '../errors.js';
import { messages } from '../messages.js';
import { latestCase, lockLatestCase, type CaseRow } from './latest-case.js';
import { logEvent } from './events.js';
import { rowsOf, sqlString, sqlValue } from './sql.js';
import { inTransaction, type Store } from './store.js';
import { stepDate } from './date-bounds.js';
import { parseDate, today } from './wave-info.js';
import type { StepRow } from '../domain/household-detail.js';

export type { StepRow } from '../domain/household-detail.js';

/** Options of `recordStep`. Defaults: `date` today; `result` the positive one (confirmed, approved, no_objection). */
export interface StepOptions {
  readonly date?: string | undefined;
  readonly result?: string | undefined;
  /** The public notice's last day (required for `public_notice`). */
  readonly noticeEnd?: string | undefined;
  readonly note?: string | undefined;
}

const en = (step: string) => labelOf('step', step, 'en');

/**
 * The recorded steps of a case, in procedure order.
 * @example await caseSteps(c, 3) // [{ step: 'found', result: 'model_alert', … }]
 */
export async function caseSteps(c: Db, caseId: number): Promise<StepRow[]> {
  const rows = await rowsOf(
    c,
    `SELECT step, CAST(step_date AS VARCHAR) AS date, result, CAST(end_date AS VARCHAR) AS end_date,
       note, user_name FROM case_steps WHERE case_id = ${caseId}`,
  );
  return rows
    .map((r) => Object.freeze(r) as unknown as StepRow)
    .sort((a, b) => PROCEDURE_STEPS.indexOf(a.step) - PROCEDURE_STEPS.indexOf(b.step));
}

/**
 * Records one step of a household's open case, in order: each step needs the one before it
 * (a refusal names the missing step), is recorded once, and is dated no earlier than the
 * step before it (the step after the public notice: no earlier than its last day) and no
 * later than tomorrow (`stepDate`; a notice's last day may lie ahead). The row keeps the
 * server's own `recorded_at` beside the date given. A
 * confirmed home verification makes the case `verified`; the county's approval makes it
 * `monitored` from that date; a negative result (not confirmed, rejected, objection)
 * dismisses the case with the step as the reason. Logged as the store's user.
 * @example await recordStep(store, 'H00001', 'public_notice', { date: '2021-07-20', noticeEnd: '2021-07-26' })
 */
export async function recordStep(
  store: Store,
  householdId: string,
  step: string,
  options: StepOptions = {},
): Promise<StepRow[]> {
  const s = step.trim().toLowerCase().replaceAll('-', '_') as ProcedureStep;
  const recordable: readonly ProcedureStep[] = PROCEDURE_STEPS.filter((x) => x !== 'found');
  if (!recordable.includes(s)) throw new UserError(messages.procedure.notAStep(step, recordable));
  const results = STEP_RESULTS[s];
  const result = (options.result ?? results[0]).trim().toLowerCase().replaceAll('-', '_');
  if (!results.includes(result)) {
    throw optionError.bad('result', result, `one of ${results.join(', ')}`);
  }
  const date = stepDate('date', options.date ?? today());
  let end: string | null = null;
  if (s === 'public_notice') {
    if (options.noticeEnd === undefined)
      throw new OptionError((name) => messages.procedure.noticeEndNeeded(name('noticeEnd')));
    end = parseDate('noticeEnd', options.noticeEnd);
    const days = (Date.parse(end) - Date.parse(date)) / 86_400_000 + 1;
    if (days < MIN_NOTICE_DAYS) {
      throw new OptionError((name) =>
        messages.procedure.noticeShort(days, MIN_NOTICE_DAYS, name('noticeEnd')),
      );
    }
  }
  return inTransaction(store, async (c) => {
    const k = await lockLatestCase(c, householdId);
    if (!ACTIVE_STATUSES.includes(k.status))
      throw new UserError(messages.caseClosed(householdId, k.status));
    const done = await caseSteps(c, k.case_id);
    const same = done.find((d) => d.step === s);
    if (same) throw new UserError(messages.procedure.stepDone(householdId, en(s), same.date));
    const index = PROCEDURE_STEPS.indexOf(s);
    const missing = PROCEDURE_STEPS.slice(0, index).find((p) => !done.some((d) => d.step === p));
    if (missing !== undefined) {
      throw new UserError(messages.procedure.missingStep(householdId, en(s), en(missing)));
    }
    const previous = done.find((d) => d.step === PROCEDURE_STEPS[index - 1]) as StepRow;
    const earliest = previous.end_date ?? previous.date;
    if (date < earliest) {
      throw new UserError(
        messages.procedure.stepBefore(householdId, en(s), date, en(previous.step), earliest),
      );
    }
    await c.run(
      `INSERT INTO case_steps VALUES (${k.case_id}, ${sqlString(s)}, DATE ${sqlString(date)},
         ${sqlString(result)}, ${end === null ? 'NULL' : `DATE ${sqlString(end)}`},
         ${sqlValue(options.note?.trim() || null)}, ${sqlString(store.user)}, current_localtimestamp())`,
    );
    const negative = NEGATIVE_RESULTS.includes(result);
    const to = negative
      ? 'dismissed'
      : s === 'verification'
        ? 'verified'
        : s === 'county_approval'
          ? 'monitored'
          : null;
    const on = end ?? date;
    if (to !== null)
      await moveCase(c, k, to, on, negative ? messages.procedure.negative(en(s), result) : null);
    await logEvent(c, store.user, {
      action: 'step',
      entity: 'case',
      entityId: k.case_id,
      before: { status: k.status },
      after: { step: s, date, result, end_date: end, status: to ?? k.status },
    });
    return caseSteps(c, k.case_id);
  });
}

async function moveCase(
  c: Db,
  k: CaseRow,
  to: 'verified' | 'monitored' | 'dismissed',
  date: string,
  reason: string | null,
): Promise<void> {
  const d = `DATE ${sqlString(date)}`;
  await c.run(
    `UPDATE cases SET status = ${sqlString(to)}, status_on = ${d},
       monitored_since = ${to === 'monitored' ? d : 'monitored_since'},
       closed_on = ${to === 'dismissed' ? d : 'closed_on'},
       reason = ${reason === null ? 'reason' : sqlString(reason)}, updated_at = current_localtimestamp()
     WHERE case_id = ${k.case_id}`,
  );
}

/** Options of `openCase`. Defaults: `date` today; `category` by registration (see below). */
export interface OpenCaseOptions {
  /** How the case was found: self_report, cadre_visit, department_data (or model_alert). */
  readonly foundBy: string;
  readonly date?: string | undefined;
  /**
   * Default: `unstable` for a household on the poverty register in its latest observation,
   * `marginal` otherwise.
   */
  readonly category?: string | undefined;
  readonly note?: string | undefined;
}

/**
 * Opens a case by hand, for a household found by its own report, a cadre's visit or
 * department data (the model's alerts open theirs in `runRules`): a `flagged` case with its
 * `found` step, dated no later than tomorrow. Refused when the household is unknown or already has an open case.
 * @example await openCase(store, 'H00007', { foundBy: 'self_report', date: '2021-09-02' })
 */
export async function openCase(
  store: Store,
  householdId: string,
  options: OpenCaseOptions,
): Promise<CaseRow> {
  const foundBy = options.foundBy.trim().toLowerCase().replaceAll('-', '_');
  if (!(FOUND_BY as readonly string[]).includes(foundBy)) {
    throw optionError.bad('foundBy', options.foundBy, `one of ${FOUND_BY.join(', ')}`);
  }
  const categories = ['unstable', 'marginal', 'sudden_hardship'];
  if (options.category !== undefined && !categories.includes(options.category)) {
    throw optionError.bad('category', options.category, `one of ${categories.join(', ')}`);
  }
  const date = stepDate('date', options.date ?? today());
  const h = sqlString(householdId);
  return inTransaction(store, async (c) => {
    const obs = await rowsOf(
      c,
      `SELECT o.wave, o.registered_poor FROM observations o JOIN waves w ON w.wave = o.wave
       WHERE o.household_id = ${h} ORDER BY w.seq DESC, o.version DESC LIMIT 1`,
    );
    if (obs.length === 0) throw new UserError(messages.procedure.unknownHousehold(householdId));
    const open = await rowsOf(
      c,
      `SELECT status FROM cases WHERE household_id = ${h}
       AND status IN (${ACTIVE_STATUSES.map(sqlString).join(', ')})`,
    );
    if (open.length > 0)
      throw new UserError(messages.procedure.caseOpen(householdId, String(open[0].status)));
    const category =
      options.category ?? (Number(obs[0].registered_poor) === 1 ? 'unstable' : 'marginal');
    const id = await firstNumber(c, "SELECT nextval('case_seq')");
    const d = `DATE ${sqlString(date)}`;
    await c.run(
      `INSERT INTO cases (case_id, household_id, status, category, opened_wave, opened_on,
         status_on, updated_at, found_by)
       VALUES (${id}, ${h}, 'flagged', ${sqlString(category)}, ${sqlString(String(obs[0].wave))},
         ${d}, ${d}, current_localtimestamp(), ${sqlString(foundBy)})`,
    );
    await c.run(
      `INSERT INTO case_steps VALUES (${id}, 'found', ${d}, ${sqlString(foundBy)}, NULL,
         ${sqlValue(options.note?.trim() || null)}, ${sqlString(store.user)}, current_localtimestamp())`,
    );
    const after = await latestCase({ db: c }, householdId);
    await logEvent(c, store.user, { action: 'open', entity: 'case', entityId: id, after });
    return after;
  });
}

/**
 * Makes a dashboard user the responsible cadre (帮扶责任人) of a household's latest case
 * (logged). The user must have an account.
 * @example await assignCadre(store, 'H00001', 'wang')
 */
export async function assignCadre(
  store: Store,
  householdId: string,
  username: string,
): Promise<CaseRow> {
  return inTransaction(store, async (c) => {
    const k = await lockLatestCase(c, householdId);
    const user = await rowsOf(c, `SELECT 1 FROM users WHERE username = ${sqlString(username)}`);
    if (user.length === 0) throw new UserError(messages.procedure.unknownUser(username));
    await c.run(
      `UPDATE cases SET responsible = ${sqlString(username)}, updated_at = current_localtimestamp()
       WHERE case_id = ${k.case_id}`,
    );
    const after = await latestCase({ db: c }, householdId);
    await logEvent(c, store.user, {
      action: 'assign',
      entity: 'case',
      entityId: k.case_id,
      before: { responsible: k.responsible },
      after: { responsible: username },
    });
    return after;
  });
}
