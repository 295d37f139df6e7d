import { randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { codeText } from './data-table.js';
import { dataFormat } from './data-format.js';
import { readTable } from './read-table.js';
import { describeSource, quoteIdent } from './source.js';

/** A data file as a DuckDB relation: SQL to select from, and a function to call when done. */
export interface StagedSource {
  /** A table expression (CSV, Parquet) or the name of a temporary table (others). */
  readonly sql: string;
  readonly release: () => Promise<void>;
}

/**
 * Makes any data file readable by SQL on `connection`: CSV/TSV (any encoding) and Parquet
 * through DuckDB's own readers; Excel, Stata .dta and SPSS .sav files are read by povrisk and
 * loaded into a temporary table of text columns (codes, not value labels; dates as ISO 8601),
 * so that SQL-based work such as `monitor import` takes every format the estimators take.
 * @example const s = await stageSource(c, 'wave1.dta'); try { await c.run(`SELECT * FROM ${s.sql}`) } finally { await s.release() }
 */
export async function stageSource(
  connection: DuckDBConnection,
  path: string,
  options: { encoding?: string | undefined } = {},
): Promise<StagedSource> {
  const format = dataFormat(path);
  if (format !== 'xlsx' && format !== 'dta' && format !== 'sav') {
    const source = await describeSource(path, options);
    return { sql: source.sql, release: source.release };
  }
  const table = await readTable(path, options);
  const name = `povrisk_source_${randomBytes(6).toString('hex')}`;
  const columns = table.columns.map((c) => `${quoteIdent(c.name)} VARCHAR`).join(', ');
  await connection.run(`CREATE TEMP TABLE ${name} (${columns})`);
  const appender = await connection.createAppender(name);
  for (let i = 0; i < table.rows; i++) {
    for (const c of table.columns) {
      const v = codeText(c, i);
      if (v === null) appender.appendNull();
      else appender.appendVarchar(v);
    }
    appender.endRow();
  }
  appender.closeSync();
  return {
    sql: name,
    release: async () => {
      await connection.run(`DROP TABLE IF EXISTS ${name}`);
    },
  };
}
