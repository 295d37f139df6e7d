import type { Db } from './db.js';
import { rowsOf, sqlString, sqlValue } from './sql.js';
import type { MonitorEvent } from '../domain/household-detail.js';

export type { MonitorEvent } from '../domain/household-detail.js';

/** What changed: an action on an entity, with its state before and after (JSON). */
export interface EventInput {
  readonly action: string;
  readonly entity: string;
  readonly entityId?: string | number | null;
  readonly before?: unknown;
  readonly after?: unknown;
}

const json = (v: unknown): string =>
  v === undefined || v === null ? 'NULL' : `${sqlString(JSON.stringify(v))}::JSON`;

/**
 * Appends one event (who = `user`, when = now). Call it inside the transaction that makes
 * the change, so the change and its record commit together.
 * @example await logEvent(c, 'li.wei', { action: 'status', entity: 'case', entityId: 3, before: { status: 'flagged' }, after: { status: 'verified' } })
 */
export async function logEvent(connection: Db, user: string, event: EventInput): Promise<void> {
  const id =
    event.entityId === undefined || event.entityId === null ? null : String(event.entityId);
  await connection.run(
    `INSERT INTO events VALUES (nextval('event_seq'), current_localtimestamp(), ${sqlString(user)},
       ${sqlString(event.action)}, ${sqlString(event.entity)}, ${sqlValue(id)},
       ${json(event.before)}, ${json(event.after)})`,
  );
}

/**
 * The event log, oldest first, optionally for one entity.
 * @example await listEvents(store, { entity: 'case', entityId: '3' })
 */
export async function listEvents(
  store: { db: Db },
  filter: { entity?: string; entityId?: string } = {},
): Promise<MonitorEvent[]> {
  const where: string[] = [];
  if (filter.entity) where.push(`entity = ${sqlString(filter.entity)}`);
  if (filter.entityId) where.push(`entity_id = ${sqlString(filter.entityId)}`);
  const rows = await rowsOf(
    store.db,
    `SELECT event_id, CAST(recorded_at AS VARCHAR) AS recorded_at, user_name, action, entity, entity_id,
       CAST(before AS VARCHAR) AS before, CAST(after AS VARCHAR) AS after FROM events
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY event_id`,
  );
  return rows.map(
    (r) =>
      Object.freeze({
        ...r,
        before: r.before === null ? null : JSON.parse(String(r.before)),
        after: r.after === null ? null : JSON.parse(String(r.after)),
      }) as unknown as MonitorEvent,
  );
}
