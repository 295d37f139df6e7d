import type { Dialect } from '../db.js';

/** One schema step: applied once, in a transaction, and recorded in `schema_version`. */
export interface Migration {
  /** 1, 2, 3, …: applied in this order. */
  readonly version: number;
  readonly name: string;
  /** Statements run in order inside the migration's transaction (DuckDB's SQL). */
  readonly statements: readonly string[];
  /**
   * The statements on PostgreSQL where DuckDB's, translated by `postgresSql`, do not fit
   * (views, functions, triggers); default: the translated `statements`.
   */
  readonly postgres?: readonly string[];
}

/**
 * DuckDB DDL in PostgreSQL's words: DOUBLE → DOUBLE PRECISION, TINYINT → SMALLINT, text
 * columns compared byte by byte (COLLATE "C", DuckDB's order).
 * @example postgresSql('x DOUBLE, y TINYINT') // 'x DOUBLE PRECISION, y SMALLINT'
 */
export function postgresSql(sql: string): string {
  return sql
    .replace(/\bDOUBLE\b(?! PRECISION)/g, 'DOUBLE PRECISION')
    .replace(/\bTINYINT\b/g, 'SMALLINT')
    .replace(/\bVARCHAR\b(?!\))/g, 'VARCHAR COLLATE "C"');
}

/**
 * The statements of a migration on a dialect.
 * @example migrationStatements(migration001, 'postgres')
 */
export function migrationStatements(m: Migration, dialect: Dialect): readonly string[] {
  if (dialect === 'duckdb') return m.statements;
  return m.postgres ?? m.statements.map(postgresSql);
}
