import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { to as copyTo } from 'pg-copy-streams';
import { postgresStatement } from './dialect.js';
import { isPostgresDb } from './postgres-db.js';
import { alertRowsSql, type AlertFilter, type AlertSort } from './list-alerts.js';
import { rowsOf, sqlString } from './sql.js';
import type { Store } from './store.js';

/** Columns of the alert export, in order (the fields of `povrisk monitor alerts --json`). */
export const ALERT_EXPORT_COLUMNS = Object.freeze([
  'household_id',
  'county',
  'village',
  'wave',
  'rule',
  'category',
  'reason',
  'reason_zh',
  'vulnerability',
  'per_capita_income',
  'status',
] as const);

const TEXT_COLUMNS = new Set<string>([
  'household_id',
  'county',
  'village',
  'wave',
  'rule',
  'category',
  'reason',
  'reason_zh',
  'status',
]);

/**
 * A SQL expression for a text cell that a spreadsheet will not run as a formula: text starting
 * with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` (OWASP, CSV injection).
 * Numeric columns are written as numbers and left alone, so `-0.5` stays a number.
 * @example formulaSafeSql('reason') // CASE WHEN left(reason, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) …
 */
export function formulaSafeSql(column: string): string {
  return `CASE WHEN left(${column}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || ${column} ELSE ${column} END`;
}

/** Options of `exportAlertsCsv`. Default: the default order of `listAlerts`. */
export interface AlertExportOptions {
  readonly sort?: AlertSort | undefined;
}

/**
 * Writes every alert of `filter` to a CSV file (header, comma-separated, RFC 4180 quoting, UTF-8)
 * in one `COPY` (DuckDB's to the file; PostgreSQL's to STDOUT, streamed to the file), so a
 * whole area costs disk, not memory; text cells are made
 * formula-safe (`formulaSafeSql`). Returns the number of rows written.
 * @example await exportAlertsCsv(store, { county: 'Xide' }, '/tmp/alerts.csv') // 1234
 */
export async function exportAlertsCsv(
  store: Pick<Store, 'db'>,
  filter: AlertFilter,
  file: string,
  options: AlertExportOptions = {},
): Promise<number> {
  const cells = ALERT_EXPORT_COLUMNS.map((c) =>
    TEXT_COLUMNS.has(c) ? `${formulaSafeSql(c)} AS ${c}` : c,
  );
  const query = `SELECT ${cells.join(', ')} FROM (${alertRowsSql(filter, { sort: options.sort })}) x`;
  const db = store.db;
  if (isPostgresDb(db)) {
    // COPY … TO STDOUT streamed into the file: the server's disk is not ours.
    return db.client(async (client) => {
      const out = client.query(
        copyTo(`COPY (${postgresStatement(query)}) TO STDOUT (FORMAT csv, HEADER true)`),
      );
      await pipeline(out, createWriteStream(file));
      return out.rowCount;
    });
  }
  const rows = await rowsOf(
    db,
    `COPY (${query})
     TO ${sqlString(file)} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"')`,
  );
  return Number(rows[0]?.Count ?? rows[0]?.count ?? 0);
}
