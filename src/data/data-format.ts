import { extname } from 'node:path';

/** File formats povrisk reads. */
export type DataFormat = 'csv' | 'parquet' | 'xlsx' | 'dta' | 'sav';

/**
 * The format of a data file, from its extension: `.csv`/`.tsv`/`.tab`/`.txt` (delimited text),
 * `.parquet`/`.pq`, `.xlsx`, `.dta` (Stata), `.sav`/`.zsav` (SPSS); null for anything else.
 * Every reader (readColumns, readTable, monitor import) dispatches on this one function.
 * @example dataFormat('cfps2018.dta') // 'dta'
 */
export function dataFormat(path: string): DataFormat | null {
  const ext = extname(path).toLowerCase();
  if (['.csv', '.tsv', '.tab', '.txt'].includes(ext)) return 'csv';
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.dta') return 'dta';
  if (ext === '.sav' || ext === '.zsav') return 'sav';
  return null;
}
