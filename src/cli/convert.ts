import { extname } from 'node:path';
import type { Command } from 'commander';
import { toPlainTable } from '../data/convert-table.js';
import { readTable } from '../data/read-table.js';
import { writeDta } from '../data/write-dta.js';
import { writeTable } from '../data/write-table.js';
import { writeXlsx } from '../data/write-xlsx.js';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';

interface ConvertFlags {
  encoding?: string;
  labels?: boolean;
}

/**
 * Registers `povrisk convert IN OUT [--labels] [--encoding E]`: between CSV, Parquet, Excel
 * and Stata .dta (and from SPSS .sav), by extension. CSV, Parquet and Excel get value-labelled
 * columns as codes (labels with `--labels`), missing values as empty cells, dates as ISO 8601;
 * a .dta (release 118) keeps variable labels, value labels, dates and missing codes.
 * @example registerConvert(program)
 */
export function registerConvert(program: Command): void {
  program
    .command('convert')
    .description('Convert a data file between CSV, Parquet, xlsx and Stata .dta (also reads .sav)')
    .argument('<in>', 'input (.csv, .tsv, .txt, .parquet, .xlsx, .dta, .sav)')
    .argument('<out>', 'output (.csv, .parquet, .xlsx, .dta)')
    .option('--labels', 'write value labels instead of codes (CSV, Parquet, xlsx)')
    .option(
      '--encoding <name>',
      'text encoding of the input: CSV (default: detected, UTF-8 or GB18030) or Stata before release 118 (default windows-1252; Chinese: gb18030)',
    )
    .action(async (input: string, output: string, flags: ConvertFlags) => {
      const ext = extname(output).toLowerCase();
      if (!['.csv', '.parquet', '.pq', '.xlsx', '.dta'].includes(ext))
        throw new UserError(messages.unknownOutputFormat(output));
      const table = await readTable(input, { encoding: flags.encoding });
      if (ext === '.dta') await writeDta(output, table);
      else {
        const plain = toPlainTable(table, { labels: flags.labels ? 'labels' : 'codes' });
        if (ext === '.xlsx') await writeXlsx(output, plain);
        else await writeTable(output, plain);
      }
      process.stdout.write(
        `${messages.converted(input, output, table.rows, table.columns.length)}\n`,
      );
    });
}
