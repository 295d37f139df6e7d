import { cellText, isoTime, type DataColumn, type DataTable } from './data-table.js';
import type { Table, TableColumn } from './write-table.js';

/** How `toPlainTable` writes labelled values: their codes (default) or their labels. */
export type LabelMode = 'codes' | 'labels';

/**
 * A `DataTable` as plain columns for CSV, Parquet and Excel, which keep no labels: a
 * value-labelled column as its codes (or, with `labels: 'labels'`, its labels, codes without
 * a label staying codes), `%td`/`%tc` dates as ISO 8601 text (`YYYY-MM-DD`,
 * `YYYY-MM-DDTHH:MM:SS`), whole numbers as integers, missing values as empty cells.
 * @example toPlainTable(await readTable('cfps.dta'), { labels: 'codes' })
 */
export function toPlainTable(table: DataTable, options: { labels?: LabelMode } = {}): Table {
  const mode = options.labels ?? 'codes';
  return Object.freeze({
    rows: table.rows,
    columns: table.columns.map((c) => Object.freeze(plainColumn(c, table.rows, mode))),
  });
}

const INT_MAX = 2 ** 31 - 1;

function plainColumn(c: DataColumn, rows: number, mode: LabelMode): TableColumn {
  if (c.strings) return { name: c.name, type: 'text', values: c.strings };
  const x = c.numbers as Float64Array;
  if (c.time) {
    const time = c.time;
    return { name: c.name, type: 'text', values: Array.from(x, (v) => isoTime(v, time)) };
  }
  const labelled = c.valueLabels.size > 0 || Object.keys(c.missingLabels).length > 0;
  if (mode === 'labels' && labelled) {
    return {
      name: c.name,
      type: 'text',
      values: Array.from({ length: rows }, (_, i) => cellText(c, i)),
    };
  }
  let whole = true;
  for (let i = 0; i < rows && whole; i++) {
    const v = x[i];
    if (v === v && (!Number.isInteger(v) || Math.abs(v) > INT_MAX || Object.is(v, -0)))
      whole = false;
  }
  return whole
    ? { name: c.name, type: 'integer', values: x }
    : { name: c.name, type: 'double', values: x };
}
