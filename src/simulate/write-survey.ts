import { duckdb } from '../data/duckdb.js';
import { open, rename, rm } from 'node:fs/promises';
import { extname } from 'node:path';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { quoteIdent } from '../data/source.js';
import type { SimulatedSurvey, SurveyColumn } from './survey-columns.js';

const { DuckDBInstance } = duckdb;

const ROWS_PER_CHUNK = 8192;

const WRITE_ERRORS: Record<string, string> = {
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EISDIR: 'it is a folder',
};

/**
 * Writes a simulated survey as CSV (streamed in chunks of rows, never a string of the whole
 * file) or Parquet (through DuckDB, with INTEGER, DOUBLE and VARCHAR columns), chosen by the
 * extension. The file is written under a temporary name and renamed, so a reader never sees
 * half a file. The output is a function of the survey alone: same survey, same bytes.
 * @example await writeSurvey(simulateSurvey({ households: 676 }), 'survey.csv');
 */
export async function writeSurvey(survey: SimulatedSurvey, path: string): Promise<void> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.csv' && ext !== '.parquet') {
    throw new UserError(messages.unknownOutputFormat(path));
  }
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    if (ext === '.csv') await writeCsv(survey, tmp);
    else await writeParquet(survey, tmp);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    await rm(`${tmp}.csv`, { force: true });
    if (e instanceof UserError) throw e;
    const reason = WRITE_ERRORS[(e as NodeJS.ErrnoException).code ?? ''];
    if (reason) throw new UserError(messages.writeFailed(path, reason));
    throw e;
  }
}

function cell(column: SurveyColumn, i: number): string {
  const v = column.values[i];
  if (column.levels) return csvText(column.levels[v]);
  return String(v);
}

function csvText(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

async function writeCsv(survey: SimulatedSurvey, path: string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    const cols = survey.columns;
    await handle.write(`${cols.map((c) => csvText(c.name)).join(',')}\n`);
    for (let start = 0; start < survey.rows; start += ROWS_PER_CHUNK) {
      const end = Math.min(survey.rows, start + ROWS_PER_CHUNK);
      const lines: string[] = new Array(end - start);
      for (let i = start; i < end; i++) {
        let line = cell(cols[0], i);
        for (let c = 1; c < cols.length; c++) line += `,${cell(cols[c], i)}`;
        lines[i - start] = line;
      }
      await handle.write(`${lines.join('\n')}\n`);
    }
  } finally {
    await handle.close();
  }
}

const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

async function writeParquet(survey: SimulatedSurvey, path: string): Promise<void> {
  const csv = `${path}.csv`;
  await writeCsv(survey, csv);
  const types = survey.columns.map((c) => {
    const type = c.type === 'text' ? 'VARCHAR' : c.type === 'integer' ? 'BIGINT' : 'DOUBLE';
    return `${sqlString(c.name)}: '${type}'`;
  });
  const select = survey.columns.map((c) => quoteIdent(c.name)).join(', ');
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    await connection.run(
      `COPY (SELECT ${select} FROM read_csv(${sqlString(csv)}, header = true, columns = {${types.join(', ')}})) ` +
        `TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(csv, { force: true });
  }
}
