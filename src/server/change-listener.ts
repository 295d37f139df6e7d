import type pg from 'pg';
import { warn } from '../log.js';
import { messages } from '../messages.js';
import { CHANGES_CHANNEL, isPostgresDb } from '../monitor/postgres-db.js';
import type { Store } from '../monitor/store.js';

/** Wait before listening again after the listening connection was lost. */
const RETRY_MS = 1000;

/**
 * Calls `onChange` whenever another process commits a change to a PostgreSQL store (LISTEN
 * on `CHANGES_CHANNEL`, which every povrisk transaction notifies at commit), and once more
 * whenever the listening connection is lost or made again (changes may have been missed).
 * A DuckDB store has one process: nothing to listen to. Returns the function that stops.
 * @example const stop = await listenForChanges(store, () => gate.clear()); … await stop();
 */
export async function listenForChanges(
  store: Store,
  onChange: () => void,
): Promise<() => Promise<void>> {
  const db = store.db;
  if (!isPostgresDb(db)) return async () => {};
  let client: pg.PoolClient | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    if (stopped) return;
    try {
      const c = await db.pool.connect();
      c.on('notification', (n) => {
        if (n.channel === CHANGES_CHANNEL) onChange();
      });
      c.on('error', () => lost(c));
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
      client = c;
      onChange();
    } catch (e) {
      warn(messages.internal(`listening for changes: ${(e as Error).message.split('\n')[0]}`));
      onChange();
      timer = setTimeout(() => void connect(), RETRY_MS);
    }
  };
  const lost = (c: pg.PoolClient) => {
    if (client !== c) return;
    client = null;
    c.release(true);
    onChange();
    if (!stopped) timer = setTimeout(() => void connect(), RETRY_MS);
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    const c = client;
    client = null;
    if (c) {
      await c.query(`UNLISTEN ${CHANGES_CHANNEL}`).catch(() => {});
      c.release();
    }
  };
}
