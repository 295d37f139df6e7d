import { optionError } from '../errors.js';
import type { MonitorEvent } from './events.js';
import { rowsOf, sqlString } from './sql.js';
import type { Store } from './store.js';
import { parseDate } from './wave-info.js';

/** Filters of `eventPage`; each narrows the log (text matches exactly; dates are inclusive). */
export interface EventFilter {
  readonly user?: string | undefined;
  readonly action?: string | undefined;
  readonly entity?: string | undefined;
  readonly entityId?: string | undefined;
  /** First day, YYYY-MM-DD. */
  readonly since?: string | undefined;
  /** Last day, YYYY-MM-DD. */
  readonly until?: string | undefined;
}

/** Paging of `eventPage`. Defaults: newest first, 100 events, from the first. */
export interface EventPageOptions {
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
  readonly order?: 'newest' | 'oldest' | undefined;
}

/**
 * One page of the event log, filtered, with the count of every matching event.
 * @example await eventPage(store, { action: 'login failed', since: '2026-11-01' }, { limit: 50 })
 */
export async function eventPage(
  store: Pick<Store, 'db'>,
  filter: EventFilter = {},
  options: EventPageOptions = {},
): Promise<{ total: number; events: MonitorEvent[] }> {
  const limit = options.limit ?? 100;
  const offset = options.offset ?? 0;
  for (const [name, v] of [
    ['limit', limit],
    ['offset', offset],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0) {
      throw optionError.bad(name, String(v), 'a whole number ≥ 0');
    }
  }
  const where: string[] = [];
  const eq = (col: string, v: string | undefined) => {
    if (v !== undefined) where.push(`${col} = ${sqlString(v)}`);
  };
  eq('user_name', filter.user);
  eq('action', filter.action);
  eq('entity', filter.entity);
  eq('entity_id', filter.entityId);
  if (filter.since !== undefined) {
    where.push(`recorded_at >= DATE ${sqlString(parseDate('since', filter.since))}`);
  }
  if (filter.until !== undefined) {
    where.push(
      `recorded_at < DATE ${sqlString(parseDate('until', filter.until))} + INTERVAL 1 DAY`,
    );
  }
  const from = `FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const [count] = await rowsOf(store.db, `SELECT count(*) AS n ${from}`);
  const order = options.order === 'oldest' ? 'ASC' : 'DESC';
  const rows = await rowsOf(
    store.db,
    `SELECT event_id, CAST(recorded_at AS VARCHAR) AS recorded_at, user_name, action, entity,
       entity_id, CAST(before AS VARCHAR) AS before, CAST(after AS VARCHAR) AS after
     ${from} ORDER BY event_id ${order} LIMIT ${limit} OFFSET ${offset}`,
  );
  const events = rows.map(
    (r) =>
      Object.freeze({
        ...r,
        before: r.before === null ? null : JSON.parse(String(r.before)),
        after: r.after === null ? null : JSON.parse(String(r.after)),
      }) as unknown as MonitorEvent,
  );
  return { total: Number(count.n), events };
}
