import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { ACTIVE_STATUSES } from './case-status.js';
import { latestCase } from './cases.js';
import { logEvent } from './events.js';
import { rowsOf, sqlString, sqlValue } from './sql.js';
import { inTransaction, type Store } from './store.js';
import { stepDate } from './date-bounds.js';

/** Types of assistance measure (帮扶措施). */
export const MEASURE_TYPES = Object.freeze([
  'industry',
  'employment',
  'microfinance',
  'public_welfare_job',
  'health',
  'education',
  'social_assistance',
  'relocation',
] as const);
export type MeasureType = (typeof MEASURE_TYPES)[number];

/** A measure to record: type, date (YYYY-MM-DD), and optionally an amount (CNY) and a note. */
export interface MeasureInput {
  readonly type: string;
  readonly date: string;
  readonly amount?: number | undefined;
  readonly note?: string | undefined;
}

/**
 * Records an assistance measure on a household's open case (logged). Types accept `-` for
 * `_` (`public-welfare-job`). The date may not lie after tomorrow nor before the case was
 * opened; the row keeps the server's `recorded_at` beside it.
 * @example await addMeasure(store, 'H000123', { type: 'employment', date: '2021-08-01', amount: 3000 })
 */
export async function addMeasure(
  store: Store,
  householdId: string,
  input: MeasureInput,
): Promise<Record<string, unknown>> {
  const type = input.type.trim().toLowerCase().replaceAll('-', '_');
  if (!(MEASURE_TYPES as readonly string[]).includes(type)) {
    throw new UserError(
      messages.badOption('--type', input.type, `one of ${MEASURE_TYPES.join(', ')}`),
    );
  }
  stepDate('--date', input.date);
  if (input.amount !== undefined && !(Number.isFinite(input.amount) && input.amount >= 0)) {
    throw new UserError(messages.badOption('--amount', String(input.amount), 'must be at least 0'));
  }
  return inTransaction(store, async (c) => {
    const k = await latestCase(store, householdId);
    if (!ACTIVE_STATUSES.includes(k.status))
      throw new UserError(messages.caseClosed(householdId, k.status));
    const date = stepDate('--date', input.date, {
      notBefore: k.opened_on,
      what: 'the opening of the case',
    });
    const id = Number((await c.runAndReadAll("SELECT nextval('measure_seq')")).getRows()[0][0]);
    await c.run(
      `INSERT INTO measures VALUES (${id}, ${k.case_id}, ${sqlString(householdId)}, ${sqlString(type)},
         DATE ${sqlString(date)}, ${sqlValue(input.amount)}, ${sqlValue(input.note ?? null)},
         ${sqlString(store.user)}, current_localtimestamp())`,
    );
    const row = (
      await rowsOf(
        c,
        `SELECT measure_id, case_id, household_id, type, CAST(measure_date AS VARCHAR) AS date, amount, note
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
