import type { Dialect } from './db.js';
import { bandSql } from '../domain/bands.js';
import { PROCEDURE_STEPS } from '../domain/procedure.js';
import type { AreaFilter } from './list-alerts.js';
import { rowsOf, sqlString } from './sql.js';
import type { Store } from './store.js';
import { today } from './wave-info.js';
import type { CaseQueueRow, CaseReason } from '../domain/case-rows.js';

export type { CaseQueueRow, CaseReason } from '../domain/case-rows.js';

/** Vulnerability bands of the queue, as the paper's Table 2. */
export const CASE_BANDS = Object.freeze(['low', 'medium', 'high', 'unscored'] as const);

/** Filters of the case queue; each narrows it (names match exactly). */
export interface CaseFilter extends AreaFilter {
  readonly household?: string | undefined;
  readonly status?: string | undefined;
  readonly category?: string | undefined;
  /** Cases with at least one alert of this rule. */
  readonly rule?: string | undefined;
  readonly band?: string | undefined;
  /** Cases whose responsible cadre is this user ("my cases"). */
  readonly responsible?: string | undefined;
}

// Household ids that are whole numbers sort as numbers (2 before 10), then the others as text.
const BY_ID = 'TRY_CAST(q.household_id AS HUGEINT) NULLS LAST, q.household_id';

/** Orders of the case queue; `-` sorts descending. Ties are broken by household id. */
export const CASE_SORTS = Object.freeze({
  household_id: BY_ID,
  '-household_id': 'TRY_CAST(q.household_id AS HUGEINT) DESC NULLS FIRST, q.household_id DESC',
  village: 'q.county, q.township, q.village',
  vulnerability: 'q.vulnerability ASC NULLS LAST',
  '-vulnerability': 'q.vulnerability DESC NULLS LAST',
  per_capita_income: 'q.per_capita_income ASC NULLS LAST',
  '-per_capita_income': 'q.per_capita_income DESC NULLS LAST',
  days_since_step: 'q.days_since_step ASC',
  '-days_since_step': 'q.days_since_step DESC',
  status: "CASE q.status WHEN 'flagged' THEN 1 WHEN 'verified' THEN 2 WHEN 'monitored' THEN 3 END",
  category: 'q.category',
  responsible: 'q.responsible NULLS LAST',
} as const);
export type CaseSort = keyof typeof CASE_SORTS;

/** Order and paging. Defaults: by household id; 1000 rows; `asOf` today (for days since the last step). */
export interface CaseQueueOptions {
  readonly sort?: CaseSort | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
  readonly asOf?: string | undefined;
}

// Steps in procedure order, as a SQL list; the last step is the furthest one recorded.
const STEP_ORDER = `[${PROCEDURE_STEPS.map((x) => sqlString(x)).join(', ')}]`;

// The case's last step: its latest status change, procedural step or measure.
const LAST =
  'greatest(k.status_on, coalesce(me.last_measure, k.status_on), coalesce(st.last_date, k.status_on))';

