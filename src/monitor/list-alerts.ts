import { rowsOf, sqlString } from './sql.js';
import type { Store } from './store.js';
import type { AlertRow } from '../domain/case-rows.js';

export type { AlertRow } from '../domain/case-rows.js';

/** An area: a county, a township, a village (names as in the `areas` table), or all. */
export interface AreaFilter {
  readonly county?: string | undefined;
  readonly township?: string | undefined;
  readonly village?: string | undefined;
}

/** Filters of `listAlerts`; each narrows the list (names match exactly). */
export interface AlertFilter extends AreaFilter {
  readonly wave?: string | undefined;
  readonly household?: string | undefined;
  readonly status?: string | undefined;
  readonly rule?: string | undefined;
}

/**
 * Orders of the alert list; `-` sorts descending. Ties keep the default order. Household ids
 * that are whole numbers sort as numbers (2 before 10), before any others.
 */
export const ALERT_SORTS = Object.freeze({
  wave: 'wv.seq',
  household_id: 'TRY_CAST(a.household_id AS HUGEINT) NULLS LAST, a.household_id',
  village: 'ar.village',
  vulnerability: 'a.vulnerability ASC NULLS LAST',
  '-vulnerability': 'a.vulnerability DESC NULLS LAST',
  per_capita_income: 'a.per_capita_income ASC NULLS LAST',
  '-per_capita_income': 'a.per_capita_income DESC NULLS LAST',
  status: 'k.status',
} as const);
export type AlertSort = keyof typeof ALERT_SORTS;

/** Order and paging of an alert list. Defaults: by wave; every row (`alertPage`: 1000). */
export interface AlertListOptions {
  readonly sort?: AlertSort | undefined;
  readonly limit?: number;
  readonly offset?: number;
}

/**
 * Alerts with their household's area and case status, ordered by wave, household and rule
 * (or by `sort` first, those breaking ties).
 * @example await listAlerts(store, { wave: '2021', county: 'Xide' })
 */
export async function listAlerts(
  store: Pick<Store, 'db'>,
  filter: AlertFilter = {},
  options: AlertListOptions = {},
): Promise<AlertRow[]> {
  const rows = await rowsOf(store.db, alertRowsSql(filter, options));
  return rows.map((r) => Object.freeze(r) as unknown as AlertRow);
}

/**
 * One page of `listAlerts` (top-N in SQL, so a page of a 100,000-household store costs
 * milliseconds), with the count of the whole list.
 * @example await alertPage(store, { wave: '2', village: 'V01' }, { sort: '-vulnerability', limit: 200 })
 */
export async function alertPage(
  store: Pick<Store, 'db'>,
  filter: AlertFilter,
  options: AlertListOptions = {},
): Promise<{ total: number; rows: AlertRow[] }> {
  const [count] = await rowsOf(store.db, `SELECT count(*) AS n ${alertsFrom(filter)}`);
  const rows = await listAlerts(store, filter, { ...options, limit: options.limit ?? 1000 });
  return { total: Number(count.n), rows };
}

function alertsFrom(filter: AlertFilter): string {
  const where: string[] = [];
  const eq = (col: string, v: string | undefined) => {
    if (v !== undefined) where.push(`${col} = ${sqlString(v)}`);
  };
  eq('a.wave', filter.wave);
  eq('ar.county', filter.county);
  eq('ar.township', filter.township);
  eq('ar.village', filter.village);
  eq('a.household_id', filter.household);
  eq('k.status', filter.status);
  eq('a.rule', filter.rule);
  return `FROM alerts a JOIN cases k ON k.case_id = a.case_id
     JOIN areas ar ON ar.area_id = a.area_id JOIN waves wv ON wv.wave = a.wave
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
}

/**
 * The SQL of `listAlerts` (for exports that stream or copy its rows).
 * @example alertRowsSql({ wave: '2021' }, { sort: 'village' })
 */
export function alertRowsSql(filter: AlertFilter, options: AlertListOptions): string {
  const first = options.sort === undefined ? '' : `${ALERT_SORTS[options.sort]}, `;
  const limit =
    options.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(options.limit))}`;
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  return `SELECT a.household_id, ar.county, ar.village, a.wave, a.rule, a.category, a.reason,
       a.reason_zh, a.vulnerability, a.per_capita_income, k.status
     ${alertsFrom(filter)} ORDER BY ${first}wv.seq, TRY_CAST(a.household_id AS HUGEINT) NULLS LAST, a.household_id, a.rule${limit}${offset ? ` OFFSET ${offset}` : ''}`;
}
