import { currentObservationsSql } from './dialect.js';
import type { Db } from './db.js';
import { messages } from '../messages.js';
import { MIN_MONITORED_MONTHS } from './case-status.js';
import { lineForYear } from './rules.js';
import { monitoringLines } from './run.js';
import { rowsOf, sqlString } from './sql.js';

/** Flags of the guarantees, 1 = not secure: education, medical care, housing, water. */
export const GUARANTEE_FLAGS = Object.freeze([
  'school_dropout',
  'no_medical_insurance',
  'unsafe_housing',
  'unsafe_water',
] as const);

/** The case facts the elimination conditions need. */
export interface CaseFacts {
  readonly case_id: number;
  readonly household_id: string;
  readonly monitored_since: string | null;
}

/**
 * Checks the conditions for marking a household's risk eliminated on `date` and returns
 * every failing one (empty when all hold):
 * 1. monitored for at least six months, both by the dates given (monitored_since + 6 months ≤
 *    date) and by the dates recorded (the server's day of the last move to monitored — a
 *    county approval step or, in stores from before the procedure, a status change — from
 *    the event log, + 6 months ≤ the server's today), so back-dating cannot shorten the period;
 * 2. at least one assistance measure recorded on the case;
 * 3. per-capita income above the monitoring line of the wave's year in each of the store's
 *    last two waves (a wave without an observation of the household fails);
 * 4. at least one member able to work in the latest observation (households without labour
 *    are never eliminated automatically);
 * 5. the guarantees secure in the latest observation (两不愁三保障 and 饮水安全): compulsory
 *    education (`school_dropout` = 0), basic medical care (`no_medical_insurance` = 0), safe
 *    housing (`unsafe_housing` = 0) and safe drinking water (`unsafe_water` = 0); a flag that is
 *    1 fails as "not secure", a flag not recorded fails as "not recorded".
 * @example await eliminationFailures(c, facts, '2022-12-31') // ['no assistance measure recorded']
 */
export async function eliminationFailures(
  c: Db,
  facts: CaseFacts,
  date: string,
): Promise<string[]> {
  const failed: string[] = [];
  const conditions = messages.eliminationConditions;
  const h = sqlString(facts.household_id);
  const since = facts.monitored_since;
  const longEnough =
    since !== null &&
    Boolean(
      (
        await rowsOf(
          c,
          `SELECT DATE ${sqlString(since)} + INTERVAL '${MIN_MONITORED_MONTHS} months' <= DATE ${sqlString(date)} AS ok`,
        )
      )[0].ok,
    );
  if (!longEnough) failed.push(conditions.monitoredMonths(since, date, MIN_MONITORED_MONTHS));
  else {
    const [rec] = await rowsOf(
      c,
      `SELECT CAST(max(recorded_at) AS DATE)::VARCHAR AS recorded,
         CAST(current_localtimestamp() AS DATE)::VARCHAR AS today,
         CAST(max(recorded_at) AS DATE) + INTERVAL '${MIN_MONITORED_MONTHS} months'
           <= CAST(current_localtimestamp() AS DATE) AS ok
       FROM events WHERE entity = 'case' AND entity_id = ${sqlString(String(facts.case_id))}
         AND action IN ('status', 'step')
         AND (after->>'status') = 'monitored'`,
    );
    if (rec.ok !== true) {
      failed.push(
        conditions.monitoredRecorded(
          rec.recorded === null ? null : String(rec.recorded),
          String(rec.today),
          MIN_MONITORED_MONTHS,
        ),
      );
    }
  }
  const measures = await rowsOf(
    c,
    `SELECT count(*) AS n FROM measures WHERE case_id = ${facts.case_id}`,
  );
  if (Number(measures[0].n) === 0) failed.push(conditions.noMeasure());
  const lines = await monitoringLines(c);
  const lastTwo = await rowsOf(
    c,
    `SELECT w.wave, w.year, o.per_capita_income AS income FROM (SELECT * FROM waves ORDER BY seq DESC LIMIT 2) w
     LEFT JOIN ${currentObservationsSql(c.dialect, `household_id = ${h}`, 'wave')} o ON o.wave = w.wave
     ORDER BY w.seq`,
  );
  const details: string[] = [];
  let incomeOk = lastTwo.length === 2;
  if (lastTwo.length < 2) details.push('fewer than two waves imported');
  for (const w of lastTwo) {
    const line = lineForYear(lines, w.year === null ? null : Number(w.year));
    const income = w.income === null ? null : Number(w.income);
    if (income === null || !(income > line)) {
      incomeOk = false;
      details.push(
        `wave ${w.wave}: ${income === null ? 'no income recorded' : `${Math.round(income)} ≤ ${line}`}`,
      );
    }
  }
  if (!incomeOk) failed.push(conditions.incomeWaves(details.join(', ')));
  const latest = await rowsOf(
    c,
    `SELECT o.wave, o.able_to_work, ${GUARANTEE_FLAGS.join(', ')} FROM observations o
     JOIN waves w ON w.wave = o.wave
     WHERE o.household_id = ${h} ORDER BY w.seq DESC, o.version DESC LIMIT 1`,
  );
  if (!(latest.length > 0 && Number(latest[0].able_to_work) > 0))
    failed.push(conditions.noLabour());
  if (latest.length > 0) {
    for (const flag of GUARANTEE_FLAGS) {
      const value = latest[0][flag];
      if (value === null || Number(value) !== 0) {
        const state = value === null ? 'unknown' : 'unsafe';
        failed.push(conditions.guarantee(messages.guarantees[flag], String(latest[0].wave), state));
      }
    }
  }
  return failed;
}
