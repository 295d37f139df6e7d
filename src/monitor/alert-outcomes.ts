import type { AlertOutcome } from '../domain/dashboard-answers.js';
import type { Db } from './db.js';
import { rowsOf, sqlString } from './sql.js';

export type { AlertOutcome } from '../domain/dashboard-answers.js';

/**
 * How well last round's warning worked: for each rule that raised alerts in `previousWave`
 * (and `any alert`, the union), how many of its households are now below `line`, as
 * precision and recall against every household below the line now that was observed in the
 * previous wave. Rules are listed in name order, `any alert` last.
 * @example await alertOutcomes(c, { wave: '2022', previousWave: '2021', line: 6300 })
 */
export async function alertOutcomes(
  c: Db,
  ctx: { wave: string; previousWave: string; line: number },
): Promise<readonly AlertOutcome[]> {
  const now = `(SELECT household_id, per_capita_income AS income FROM current_observations
    WHERE wave = ${sqlString(ctx.wave)} AND per_capita_income IS NOT NULL AND NOT isnan(per_capita_income))`;
  const before = `(SELECT DISTINCT household_id FROM current_observations WHERE wave = ${sqlString(ctx.previousWave)})`;
  const flags = `(SELECT DISTINCT household_id, rule FROM alerts WHERE wave = ${sqlString(ctx.previousWave)}
    UNION ALL SELECT DISTINCT household_id, 'any alert' FROM alerts WHERE wave = ${sqlString(ctx.previousWave)})`;
  const poor = await rowsOf(
    c,
    `SELECT count(*) AS n FROM ${now} n
     WHERE n.household_id IN (SELECT household_id FROM ${before} b) AND n.income < ${ctx.line}`,
  );
  const total = Number(poor[0].n);
  const rows = await rowsOf(
    c,
    `SELECT f.rule, count(*) AS flagged, count(*) FILTER (WHERE n.income < ${ctx.line}) AS later_poor
     FROM ${flags} f JOIN ${now} n ON n.household_id = f.household_id
     GROUP BY f.rule ORDER BY f.rule = 'any alert', f.rule`,
  );
  return Object.freeze(
    rows.map((r) => {
      const flagged = Number(r.flagged);
      const laterPoor = Number(r.later_poor);
      return Object.freeze({
        rule: String(r.rule),
        flagged,
        later_poor: laterPoor,
        precision: flagged > 0 ? laterPoor / flagged : null,
        recall: total > 0 ? laterPoor / total : null,
      });
    }),
  );
}
