import type { Command } from 'commander';
import { readTable } from '../data/read-table.js';
import { describeTable, describeText } from '../report/describe-text.js';
import { tableDescriptionJson } from '../report/result-json.js';

interface DescribeFlags {
  encoding?: string;
  json?: boolean;
}

/**
 * Registers `povrisk describe FILE [--encoding E] [--json]`: rows, and per column its type,
 * variable label, value labels and missing cells (by Stata missing code), like Stata's
 * `describe` and `codebook`.
 * @example registerDescribe(program)
 */
export function registerDescribe(program: Command): void {
  program
    .command('describe')
    .description("Codebook of a data file: rows, and each column's type, labels and missing values")
    .argument('<file>', 'data file (.csv, .tsv, .txt, .parquet, .xlsx, .dta, .sav)')
    .option(
      '--encoding <name>',
      'text encoding: of a CSV (default: detected, UTF-8 or GB18030) or of a Stata file before release 118 (default windows-1252; Chinese: gb18030)',
    )
    .option(
      '--json',
      'print one JSON object: {rows, columns: [{name, type, label, value_labels, missing}]}',
    )
    .action(async (file: string, flags: DescribeFlags) => {
      const d = describeTable(await readTable(file, { encoding: flags.encoding }));
      process.stdout.write(
        flags.json ? `${JSON.stringify(tableDescriptionJson(d))}\n` : `${describeText(d)}\n`,
      );
    });
}
