import type { Table, TableColumn } from '../data/write-table.js';
import { BAND_LABELS, CAUSE_LABELS, GROUP_LABELS } from './classify.js';
import type { VepResult } from './vep.js';

/**
 * The per-household output of `povrisk vep --out`: one row per input row, in input order:
 * `id` (the given ids, else the 1-based row number), `vulnerability`, `mean_log_income`,
 * `sd_log_income`, `poor_now`, `band`, `vulnerable`, `group`, `cause`, `status`.
 * @example await writeTable('vep.csv', householdTable(result, { ids: data.text.get('hid') }))
 */
export function householdTable(
  result: VepResult,
  options: { ids?: readonly (string | null)[] | undefined; idName?: string } = {},
): Table {
  const n = result.rows;
  const idName = options.idName ?? 'id';
  const id: TableColumn = options.ids
    ? { name: idName, type: 'text', values: options.ids }
    : { name: idName, type: 'integer', values: rowNumbers(n) };
  return {
    rows: n,
    columns: [
      id,
      { name: 'vulnerability', type: 'double', values: result.vulnerability },
      { name: 'mean_log_income', type: 'double', values: result.meanLogIncome },
      { name: 'sd_log_income', type: 'double', values: result.sdLogIncome },
      { name: 'poor_now', type: 'boolean', values: result.poorNow },
      { name: 'band', type: 'category', codes: result.band, labels: BAND_LABELS },
      { name: 'vulnerable', type: 'boolean', values: result.vulnerable },
      { name: 'group', type: 'category', codes: result.group, labels: GROUP_LABELS },
      { name: 'cause', type: 'category', codes: result.cause, labels: CAUSE_LABELS },
      { name: 'status', type: 'category', codes: result.status, labels: result.statusLabels },
    ],
  };
}

/** 1, 2, …, n. */
function rowNumbers(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i + 1;
  return out;
}
