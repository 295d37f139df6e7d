/* The table a writer takes (CSV, Parquet, .dta): columns of equal length, typed per column. */

/** One column of a table to write, typed so that no row objects are ever built. */
export type TableColumn =
  /** Numbers; NaN is written as missing. */
  | { readonly name: string; readonly type: 'double'; readonly values: Float64Array }
  /** Whole numbers within ±2³¹; NaN is written as missing. */
  | { readonly name: string; readonly type: 'integer'; readonly values: Float64Array | Int32Array }
  /** 1 true, 0 false, −1 missing. */
  | { readonly name: string; readonly type: 'boolean'; readonly values: Int8Array }
  /** Codes into `labels`; a negative code, or an empty label, is written as missing. */
  | {
      readonly name: string;
      readonly type: 'category';
      readonly codes: Int8Array | Uint8Array | Int16Array | Uint16Array;
      readonly labels: readonly string[];
    }
  | { readonly name: string; readonly type: 'text'; readonly values: readonly (string | null)[] };

/** A table as columns of equal length. */
export interface Table {
  readonly rows: number;
  readonly columns: readonly TableColumn[];
}
