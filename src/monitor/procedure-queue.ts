import { DEFAULT_DEADLINES, PROCEDURE_STEPS } from '../domain/procedure.js';
import type { AreaFilter } from './list-alerts.js';
import { rowsOf, sqlString } from './sql.js';
import type { Store } from './store.js';
import { parseDate, today } from './wave-info.js';
import type { QueueRow } from '../domain/case-rows.js';

export type { QueueRow } from '../domain/case-rows.js';

/**
 * Options of the procedure queues. Defaults: `asOf` today; `deadlines` `DEFAULT_DEADLINES`
 * (days allowed for each step after the previous one; the rules file's `procedure.deadlines`);
 * no area filter; every row (`limit`), from the first (`offset`).
 */
export interface QueueOptions {
  readonly asOf?: string | undefined;
  readonly deadlines?: Readonly<Record<string, number>> | undefined;
  readonly area?: AreaFilter | undefined;
  /** Rows at most (the dashboard asks for a page of at most 1,000). */
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

/** `LIMIT … OFFSET …` of the options (whole numbers; none when `limit` is not given). */
function pageSql(options: QueueOptions): string {
  const limit =
    options.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(options.limit))}`;
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  return `${limit}${offset > 0 ? ` OFFSET ${offset}` : ''}`;
}

function queueSql(where: string, options: QueueOptions): string {
  const asOf = options.asOf === undefined ? today() : parseDate('asOf', options.asOf);
  const deadlines = { ...DEFAULT_DEADLINES, ...options.deadlines } as Record<string, number>;
  const order = PROCEDURE_STEPS.map(
    (s, i) => `(${sqlString(s)}, ${i}, ${s === 'found' ? 'NULL' : deadlines[s]})`,
  ).join(', ');
  const area = options.area ?? {};
  const areaWhere = (['county', 'township', 'village'] as const)
    .filter((l) => area[l] !== undefined)
    .map((l) => ` AND ar.${l} = ${sqlString(area[l] as string)}`)
    .join('');
  return `WITH ord (step, idx, days) AS (VALUES ${order}),
    last AS (SELECT s.case_id, (array_agg(s.step ORDER BY o.idx DESC))[1] AS last_step,
        max(o.idx) AS last_idx,
        (array_agg(coalesce(s.end_date, s.step_date) ORDER BY o.idx DESC))[1] AS last_date
      FROM case_steps s JOIN ord o ON o.step = s.step GROUP BY s.case_id)
    SELECT k.case_id, k.household_id, ar.county, ar.township, ar.village, k.status, k.category,
      k.found_by, k.responsible, l.last_step, CAST(l.last_date AS VARCHAR) AS since,
      n.step AS next_step, CAST(l.last_date + n.days AS VARCHAR) AS due,
      CASE WHEN n.step IS NULL THEN NULL
        ELSE DATE ${sqlString(asOf)} - (l.last_date + n.days) END AS days_overdue
    FROM cases k JOIN last l ON l.case_id = k.case_id
    LEFT JOIN ord n ON n.idx = l.last_idx + 1
    JOIN households h ON h.household_id = k.household_id
    JOIN areas ar ON ar.area_id = h.area_id
    WHERE k.status IN ('flagged', 'verified', 'monitored') AND ${where}${areaWhere}`;
}

/**
 * Open cases whose next step is overdue on `asOf`: the previous step's date (a public
 * notice: its last day) plus the step's deadline is before `asOf`. Most overdue first.
 * @example await overdueCases(store, { asOf: '2021-08-01', deadlines: { verification: 15 } })
 */
export async function overdueCases(
  store: Pick<Store, 'db'>,
  options: QueueOptions = {},
): Promise<QueueRow[]> {
  const sql = queueSql('TRUE', options);
  const rows = await rowsOf(
    store.db,
    `SELECT * FROM (${sql}) q WHERE days_overdue > 0 ORDER BY days_overdue DESC, household_id${pageSql(options)}`,
  );
  return rows.map((r) => Object.freeze(r) as unknown as QueueRow);
}

/**
 * The open cases a cadre is responsible for ("my cases"), with each one's next step and due
 * date; the ones due soonest first, approved (monitored) cases last.
 * @example await myCases(store, 'wang')
 */
export async function myCases(
  store: Pick<Store, 'db'>,
  username: string,
  options: QueueOptions = {},
): Promise<QueueRow[]> {
  const sql = queueSql(`k.responsible = ${sqlString(username)}`, options);
  const rows = await rowsOf(
    store.db,
    `SELECT * FROM (${sql}) q ORDER BY due NULLS LAST, household_id${pageSql(options)}`,
  );
  return rows.map((r) => Object.freeze(r) as unknown as QueueRow);
}

/**
 * A village's monitoring list (监测对象名单): every open case of the area, with its
 * category, how it was found, its cadre and where the procedure stands; by household.
 * @example await areaCases(store, { area: { county: 'Xide', township: 'Xide T1', village: 'V01' } })
 */
export async function areaCases(
  store: Pick<Store, 'db'>,
  options: QueueOptions = {},
): Promise<QueueRow[]> {
  const rows = await rowsOf(
    store.db,
    `SELECT * FROM (${queueSql('TRUE', options)}) q ORDER BY household_id${pageSql(options)}`,
  );
  return rows.map((r) => Object.freeze(r) as unknown as QueueRow);
}
