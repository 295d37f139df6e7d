import type { DuckDBConnection } from '@duckdb/node-api';
import { readColumns } from '../data/read.js';
import { describeSource } from '../data/source.js';
import { quoteIdent } from '../data/source.js';
import { sqlValue } from './sql.js';

const FILE_TABLE = 'monitor_file';
const BATCH = 1000;

/** Files DuckDB reads itself (CSV, TSV, text, Parquet); others go through `readColumns`. */
const DUCKDB_FORMATS = /\.(csv|tsv|tab|txt|parquet|pq)$/i;

/**
 * A DuckDB table expression over an import file's rows, in file order. CSV, TSV and Parquet
 * are read by DuckDB in place; every other format the shared reader knows (`readColumns`:
 * Excel .xlsx, and whatever it learns later) is read as text and loaded into a temporary
 * table on `c`, so new formats flow into the import without changes here.
 * @example await importSource(c, 'wave.xlsx', names) // 'monitor_file'
 */
export async function importSource(
  c: DuckDBConnection,
  file: string,
  names: readonly string[],
): Promise<string> {
  if (DUCKDB_FORMATS.test(file)) return (await describeSource(file)).sql;
  const data = await readColumns(file, { text: names });
  await c.run(`DROP TABLE IF EXISTS ${FILE_TABLE}`);
  await c.run(
    `CREATE TEMP TABLE ${FILE_TABLE} (${names.map((n) => `${quoteIdent(n)} VARCHAR`).join(', ')})`,
  );
  const columns = names.map((n) => data.text.get(n) ?? []);
  for (let start = 0; start < data.rows; start += BATCH) {
    const rows: string[] = [];
    for (let i = start; i < Math.min(data.rows, start + BATCH); i++) {
      rows.push(`(${columns.map((col) => sqlValue(col[i] ?? null)).join(', ')})`);
    }
    await c.run(`INSERT INTO ${FILE_TABLE} VALUES ${rows.join(', ')}`);
  }
  return FILE_TABLE;
}

/** Drops the temporary table of a non-DuckDB import file, if any. */
export async function dropImportSource(c: DuckDBConnection): Promise<void> {
  await c.run(`DROP TABLE IF EXISTS ${FILE_TABLE}`);
}
