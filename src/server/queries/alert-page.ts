import type { AlertFilter, AlertRow } from '../../monitor/alerts.js';
import { rowsOf, sqlString } from '../../monitor/sql.js';
import type { Store } from '../../monitor/store.js';

/** Orders of the alert queue; `-` sorts descending. Ties keep the monitor's order. */
export const ALERT_SORTS = Object.freeze({
  wave: 'wv.seq',
  household_id: 'a.household_id',
  village: 'ar.village',
  vulnerability: 'a.vulnerability ASC NULLS LAST',
  '-vulnerability': 'a.vulnerability DESC NULLS LAST',
  per_capita_income: 'a.per_capita_income ASC NULLS LAST',
  '-per_capita_income': 'a.per_capita_income DESC NULLS LAST',
  status: 'k.status',
} as const);
export type AlertSort = keyof typeof ALERT_SORTS;

/** Paging and order of `alertPage`. Defaults: by wave, the first 1000. */
export interface AlertPageOptions {
  readonly rule?: string | undefined;
  readonly sort?: AlertSort | undefined;
  readonly limit?: number;
  readonly offset?: number;
}

/**
 * One page of the alert list, in SQL (top-N, so a page of a 100,000-household store costs
 * milliseconds), with the full count: the rows and order of the monitor's `listAlerts`
 * (wave, household, rule), optionally narrowed to a rule and sorted by another column first.
 * @example await alertPage(store, { wave: '2', village: 'V01' }, { sort: '-vulnerability', limit: 200 })
 */
export async function alertPage(
  store: Pick<Store, 'connection'>,
  filter: AlertFilter,
  options: AlertPageOptions = {},
): Promise<{ total: number; rows: AlertRow[] }> {
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
  eq('a.rule', options.rule);
  const from = `FROM alerts a JOIN cases k ON k.case_id = a.case_id
     JOIN areas ar ON ar.area_id = a.area_id JOIN waves wv ON wv.wave = a.wave
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const first = ALERT_SORTS[options.sort ?? 'wave'];
  const limit = Math.max(0, Math.floor(options.limit ?? 1000));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const [count] = await rowsOf(store.connection, `SELECT count(*) AS n ${from}`);
  const rows = await rowsOf(
    store.connection,
    `SELECT a.household_id, ar.county, ar.village, a.wave, a.rule, a.category, a.reason,
       a.reason_zh, a.vulnerability, a.per_capita_income, k.status
     ${from} ORDER BY ${first}, wv.seq, a.household_id, a.rule LIMIT ${limit} OFFSET ${offset}`,
  );
  return { total: Number(count.n), rows: rows as unknown as AlertRow[] };
}
