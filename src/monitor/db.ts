/** The SQL engine behind a store. */
export type Dialect = 'duckdb' | 'postgres';

/** A result row as plain values: numbers (bigints too), strings (dates and timestamps too), booleans, null. */
export type Row = Record<string, unknown>;

/** A column of values for `insertColumns`: NaN and null are stored as NULL. */
export type TypedColumn =
  | { readonly type: 'bigint' | 'double'; readonly values: ArrayLike<number> }
  | { readonly type: 'varchar'; readonly values: ArrayLike<string | null> };

/** Rows read as columns: the first column as text, the rest as numbers (NULL = NaN). */
export interface NumericColumns {
  readonly ids: string[];
  readonly columns: Float64Array[];
  readonly rows: number;
}

/**
 * What the monitor and the server need of a database: statements, rows as plain objects,
 * transactions, bulk insert of typed columns and bulk reads of numeric columns. One
 * implementation per engine (DuckDB file, PostgreSQL server); parameters are `$1`, `$2`, ….
 */
export interface Db {
  readonly dialect: Dialect;
  /** Runs a statement; returns the number of rows it inserted, updated or deleted. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Runs a query and returns its rows (bigints as numbers, dates and timestamps as text). */
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /**
   * Runs `body` in one transaction on one connection: committed when it returns, rolled back
   * when it throws. Inside `body`, `transaction` runs its body in the same transaction.
   */
  transaction<T>(body: (db: Db) => Promise<T>): Promise<T>;
  /** Appends rows given as columns (equal lengths, in the table's column order) to `table`. */
  insertColumns(table: string, columns: readonly TypedColumn[]): Promise<void>;
  /** Reads a query whose first column is text and the others numbers, as typed arrays, in chunks. */
  numericColumns(sql: string, numbers: number): Promise<NumericColumns>;
  /** Ends the connections. */
  close(): Promise<void>;
}

/**
 * The first cell of a query's first row as a number (a count, the next value of a sequence).
 * @example await firstNumber(db, "SELECT nextval('case_seq')") // 7
 */
export async function firstNumber(db: Pick<Db, 'all'>, sql: string): Promise<number> {
  const rows = await db.all(sql);
  const first = rows[0] === undefined ? undefined : Object.values(rows[0])[0];
  return Number(first ?? 0);
}

/**
 * Grows typed arrays as chunks of rows arrive: `ensure(n)` before writing rows up to `n`.
 * @example const g = growingColumns(2); g.ensure(10); g.columns[0][9] = 1;
 */
export function growingColumns(count: number): {
  columns: Float64Array[];
  ensure(rows: number, filled: number): void;
} {
  const g = {
    columns: Array.from({ length: count }, () => new Float64Array(1024)),
    ensure(rows: number, filled: number) {
      const capacity = g.columns[0]?.length ?? Infinity;
      if (rows <= capacity) return;
      let cap = capacity;
      while (rows > cap) cap *= 2;
      g.columns = g.columns.map((col) => {
        const grown = new Float64Array(cap);
        grown.set(col.subarray(0, filled));
        return grown;
      });
    },
  };
  return g;
}
