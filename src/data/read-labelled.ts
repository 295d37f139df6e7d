import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { cellText, type DataColumn, type DataTable } from './data-table.js';
import { dataFormat } from './data-format.js';
import type { ColumnData, ColumnInfo, ReadOptions } from './columns.js';

/**
 * Reads a statistical file (.dta, .sav) whole, only the named columns.
 * @example await readStatTable('cfps.dta', { columns: ['income'] })
 */
export async function readStatTable(
  path: string,
  options: { columns?: readonly string[]; encoding?: string | undefined } = {},
): Promise<DataTable> {
  const encoding = options.encoding;
  if (dataFormat(path) === 'sav') {
    return (await import('./read-sav.js')).readSav(path, { columns: options.columns, encoding });
  }
  return (await import('./read-dta.js')).readDta(path, { columns: options.columns, encoding });
}

/**
 * Reads the named columns of a Stata .dta or SPSS .sav file into the `ColumnData` every
 * estimator takes. Numeric columns arrive as stored (NaN for every missing code; a string
 * column asked for as numeric must hold numbers, or the first cell that does not is named).
 * Text columns give each cell as users read it: its value label when it has one, a date as
 * ISO 8601. `info` keeps each column's variable label, value labels and display format.
 * @example const data = await readLabelledColumns('cfps.dta', { numeric: ['income'], text: ['county'] });
 */
export async function readLabelledColumns(
  path: string,
  options: ReadOptions = {},
): Promise<ColumnData> {
  const numericNames = [...(options.numeric ?? [])];
  const textNames = [...(options.text ?? [])];
  const names = [...new Set([...numericNames, ...textNames])];
  const table = await readStatTable(path, { columns: names, encoding: options.encoding });
  const rows = table.rows;
  if (rows === 0) throw new UserError(messages.headerOnly(path));
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const reserve = Math.max(0, Math.floor(options.reserve ?? 0));
  const block = new Float64Array(new SharedArrayBuffer((reserve + numericNames.length) * rows * 8));
  const numeric = new Map<string, Float64Array>();
  const missing = new Map<string, number>();
  numericNames.forEach((name, j) => {
    const column = byName.get(name) as DataColumn;
    const out = block.subarray((reserve + j) * rows, (reserve + j + 1) * rows);
    missing.set(name, fillNumbers(path, column, out));
    numeric.set(name, out);
  });
  options.onRows?.(block, rows);
  const text = new Map<string, (string | null)[]>();
  for (const name of textNames) {
    const column = byName.get(name) as DataColumn;
    text.set(
      name,
      Array.from({ length: rows }, (_, i) => cellText(column, i)),
    );
  }
  const info = new Map<string, ColumnInfo>(
    table.columns.map((c) => [
      c.name,
      Object.freeze({
        label: c.label,
        valueLabels: c.valueLabels,
        format: c.format,
        time: c.time,
      }),
    ]),
  );
  return Object.freeze({
    path,
    rows,
    numeric,
    missing,
    text,
    info,
    block: Object.freeze({ data: block, reserve }),
  });
}

function fillNumbers(path: string, column: DataColumn, out: Float64Array): number {
  if (column.numbers) {
    out.set(column.numbers);
    return column.missing;
  }
  const strings = column.strings as readonly (string | null)[];
  let missing = 0;
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i]?.trim() ?? '';
    if (s === '' || s === 'NA' || s === '.') {
      out[i] = NaN;
      missing++;
      continue;
    }
    const x = Number(s);
    if (!Number.isFinite(x)) {
      throw new UserError(messages.nonNumeric(path, column.name, i + 1, strings[i] as string));
    }
    out[i] = x;
  }
  return missing;
}