function queueSql(filter: CaseFilter, asOf: string, dialect: Dialect): string {
  const where: string[] = [];
  const eq = (col: string, v: string | undefined) => {
    if (v !== undefined) where.push(`${col} = ${sqlString(v)}`);
  };
  eq('q.county', filter.county);
  eq('q.township', filter.township);
  eq('q.village', filter.village);
  eq('q.household_id', filter.household);
  eq('q.status', filter.status);
  eq('q.category', filter.category);
  eq('q.band', filter.band);
  eq('q.responsible', filter.responsible);
  if (filter.rule !== undefined) {
    where.push(
      dialect === 'duckdb'
        ? `list_contains(q.rules, ${sqlString(filter.rule)})`
        : `${sqlString(filter.rule)} = ANY(q.rules)`,
    );
  }
  if (dialect === 'postgres') return postgresQueueSql(where, asOf);
  return `WITH k AS (SELECT * FROM cases WHERE status IN ('flagged', 'verified', 'monitored')),
    al AS (SELECT a.case_id, list(DISTINCT a.rule ORDER BY a.rule) AS rules,
        to_json(list({wave: a.wave, rule: a.rule, reason: a.reason, reason_zh: a.reason_zh}
          ORDER BY wv.seq, a.rule))::VARCHAR AS reasons
      FROM alerts a JOIN waves wv ON wv.wave = a.wave SEMI JOIN k ON k.case_id = a.case_id
      GROUP BY a.case_id),
    me AS (SELECT case_id, max(measure_date) AS last_measure FROM measures GROUP BY case_id),
    st AS (SELECT s.case_id, arg_max(s.step, list_position(${STEP_ORDER}, s.step)) AS last_step, max(s.step_date) AS last_date
      FROM case_steps s SEMI JOIN k ON k.case_id = s.case_id GROUP BY s.case_id),
    ob AS (SELECT o.household_id, o.wave, o.per_capita_income FROM current_observations o
      JOIN waves w ON w.wave = o.wave SEMI JOIN k ON k.household_id = o.household_id
      QUALIFY row_number() OVER (PARTITION BY o.household_id ORDER BY w.seq DESC) = 1),
    sc AS (SELECT s.household_id, s.wave, s.vulnerability FROM risk_scores s
      JOIN waves w ON w.wave = s.wave SEMI JOIN k ON k.household_id = s.household_id
      QUALIFY row_number() OVER (PARTITION BY s.household_id ORDER BY w.seq DESC, s.model_id DESC) = 1),
    q AS (SELECT k.household_id, ar.county, ar.township, ar.village, k.case_id, k.status,
        k.category, CAST(k.opened_on AS VARCHAR) AS opened_on, k.found_by, k.responsible,
        st.last_step, CAST(${LAST} AS VARCHAR) AS last_step_on,
        date_diff('day', ${LAST}, DATE ${sqlString(asOf)}) AS days_since_step,
        coalesce(al.rules, []) AS rules, coalesce(al.reasons, '[]') AS reasons,
        ob.wave, ob.per_capita_income, sc.wave AS score_wave, sc.vulnerability,
        ${bandSql('sc.vulnerability')} AS band
      FROM k JOIN households h ON h.household_id = k.household_id
      JOIN areas ar ON ar.area_id = h.area_id
      LEFT JOIN al ON al.case_id = k.case_id LEFT JOIN me ON me.case_id = k.case_id
      LEFT JOIN st ON st.case_id = k.case_id
      LEFT JOIN ob ON ob.household_id = k.household_id
      LEFT JOIN sc ON sc.household_id = k.household_id)
    SELECT * FROM q ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
}

/** The queue's SQL on PostgreSQL: arrays and DISTINCT ON for DuckDB's lists and QUALIFY. */
function postgresQueueSql(where: readonly string[], asOf: string): string {
  const steps = `ARRAY[${PROCEDURE_STEPS.map((x) => sqlString(x)).join(', ')}]::varchar[]`;
  return `WITH k AS (SELECT * FROM cases WHERE status IN ('flagged', 'verified', 'monitored')),
    al AS (SELECT a.case_id, array_agg(DISTINCT a.rule ORDER BY a.rule) AS rules,
        json_agg(json_build_object('wave', a.wave, 'rule', a.rule, 'reason', a.reason,
          'reason_zh', a.reason_zh) ORDER BY wv.seq, a.rule)::VARCHAR AS reasons
      FROM alerts a JOIN waves wv ON wv.wave = a.wave
      WHERE a.case_id IN (SELECT case_id FROM k)
      GROUP BY a.case_id),
    me AS (SELECT case_id, max(measure_date) AS last_measure FROM measures GROUP BY case_id),
    st AS (SELECT s.case_id, (array_agg(s.step ORDER BY array_position(${steps}, s.step) DESC))[1] AS last_step,
        max(s.step_date) AS last_date
      FROM case_steps s WHERE s.case_id IN (SELECT case_id FROM k) GROUP BY s.case_id),
    ob AS (SELECT DISTINCT ON (o.household_id) o.household_id, o.wave, o.per_capita_income
      FROM current_observations o JOIN waves w ON w.wave = o.wave
      WHERE o.household_id IN (SELECT household_id FROM k)
      ORDER BY o.household_id, w.seq DESC),
    sc AS (SELECT DISTINCT ON (s.household_id) s.household_id, s.wave, s.vulnerability
      FROM risk_scores s JOIN waves w ON w.wave = s.wave
      WHERE s.household_id IN (SELECT household_id FROM k)
      ORDER BY s.household_id, w.seq DESC, s.model_id DESC),
    q AS (SELECT k.household_id, ar.county, ar.township, ar.village, k.case_id, k.status,
        k.category, CAST(k.opened_on AS VARCHAR) AS opened_on, k.found_by, k.responsible,
        st.last_step, CAST(${LAST} AS VARCHAR) AS last_step_on,
        (DATE ${sqlString(asOf)} - ${LAST}) AS days_since_step,
        coalesce(al.rules, ARRAY[]::varchar[]) AS rules, coalesce(al.reasons, '[]') AS reasons,
        ob.wave, ob.per_capita_income, sc.wave AS score_wave, sc.vulnerability,
        ${bandSql('sc.vulnerability')} AS band
      FROM k JOIN households h ON h.household_id = k.household_id
      JOIN areas ar ON ar.area_id = h.area_id
      LEFT JOIN al ON al.case_id = k.case_id LEFT JOIN me ON me.case_id = k.case_id
      LEFT JOIN st ON st.case_id = k.case_id
      LEFT JOIN ob ON ob.household_id = k.household_id
      LEFT JOIN sc ON sc.household_id = k.household_id)
    SELECT * FROM q ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
}

