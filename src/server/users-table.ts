import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Creates the dashboard's account table in the monitoring store if it is missing. It lives
 * beside the monitor's tables (same DuckDB file) but outside its migrations: only the server
 * and `povrisk users` use it. `area_id` is the area's id in `areas` (`all` for admin).
 * @example await ensureUserTable(store.connection)
 */
export async function ensureUserTable(connection: DuckDBConnection): Promise<void> {
  await connection.run(
    `CREATE TABLE IF NOT EXISTS users (username VARCHAR PRIMARY KEY, role VARCHAR NOT NULL,
       area_id VARCHAR NOT NULL, password_hash VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL,
       updated_at TIMESTAMP NOT NULL)`,
  );
}
