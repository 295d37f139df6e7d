import { stat } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import type { ColumnData, ReadOptions } from './columns.js';

/** True for an Excel workbook path (`.xlsx`). @example isXlsx('survey.xlsx') // true */
export const isXlsx = (path: string): boolean => /\.xlsx$/i.test(path);

type Sheet = ExcelJS.Worksheet;

async function openSheet(path: string, sheet?: string | null): Promise<Sheet> {
  try {
    if (!(await stat(path)).isFile()) throw new Error('not a file');
  } catch {
    throw new UserError(messages.fileNotFound(path));
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (e) {
    throw new UserError(messages.malformed(path, e instanceof Error ? e.message : String(e)));
  }
  const ws = sheet ? workbook.getWorksheet(sheet) : workbook.worksheets[0];
  if (!ws) {
    if (sheet) {
      const names = workbook.worksheets.map((w) => w.name);
      throw new UserError(
        messages.malformed(path, `no worksheet '${sheet}' (worksheets: ${names.join(', ')})`),
      );
    }
    throw new UserError(messages.study.xlsxNoSheet(path));
  }
  return ws;
}

/** A cell's plain value: formulas give their cached result, rich text its text. */
function plain(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && !(value instanceof Date)) {
    if ('result' in value) return plain(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return value.text;
    if ('error' in value) return value.error;
  }
  return value;
}

function headerOf(path: string, ws: Sheet): string[] {
  const names: string[] = [];
  const row = ws.getRow(1);
  for (let c = 1; c <= row.cellCount; c++) {
    const v = plain(row.getCell(c).value);
    names.push(v === null ? '' : String(v).trim());
  }
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  if (names.length === 0) throw new UserError(messages.fileEmpty(path));
  const seen = new Set<string>();
  names.forEach((n, i) => {
    if (n === '')
      throw new UserError(messages.malformed(path, `header column ${i + 1} has no name`));
    if (seen.has(n)) throw new UserError(messages.malformed(path, `header repeats column '${n}'`));
    seen.add(n);
  });
  return names;
}

/**
 * The column names of a worksheet (default the first): its first row.
 * @example await xlsxColumnNames('survey.xlsx') // ['household_id', 'county', ...]
 */
export async function xlsxColumnNames(path: string, options: { sheet?: string | null } = {}) {
  return headerOf(path, await openSheet(path, options.sheet));
}

/**
 * Reads the named columns of an Excel worksheet (default the first; the first row is the
 * header) into the same `ColumnData` as `readColumns`: numbers as Float64Array with NaN for
 * empty cells, `NA` and `.`; numbers stored as text are accepted; any other cell in a numeric
 * column is an error naming the column, the data row and the value. Formula cells give their
 * saved result. Trailing empty rows are ignored.
 * @example const data = await readXlsxColumns('survey.xlsx', { numeric: ['income'] });
 */
export async function readXlsxColumns(
  path: string,
  options: ReadOptions & { sheet?: string | null } = {},
): Promise<ColumnData> {
  const ws = await openSheet(path, options.sheet);
  const names = headerOf(path, ws);
  const numericNames = [...(options.numeric ?? [])];
  const textNames = [...(options.text ?? [])];
  for (const name of [...numericNames, ...textNames]) {
    if (!names.includes(name)) throw new UserError(messages.unknownColumn(path, name, names));
  }
  let last = 1;
  ws.eachRow((row, r) => {
    if (row.hasValues) last = Math.max(last, r);
  });
  const rows = last - 1;
  if (rows === 0) throw new UserError(messages.headerOnly(path));
  const numeric = new Map<string, Float64Array>();
  for (const name of numericNames) {
    const c = names.indexOf(name) + 1;
    const col = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      const v = plain(ws.getRow(i + 2).getCell(c).value);
      if (typeof v === 'number') col[i] = v;
      else if (typeof v === 'boolean') col[i] = v ? 1 : 0;
      else if (v === null || (typeof v === 'string' && ['', 'NA', '.'].includes(v.trim())))
        col[i] = NaN;
      else {
        const x = typeof v === 'string' ? Number(v.trim()) : NaN;
        if (!Number.isFinite(x))
          throw new UserError(messages.study.xlsxBadCell(path, name, i + 1, String(v)));
        col[i] = x;
      }
    }
    numeric.set(name, col);
  }
  const text = new Map<string, (string | null)[]>();
  for (const name of textNames) {
    const c = names.indexOf(name) + 1;
    text.set(
      name,
      Array.from({ length: rows }, (_, i) => {
        const v = plain(ws.getRow(i + 2).getCell(c).value);
        return v === null || v === '' ? null : v instanceof Date ? v.toISOString() : String(v);
      }),
    );
  }
  return Object.freeze({ path, rows, numeric, text });
}
