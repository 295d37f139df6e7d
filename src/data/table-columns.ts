import type { DataColumn, DataTable } from './data-table.js';
import type { Table, TableColumn } from './table.js';

const plain = {
  label: null,
  format: null,
  time: null,
  valueLabels: new Map<number, string>(),
  missingLabels: {},
  missingCodes: {},
  tags: null,
} as const;

/**
 * A results `Table` (what estimators hand to `writeTable`) as a `DataTable`, for the writers
 * that take one (.dta): numbers stay numbers (NaN missing), booleans become 1/0, a category
 * column becomes codes 1, 2, … with its labels as value labels, text stays text.
 * @example dataTableOf('vep.dta', householdTable(result, {}))
 */
export function dataTableOf(path: string, table: Table): DataTable {
  const columns = table.columns.map((c) => Object.freeze(columnOf(c, table.rows)));
  return Object.freeze({ path, rows: table.rows, label: '', columns });
}

function columnOf(c: TableColumn, rows: number): DataColumn {
  const base = { ...plain, name: c.name, strings: null };
  switch (c.type) {
    case 'double':
    case 'integer': {
      const numbers = Float64Array.from(c.values);
      return { ...base, type: 'double', numbers, missing: countNaN(numbers) };
    }
    case 'boolean': {
      const numbers = new Float64Array(rows);
      for (let i = 0; i < rows; i++) numbers[i] = c.values[i] < 0 ? NaN : c.values[i];
      return { ...base, type: 'byte', numbers, missing: countNaN(numbers) };
    }
    case 'category': {
      const numbers = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        const k = c.codes[i];
        numbers[i] = k < 0 || k >= c.labels.length || c.labels[k] === '' ? NaN : k + 1;
      }
      const valueLabels = new Map<number, string>();
      c.labels.forEach((l, k) => l !== '' && valueLabels.set(k + 1, l));
      return { ...base, type: 'byte', numbers, valueLabels, missing: countNaN(numbers) };
    }
    case 'text':
      return {
        ...base,
        type: 'text',
        numbers: null,
        strings: c.values.map((s) => (s === '' ? null : s)),
        missing: c.values.filter((s) => s === null || s === '').length,
      };
  }
}

function countNaN(x: Float64Array): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== x[i]) n++;
  return n;
}
