import { firstNumber } from './db.js';
import { MEASURE_TYPES, TRANSITION_MONTHS } from '../domain/measure-types.js';
import { OptionError, optionError, UserError } from '../errors.js';
import { messages } from '../messages.js';
import { ACTIVE_STATUSES } from './case-status.js';
import { lockLatestCase } from './latest-case.js';
import { logEvent } from './events.js';
import { rowsOf, sqlString, sqlValue } from './sql.js';
import { inTransaction, type Store } from './store.js';
import { stepDate } from './date-bounds.js';
import { parseDate } from './wave-info.js';

export { MEASURE_TYPES, type MeasureType } from '../domain/measure-types.js';

/**
 * A measure to record: type, date (YYYY-MM-DD), and optionally its end date, an amount (CNY)
 * and a note.
 */
export interface MeasureInput {
  readonly type: string;
  readonly date: string;
  readonly end_date?: string | undefined;
  readonly amount?: number | undefined;
  readonly note?: string | undefined;
}

/** Options of `addMeasure`. Default `transitionMonths`: `TRANSITION_MONTHS` (12). */
export interface MeasureOptions {
  readonly transitionMonths?: number;
}

/**
 * Records an assistance measure on a household's open case (logged), or on a case whose
 * risk was eliminated, dated within the transition period after the elimination (assistance
 * continues for a while rather than stopping at once). Types accept `-` for `_`
 * (`public-welfare-job`). The date may not lie after tomorrow nor before the case was opened
 * (its end date, a plan, may lie ahead); the row keeps the server's `recorded_at` beside it.
 * @example await addMeasure(store, 'H000123', { type: 'employment', date: '2021-08-01', amount: 3000 })
 */
export async function addMeasure(
  store: Store,
  householdId: string,
  input: MeasureInput,
  options: MeasureOptions = {},
): Promise<Record<string, unknown>> {
  const months = options.transitionMonths ?? TRANSITION_MONTHS;
  const type = input.type.trim().toLowerCase().replaceAll('-', '_');
  if (!(MEASURE_TYPES as readonly string[]).includes(type)) {
    throw optionError.bad('type', input.type, `one of ${MEASURE_TYPES.join(', ')}`);
  }
  const date = stepDate('date', input.date);
  const end = input.end_date === undefined ? null : parseDate('endDate', input.end_date);
  if (end !== null && end < date)
    throw new OptionError((name) => messages.procedure.endBeforeStart(name('endDate'), date, end));
  if (input.amount !== undefined && !(Number.isFinite(input.amount) && input.amount >= 0)) {
    throw optionError.bad('amount', String(input.amount), 'must be at least 0');
  }
  return inTransaction(store, async (c) => {
    const k = await lockLatestCase(c, householdId);
    if (k.status === 'risk eliminated' && k.closed_on !== null) {
      const until = String(
        (
          await rowsOf(
            c,
            `SELECT CAST(CAST(DATE ${sqlString(k.closed_on)} + INTERVAL ${months} MONTH AS DATE) AS VARCHAR) AS d`,
          )
        )[0].d,
      );
      if (date < k.closed_on || date > until)
        throw new UserError(messages.procedure.transitionOver(householdId, k.closed_on, until));
    } else if (!ACTIVE_STATUSES.includes(k.status))
      throw new UserError(messages.caseClosed(householdId, k.status));
    stepDate('date', date, { notBefore: k.opened_on, what: 'the opening of the case' });
    const id = await firstNumber(c, "SELECT nextval('measure_seq')");
    await c.run(
      `INSERT INTO measures VALUES (${id}, ${k.case_id}, ${sqlString(householdId)}, ${sqlString(type)},
         DATE ${sqlString(date)}, ${sqlValue(input.amount)}, ${sqlValue(input.note ?? null)},
         ${sqlString(store.user)}, current_localtimestamp(), ${end === null ? 'NULL' : `DATE ${sqlString(end)}`})`,
    );
    const row = (
      await rowsOf(
        c,
        `SELECT measure_id, case_id, household_id, type, CAST(measure_date AS VARCHAR) AS date,
           CAST(end_date AS VARCHAR) AS end_date, amount, note
         FROM measures WHERE measure_id = ${id}`,
      )
    )[0];
    await logEvent(c, store.user, { action: 'add', entity: 'measure', entityId: id, after: row });
    await logEvent(c, store.user, {
      action: 'measure',
      entity: 'case',
      entityId: k.case_id,
      after: row,
    });
    return Object.freeze(row);
  });
}
