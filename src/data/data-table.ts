/**
 * A table read whole from a statistical file (.dta, .sav) or converted from CSV/Parquet/Excel:
 * column-major, numbers in Float64Array (NaN = missing), with the metadata statistical packages
 * keep (variable labels, value labels, display formats, which missing code each cell had).
 */
export interface DataTable {
  readonly path: string;
  readonly rows: number;
  /** The dataset label ('' for none). */
  readonly label: string;
  readonly columns: readonly DataColumn[];
}

/** Missing-value codes: Stata's `.` and `.a`–`.z`, SPSS's `sysmis` and user-missing values. */
export const MISSING_CODES = ['.', ...'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => `.${c}`)];

/** One column of a `DataTable`. */
export interface DataColumn {
  readonly name: string;
  /**
   * Storage type as the source names it: Stata's byte, int, long, float, double, str#, strL;
   * SPSS's numeric, string; CSV's number, text.
   */
  readonly type: string;
  /** Variable label, null when it has none. */
  readonly label: string | null;
  /** Display format (`%td`, `%tc`, `%9.0g`, `F8.2`, `DATE11`), null when none. */
  readonly format: string | null;
  /** 'date' (days since 1960-01-01), 'datetime' (ms since 1960-01-01 00:00), or null. */
  readonly time: 'date' | 'datetime' | null;
  /** Numbers (numeric columns), NaN for missing. */
  readonly numbers: Float64Array | null;
  /** Text (string columns), null for missing (an empty string is missing). */
  readonly strings: readonly (string | null)[] | null;
  /** Labels of values: code → label. Empty when the column has none. */
  readonly valueLabels: ReadonlyMap<number, string>;
  /** Labels of missing codes ('.a' → 'refused'). */
  readonly missingLabels: Readonly<Record<string, string>>;
  /** Missing cells in all. */
  readonly missing: number;
  /** Missing cells by code: { '.': 3, '.a': 1 }; only codes that occur. */
  readonly missingCodes: Readonly<Record<string, number>>;
  /** Each row's missing code as an index into MISSING_CODES + 1 (0: present); null if none. */
  readonly tags: Uint8Array | null;
}

const EPOCH_1960 = Date.UTC(1960, 0, 1);

/**
 * A Stata date (`%td`: days since 1 January 1960) or datetime (`%tc`: milliseconds since then,
 * no leap seconds) as ISO 8601 text: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS` (fractions of a
 * second are kept when present). NaN gives null.
 * @example isoTime(0, 'date') // '1960-01-01'
 */
export function isoTime(value: number, time: 'date' | 'datetime'): string | null {
  if (!Number.isFinite(value)) return null;
  const ms = time === 'date' ? EPOCH_1960 + Math.round(value) * 86_400_000 : EPOCH_1960 + value;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return null;
  const iso = d.toISOString();
  if (time === 'date') return iso.slice(0, 10);
  return d.getUTCMilliseconds() === 0 ? iso.slice(0, 19) : iso.slice(0, 23);
}

/**
 * Parses ISO 8601 text back into a Stata date or datetime (null when it is not one).
 * @example parseIsoTime('1960-01-02', 'date') // 1
 */
export function parseIsoTime(text: string, time: 'date' | 'datetime'): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2}(?:\.\d+)?))?Z?$/.exec(
    text.trim(),
  );
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), 0) + +(m[6] ?? 0) * 1000;
  return time === 'date' ? Math.floor((ms - EPOCH_1960) / 86_400_000) : ms - EPOCH_1960;
}

/**
 * A cell as text the way a user reads it: its value label when it has one (or the label of its
 * missing code), a date as ISO 8601, a number in full precision; null when missing and unlabelled.
 * @example cellText(column, 0) // '男' for a labelled sex code 1
 */
export function cellText(column: DataColumn, row: number): string | null {
  if (column.strings) return column.strings[row];
  const x = (column.numbers as Float64Array)[row];
  if (Number.isNaN(x)) {
    const tag = column.tags?.[row] ?? 0;
    return tag > 0 ? (column.missingLabels[MISSING_CODES[tag - 1]] ?? null) : null;
  }
  const label = column.valueLabels.get(x);
  if (label !== undefined) return label;
  if (column.time) return isoTime(x, column.time);
  return String(x);
}

/**
 * A cell as text with codes, not labels: the number (a date as ISO 8601), or the string.
 * @example codeText(column, 0) // '1'
 */
export function codeText(column: DataColumn, row: number): string | null {
  if (column.strings) return column.strings[row];
  const x = (column.numbers as Float64Array)[row];
  if (Number.isNaN(x)) return null;
  return column.time ? isoTime(x, column.time) : String(x);
}
