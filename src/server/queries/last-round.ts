import type { LastRound } from '../../domain/dashboard-answers.js';
import { rowsOf } from '../../monitor/sql.js';
import type { Store } from '../../monitor/store.js';

export type { LastRound } from '../../domain/dashboard-answers.js';

/**
 * The latest run that had a previous wave: for each rule, how many of that wave's alerted
 * households were below the monitoring line at the run's wave (counts over the whole store,
 * like the model itself). Null before a second wave has been run.
 * @example (await lastRound(store))?.previous_alerts[0].precision
 */
export async function lastRound(store: Store): Promise<LastRound | null> {
  const rows = await rowsOf(
    store.db,
    `SELECT CAST(after AS VARCHAR) AS after FROM events
     WHERE action = 'run' AND entity = 'wave'
       AND (after->>'previous_wave') IS NOT NULL
       AND json_array_length(after->'previous_alerts') > 0
     ORDER BY event_id DESC LIMIT 1`,
  );
  if (rows.length === 0) return null;
  const r = JSON.parse(String(rows[0].after)) as LastRound;
  return Object.freeze({
    wave: r.wave,
    previous_wave: r.previous_wave,
    monitoring_line: r.monitoring_line,
    previous_alerts: r.previous_alerts,
  });
}
