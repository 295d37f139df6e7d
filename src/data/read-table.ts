import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { dataFormat } from './data-format.js';
import { parseIsoTime, type DataColumn, type DataTable } from './data-table.js';
import { readStatTable } from './read-labelled.js';
import { columnNames, readColumns } from './read.js';

/**
 * Reads every column of a data file of any format povrisk knows into a `DataTable`: .dta and
 * .sav with their labels and formats; CSV/TSV, Parquet and Excel as text first, a column
 * becoming numeric when every non-empty cell is a number (empty, `NA` and `.` are missing).
 * For whole-file work (describe, convert); estimators read only their columns (`readColumns`).
 * @example const table = await readTable('households.csv', { encoding: 'gb18030' });
 */
export async function readTable(
  path: string,
  options: { encoding?: string | undefined } = {},
): Promise<DataTable> {
  const format = dataFormat(path);
  if (format === null) throw new UserError(messages.unknownFormat(path));
  if (format === 'dta' || format === 'sav') return readStatTable(path, options);
  const names = await columnNames(path, options);
  const data = await readColumns(path, { text: names, encoding: options.encoding });
  const columns = names.map((name) =>
    Object.freeze(inferColumn(name, data.text.get(name) as readonly (string | null)[])),
  );
  return Object.freeze({ path, rows: data.rows, label: '', columns: Object.freeze(columns) });
}

const MISSING = new Set(['', 'NA', '.']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?$/;

/** A text column whose every cell is an ISO 8601 date (or every one a date-time), as numbers. */
function timeColumn(
  strings: readonly (string | null)[],
): { time: 'date' | 'datetime'; numbers: Float64Array } | null {
  const present = strings.filter((s): s is string => s !== null);
  if (present.length === 0) return null;
  const time = present.every((s) => DATE.test(s))
    ? 'date'
    : present.every((s) => DATETIME.test(s))
      ? 'datetime'
      : null;
  if (time === null) return null;
  const numbers = new Float64Array(strings.length);
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i];
    const x = s === null ? NaN : parseIsoTime(s, time);
    if (x === null) return null;
    numbers[i] = x;
  }
  return { time, numbers };
}

function inferColumn(name: string, cells: readonly (string | null)[]): DataColumn {
  const numbers = new Float64Array(cells.length);
  let missing = 0;
  let numeric = true;
  for (let i = 0; i < cells.length && numeric; i++) {
    const s = cells[i]?.trim() ?? '';
    if (MISSING.has(s)) {
      numbers[i] = NaN;
      missing++;
      continue;
    }
    const x = Number(s);
    if (Number.isFinite(x)) numbers[i] = x;
    else numeric = false;
  }
  const base = {
    name,
    label: null,
    format: null,
    time: null,
    valueLabels: new Map<number, string>(),
    missingLabels: {},
    tags: null,
  };
  if (numeric) {
    return {
      ...base,
      type: 'number',
      numbers,
      strings: null,
      missing,
      missingCodes: missing > 0 ? { '.': missing } : {},
    };
  }
  const strings = cells.map((s) => (s === null || s === '' ? null : s));
  const empty = strings.filter((s) => s === null).length;
  const time = timeColumn(strings);
  if (time) {
    return {
      ...base,
      type: 'number',
      format: time.time === 'date' ? '%td' : '%tc',
      time: time.time,
      numbers: time.numbers,
      strings: null,
      missing: empty,
      missingCodes: empty > 0 ? { '.': empty } : {},
    };
  }
  return {
    ...base,
    type: 'text',
    numbers: null,
    strings,
    missing: empty,
    missingCodes: empty > 0 ? { '.': empty } : {},
  };
}
