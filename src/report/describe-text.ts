import type { DataTable } from '../data/data-table.js';
import { textTable } from './text-table.js';

/** One column of a codebook (`tableDescriptionJson` gives `povrisk describe --json`). */
export interface ColumnDescription {
  readonly name: string;
  readonly type: string;
  readonly label: string | null;
  readonly format: string | null;
  readonly valueLabels: Readonly<Record<string, string>>;
  readonly missing: number;
  /** Missing cells by code ('.', '.a'…'.z'; 'user' for SPSS user-missing values). */
  readonly missingCodes: Readonly<Record<string, number>>;
}

/** A codebook; `povrisk describe --json` prints its `tableDescriptionJson` (result-json.ts). */
export interface TableDescription {
  readonly file: string;
  readonly rows: number;
  readonly label: string | null;
  readonly columns: readonly ColumnDescription[];
}

/**
 * A table's codebook, like Stata's `describe` and `codebook`: rows, and per column its name,
 * storage type, variable label, display format, value labels and missing cells by code.
 * @example describeTable(await readTable('cfps.dta')).columns[0].label
 */
export function describeTable(table: DataTable): TableDescription {
  return Object.freeze({
    file: table.path,
    rows: table.rows,
    label: table.label === '' ? null : table.label,
    columns: table.columns.map((c) => {
      const labels: Record<string, string> = {};
      for (const [code, label] of [...c.valueLabels].sort((a, b) => a[0] - b[0]))
        labels[String(code)] = label;
      Object.assign(labels, c.missingLabels);
      return Object.freeze({
        name: c.name,
        type: c.type,
        label: c.label,
        format: c.format,
        valueLabels: labels,
        missing: c.missing,
        missingCodes: c.missingCodes,
      });
    }),
  });
}

/**
 * The codebook as an aligned text table (value labels shortened past `maxLabels`, default 6).
 * @example describeText(describeTable(table))
 */
export function describeText(d: TableDescription, options: { maxLabels?: number } = {}): string {
  const max = options.maxLabels ?? 6;
  const rows = d.columns.map((c) => {
    const labels = Object.entries(c.valueLabels);
    const shown = labels.slice(0, max).map(([code, label]) => `${code} ${label}`);
    if (labels.length > max) shown.push(`… (${labels.length} labels)`);
    const codes = Object.entries(c.missingCodes);
    const byCode =
      codes.length > 1 || (codes.length === 1 && codes[0][0] !== '.')
        ? ` (${codes.map(([k, n]) => `${k} ${n}`).join(', ')})`
        : '';
    return [
      c.name,
      c.type,
      c.format ?? '',
      c.label ?? '',
      shown.join('; '),
      `${c.missing}${byCode}`,
    ];
  });
  const head = `${d.file}: ${d.rows} row(s), ${d.columns.length} column(s)${d.label ? ` — ${d.label}` : ''}`;
  const table = textTable([
    ['column', 'type', 'format', 'label', 'value labels', 'missing'],
    ...rows,
  ]);
  return `${head}\n${table}`;
}
