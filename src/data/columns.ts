/*
 * The column types every reader returns and every estimator takes: one module that the readers
 * (DuckDB, Excel, Stata, SPSS) and their callers import, so no reader imports another.
 */

/** What a statistical file (.dta, .sav) says about a column. */
export interface ColumnInfo {
  /** Variable label, null when none. */
  readonly label: string | null;
  /** Value labels, code → label (empty when none). */
  readonly valueLabels: ReadonlyMap<number, string>;
  /** Display format (`%td`, `%9.0g`, `F8.2`), null when none. */
  readonly format: string | null;
  readonly time: 'date' | 'datetime' | null;
}

/** Columns read from a file: numbers as Float64Array (NaN = missing), text as strings. */
export interface ColumnData {
  readonly path: string;
  readonly rows: number;
  readonly numeric: ReadonlyMap<string, Float64Array>;
  /** Missing cells (NaN) in each numeric column, where the reader counted them. */
  readonly missing?: ReadonlyMap<string, number>;
  readonly text: ReadonlyMap<string, readonly (string | null)[]>;
  /** The columns asked for as `ReadOptions.coded`: codes into their distinct values. */
  readonly coded?: ReadonlyMap<string, CodedText>;
  /**
   * The numeric columns' storage (CSV, TSV, Parquet): `reserve` free columns, then the numeric
   * columns in the order asked for, side by side (`rows` each) in one SharedArrayBuffer.
   */
  readonly block?: { readonly data: Float64Array; readonly reserve: number };
  /**
   * Labels and formats of every column of a .dta or .sav file (absent for CSV, Parquet, Excel):
   * a study's `levels: from-labels` and report group rows read value labels from here.
   */
  readonly info?: ReadonlyMap<string, ColumnInfo>;
}

/**
 * A text column as codes into its distinct values: `levels[codes[i]]` is row i's value, code −1
 * a missing one. Levels are in order of first appearance.
 */
export interface CodedText {
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

/**
 * Which columns to read, and how. Defaults: none of either; `reserve: 0`; no callbacks.
 * `reserve` leaves that many free columns before the numeric ones in `block`, for the caller
 * to fill: a column of ones there makes [1, numeric columns…] a design matrix without a copy.
 */
export interface ReadOptions {
  readonly numeric?: readonly string[];
  readonly text?: readonly string[];
  /**
   * Text columns to return as codes (`ColumnData.coded`) rather than strings: for grouping
   * columns of millions of rows and few distinct values, one Int32Array instead of an array of
   * strings that every garbage collection walks.
   */
  readonly coded?: readonly string[];
  readonly reserve?: number;
  /**
   * Text encoding: of a CSV/TSV file (default: detected, UTF-8 or else GB18030) or of a Stata
   * file before release 118 (default windows-1252). Ignored for Parquet and Excel.
   */
  readonly encoding?: string | undefined;
  /**
   * Called once, when DuckDB has begun parsing the file on its own threads. The calling
   * thread waits idle from then until the columns arrive: work started here (loading the
   * modules that will use the data, say) overlaps the parse. Not called for .xlsx files.
   */
  readonly onParse?: () => void;
  /**
   * Called as the numbers arrive, after each chunk of rows DuckDB hands over: rows
   * 0..rows−1 of every numeric column are then in `block` (the array `ColumnData.block`
   * will hold), for a caller that starts on them before the read is over. A read that starts
   * again (a cell that is not a number sends it down a slower, checking path) writes into a
   * new block. Not called for .xlsx files.
   */
  readonly onRows?: (block: Float64Array, rows: number) => void;
}
