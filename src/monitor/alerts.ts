import { currentObservationsSql, jsonObjectSql } from './dialect.js';
import type { Db, Dialect } from './db.js';
import { CATEGORY_PRIORITY } from '../domain/categories.js';
import { quoteIdent } from '../data/source.js';
import { SHOCK_NAMES } from './columns.js';
import {
  EXPENDITURE_SQL,
  highExpenditureReason,
  highVulnerabilityReason,
  incomeDropReason,
  isNewShock,
  lowIncomeReason,
  newShockReason,
} from './reasons.js';
import type { RuleCategory, Rules } from './rules.js';
import { rowsOf, sqlString } from './sql.js';

/** What the rules see of a wave: its label, the previous wave, the line, the model. */
export interface RuleContext {
  readonly wave: string;
  readonly previousWave: string | null;
  readonly year: number | null;
  readonly line: number;
  readonly modelId: number;
  /** Date of cases opened now (YYYY-MM-DD). */
  readonly openedOn: string;
}

export { CATEGORY_PRIORITY } from '../domain/categories.js';

const latest = (wave: string, dialect: Dialect) =>
  currentObservationsSql(dialect, `wave = ${sqlString(wave)}`, 'household_id');

/** A household's income in the wave: per-capita income × family size. */
const HOUSEHOLD_INCOME = '(per_capita_income * family_size)';

/**
 * The SQL of a rule's category: a constant, or by registration status (`registered_poor` = 1
 * takes `registered`; 0 or unknown takes `other`).
 * @example categorySql({ registered: 'unstable', other: 'marginal' })
 */
export function categorySql(category: RuleCategory): string {
  if (typeof category === 'string') return sqlString(category);
  return `CASE WHEN registered_poor = 1 THEN ${sqlString(category.registered)} ELSE ${sqlString(category.other)} END`;
}

/** The SQL of every alert the rules imply for a wave (one row per household and rule). */
export function candidateSql(rules: Rules, ctx: RuleContext, dialect: Dialect = 'duckdb'): string {
  const prevCols = ['per_capita_income', ...SHOCK_NAMES]
    .map((n) => `p.${quoteIdent(n)} AS ${n === 'per_capita_income' ? 'prev_income' : `prev_${n}`}`)
    .join(', ');
  const prev = ctx.previousWave === null ? null : latest(ctx.previousWave, dialect);
  const base = `SELECT cur.*, s.vulnerability AS v, ${
    prev
      ? prevCols
      : [
          'NULL::DOUBLE AS prev_income',
          ...SHOCK_NAMES.map((n) => `NULL::TINYINT AS prev_${n}`),
        ].join(', ')
  }
    FROM ${latest(ctx.wave, dialect)} cur
    LEFT JOIN (SELECT household_id, vulnerability FROM risk_scores WHERE model_id = ${ctx.modelId}) s
      ON s.household_id = cur.household_id
    ${prev ? `LEFT JOIN ${prev} p ON p.household_id = cur.household_id` : ''}`;
  const parts: string[] = [];
  const select = (
    rule: string,
    category: RuleCategory,
    r: { en: string; zh: string },
    where: string,
  ) =>
    `SELECT household_id, area_id, '${rule}' AS rule, ${categorySql(category)} AS category, ${r.en} AS reason,
       ${r.zh} AS reason_zh, v AS vulnerability, per_capita_income FROM base WHERE ${where}`;
  const hv = rules.high_vulnerability;
  if (hv.enabled) {
    parts.push(
      select(
        'high_vulnerability',
        hv.category,
        highVulnerabilityReason(hv.threshold),
        `v >= ${hv.threshold}`,
      ),
    );
  }
  if (rules.low_income.enabled) {
    parts.push(
      select(
        'low_income',
        rules.low_income.category,
        lowIncomeReason(ctx.line, ctx.year),
        `per_capita_income < ${ctx.line}`,
      ),
    );
  }
  const drop = rules.income_drop;
  if (drop.enabled && ctx.previousWave !== null) {
    parts.push(
      select(
        'income_drop',
        drop.category,
        incomeDropReason(ctx.previousWave),
        `prev_income > 0 AND (prev_income - per_capita_income) / prev_income >= ${drop.share}`,
      ),
    );
  }
  const shock = rules.new_shock;
  if (shock.enabled && shock.flags.length > 0) {
    parts.push(
      select(
        'new_shock',
        shock.category,
        newShockReason(shock.flags),
        shock.flags.map(isNewShock).join(' OR '),
      ),
    );
  }
  const he = rules.high_expenditure;
  if (he.enabled && (he.share !== null || he.amount !== null)) {
    const tests: string[] = [];
    if (he.share !== null) tests.push(`${EXPENDITURE_SQL} > ${he.share} * ${HOUSEHOLD_INCOME}`);
    if (he.amount !== null) tests.push(`${EXPENDITURE_SQL} > ${he.amount}`);
    parts.push(
      select(
        'high_expenditure',
        he.category,
        highExpenditureReason(he.share, he.amount),
        `(${tests.join(' OR ')})`,
      ),
    );
  }
  if (parts.length === 0) {
    return `SELECT NULL::VARCHAR AS household_id, NULL::VARCHAR AS area_id, NULL::VARCHAR AS rule, NULL::VARCHAR AS category,
      NULL::VARCHAR AS reason, NULL::VARCHAR AS reason_zh, NULL::DOUBLE AS vulnerability,
      NULL::DOUBLE AS per_capita_income WHERE false`;
  }
  return `WITH base AS (${base}) ${parts.join('\nUNION ALL\n')}`;
}