/**
 * The case queue: one row per household with an open case (flagged, verified, monitored),
 * with every reason its alerts give, its category and status, its latest income and
 * vulnerability, its responsible cadre, and the days since the case's last step (status
 * change, procedural step or measure), sorted
 * (numeric household ids as numbers) and paged in SQL, with the count of the whole queue.
 * @example await casePage(store, { village: 'V01', band: 'high' }, { sort: '-vulnerability', limit: 50 })
 */
export async function casePage(
  store: Pick<Store, 'db'>,
  filter: CaseFilter = {},
  options: CaseQueueOptions = {},
): Promise<{ total: number; rows: CaseQueueRow[] }> {
  const sql = queueSql(filter, options.asOf ?? today(), store.db.dialect);
  const [count] = await rowsOf(store.db, `SELECT count(*) AS n FROM (${sql}) x`);
  const first = options.sort === undefined ? '' : `${CASE_SORTS[options.sort]}, `;
  const limit = Math.max(0, Math.floor(options.limit ?? 1000));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const rows = await rowsOf(
    store.db,
    `SELECT household_id, county, township, village, case_id, status, category, opened_on,
       found_by, responsible, last_step, last_step_on, days_since_step, array_to_string(rules, ',') AS rules, reasons, wave,
       per_capita_income, score_wave, vulnerability, band
     FROM (${sql}) q ORDER BY ${first}${BY_ID} LIMIT ${limit} OFFSET ${offset}`,
  );
  return {
    total: Number(count.n),
    rows: rows.map(
      (r) =>
        Object.freeze({
          ...r,
          days_since_step: Number(r.days_since_step),
          rules: Object.freeze(String(r.rules).split(',').filter(Boolean)),
          reasons: Object.freeze(JSON.parse(String(r.reasons)) as CaseReason[]),
        }) as unknown as CaseQueueRow,
    ),
  };
}
