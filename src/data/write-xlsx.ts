import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import type { Table } from './write-table.js';

/**
 * Writes a table to an Excel workbook (one worksheet, `data`; the header in row 1), numbers as
 * numbers and missing values as empty cells, atomically (a temporary file renamed).
 * @example await writeXlsx('households.xlsx', toPlainTable(table))
 */
export async function writeXlsx(path: string, table: Table): Promise<void> {
  const temp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: temp });
    const sheet = workbook.addWorksheet('data');
    sheet.addRow(table.columns.map((c) => c.name)).commit();
    for (let i = 0; i < table.rows; i++) {
      const row = table.columns.map((c) => {
        switch (c.type) {
          case 'double':
          case 'integer': {
            const v = c.values[i];
            return Number.isNaN(v) ? null : v;
          }
          case 'boolean':
            return c.values[i] < 0 ? null : c.values[i] === 1;
          case 'category': {
            const k = c.codes[i];
            return k < 0 || k >= c.labels.length || c.labels[k] === '' ? null : c.labels[k];
          }
          case 'text':
            return c.values[i];
        }
      });
      sheet.addRow(row).commit();
    }
    sheet.commit();
    await workbook.commit();
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw new UserError(
      messages.writeFailed(path, e instanceof Error ? e.message.split('\n')[0] : String(e)),
    );
  }
}