/**
 * Raises the alerts the rules imply for a wave, in bulk SQL, inside the caller's
 * transaction: skips alerts already raised (same household, wave and rule), opens a
 * `flagged` case for each alerted household without an active case (its `found` step:
 * `model_alert`, on the wave's date), links every new alert
 * to its household's active case, and logs one event per new case and per new alert.
 * Returns the new alerts by rule and the number of cases opened.
 * @example await raiseAlerts(c, 'li.wei', rules, ctx)
 */
export async function raiseAlerts(
  c: Db,
  user: string,
  rules: Rules,
  ctx: RuleContext,
): Promise<{ byRule: Record<string, number>; casesOpened: number }> {
  const w = sqlString(ctx.wave);
  const u = sqlString(user);
  await c.run('DROP TABLE IF EXISTS monitor_new_alerts');
  await c.run(
    `CREATE TEMP TABLE monitor_new_alerts AS SELECT cand.* FROM (${candidateSql(rules, ctx, c.dialect)}) cand
     WHERE NOT EXISTS (SELECT 1 FROM alerts a WHERE a.wave = ${w}
       AND a.household_id = cand.household_id AND a.rule = cand.rule)`,
  );
  // PostgreSQL: temporary tables have no statistics until analysed, nor do the rows this
  // transaction adds; planned without them, the joins below took minutes on 1,000,000 households.
  const analyze = (tables: string) =>
    c.dialect === 'postgres' ? c.run(`ANALYZE ${tables}`) : Promise.resolve(0);
  await analyze('monitor_new_alerts');
  const priority = `CASE category ${CATEGORY_PRIORITY.map((cat, i) => `WHEN '${cat}' THEN ${i}`).join(' ')} END`;
  await c.run('DROP TABLE IF EXISTS monitor_new_cases');
  await c.run(
    `CREATE TEMP TABLE monitor_new_cases AS
     SELECT nextval('case_seq') AS case_id, household_id, category FROM (
       SELECT household_id, (array_agg(category ORDER BY ${priority}))[1] AS category
       FROM monitor_new_alerts n
       WHERE NOT EXISTS (SELECT 1 FROM cases k WHERE k.household_id = n.household_id
         AND k.status IN ('flagged', 'verified', 'monitored'))
       GROUP BY household_id ORDER BY household_id) x`,
  );
  await analyze('monitor_new_cases');
  const on = `DATE ${sqlString(ctx.openedOn)}`;
  await c.run(
    `INSERT INTO cases (case_id, household_id, status, category, opened_wave, opened_on,
       status_on, updated_at, found_by)
     SELECT case_id, household_id, 'flagged', category, ${w}, ${on}, ${on},
       current_localtimestamp(), 'model_alert' FROM monitor_new_cases`,
  );
  await c.run(
    `INSERT INTO case_steps SELECT case_id, 'found', ${on}, 'model_alert', NULL, NULL, ${u},
       current_localtimestamp() FROM monitor_new_cases`,
  );
  await c.run(
    `INSERT INTO events SELECT nextval('event_seq'), current_localtimestamp(), ${u}, 'open',
       'case', CAST(case_id AS VARCHAR), NULL,
       ${jsonObjectSql(c.dialect, { household_id: 'household_id', status: "'flagged'", category: 'category', wave: w })}
     FROM monitor_new_cases ORDER BY case_id`,
  );
  await c.run(
    `INSERT INTO alerts SELECT nextval('alert_seq'), n.household_id, ${w}, n.area_id, n.rule, n.category,
       n.reason, n.reason_zh, n.vulnerability, n.per_capita_income, ${ctx.modelId}, k.case_id,
       current_localtimestamp()
     FROM monitor_new_alerts n JOIN cases k ON k.household_id = n.household_id
       AND k.status IN ('flagged', 'verified', 'monitored')
     ORDER BY n.household_id, n.rule`,
  );
  await analyze('alerts, cases');
  await c.run(
    `INSERT INTO events SELECT nextval('event_seq'), current_localtimestamp(), ${u}, 'raise',
       'alert', CAST(a.alert_id AS VARCHAR), NULL,
       ${jsonObjectSql(c.dialect, { household_id: 'a.household_id', wave: 'a.wave', rule: 'a.rule', reason: 'a.reason', case_id: 'a.case_id' })}
     FROM alerts a WHERE a.wave = ${w} AND EXISTS (SELECT 1 FROM monitor_new_alerts n
       WHERE n.household_id = a.household_id AND n.rule = a.rule)
     ORDER BY a.alert_id`,
  );
  const counts = await rowsOf(
    c,
    'SELECT rule, count(*) AS n FROM monitor_new_alerts GROUP BY rule ORDER BY rule',
  );
  const opened = await rowsOf(c, 'SELECT count(*) AS n FROM monitor_new_cases');
  await c.run('DROP TABLE monitor_new_alerts');
  await c.run('DROP TABLE monitor_new_cases');
  return {
    byRule: Object.fromEntries(counts.map((r) => [String(r.rule), Number(r.n)])),
    casesOpened: Number(opened[0].n),
  };
}
