import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { readColumns } from '../data/read.js';
import { startRowWorkers } from '../linalg/parallel-rows.js';
import { tableFormat, writeTable } from '../data/write-table.js';
import { UserError } from '../errors.js';
import { warn } from '../log.js';
import { messages } from '../messages.js';
import { vepText } from '../report/vep-text.js';
import { explainColumns } from '../vep/explain-table.js';
import { householdTable } from '../vep/household-table.js';
import { povertyLine } from '../vep/poverty-line.js';
import { VARIANCE_MODELS } from '../vep/variance-equation.js';
import { estimateVep } from '../vep/vep.js';
import { parseChoice, parseList, parseNumber } from './options.js';
import { jsonNumbers } from './regress.js';
import { vepSummaryJson } from '../report/result-json.js';

interface VepFlags {
  income: string;
  x: string;
  line?: string;
  lineUsdDay?: string;
  ppp?: string;
  cpiYear?: string;
  variance?: string;
  varianceFloor?: string;
  weights?: string;
  id?: string;
  by?: string;
  threshold?: string;
  bands?: string;
  out?: string;
  explain?: boolean;
  encoding?: string;
  json?: boolean;
}

/**
 * Registers `povrisk vep FILE --income COL --x A,B --line Z [--line-usd-day X --ppp F]
 * [--variance linear|exponential] [--variance-floor F] [--weights COL] [--id COL] [--by COL,COL]
 * [--threshold T|relative] [--bands A,B] [--out FILE.csv|.parquet [--explain]] [--json]`.
 * The paper's line is $1.90 a day at 2011 PPP: `--line-usd-day 1.9 --ppp 3.696` (the World
 * Bank's 2011 private-consumption PPP factor for China, WDI PA.NUS.PRVT.PP), z ≈ 2,563 CNY a year.
 * @example registerVep(program)
 */
export function registerVep(program: Command): void {
  program
    .command('vep')
    .description(
      'Vulnerability as expected poverty (three-step FGLS, Chaudhuri, Jalan & Suryahadi 2002)',
    )
    .argument(
      '<file>',
      'household data file (.csv, .tsv, .parquet, .xlsx, .dta, .sav), one row per household',
    )
    .requiredOption('--income <col>', 'per-capita income (per person per year)')
    .requiredOption('--x <cols>', 'household regressors, comma-separated (an intercept is added)')
    .option('--line <z>', 'poverty line per person per year, in the income currency')
    .option(
      '--line-usd-day <x>',
      'poverty line in international dollars a day (with --ppp), e.g. 1.9',
    )
    .option(
      '--ppp <f>',
      'PPP factor, local currency per international dollar (e.g. 3.696: China, 2011)',
    )
    .option(
      '--cpi-year <year>',
      "uprate the dollar line from 2011 prices to this year with China's CPI (NBS), 2011–2024",
    )
    .option(
      '--variance <model>',
      `variance equation: ${VARIANCE_MODELS.join(', ')} (default linear)`,
    )
    .option('--variance-floor <f>', 'floor of fitted variances of ln income (default 1e-4)')
    .option('--weights <col>', 'sampling weights')
    .option('--id <col>', 'household id column written to --out (default: row number)')
    .option('--by <cols>', 'columns to tabulate vulnerability by (Table 2), comma-separated')
    .option(
      '--threshold <t>',
      "vulnerable when v >= t: a number in (0, 1) or 'relative' (headcount ratio); default 0.5",
    )
    .option('--bands <a,b>', 'band cut points: low < a <= medium <= b < high (default 0.3,0.6)')
    .option(
      '--out <file>',
      'per-household results (.csv, .parquet or Stata .dta), one row per input row',
    )
    .option(
      '--explain',
      "with --out: add each term's contribution to mu and to the variance index (mean_contrib_*, variance_contrib_*)",
    )
    .option(
      '--encoding <name>',
      'text encoding of a CSV (default: detected, UTF-8 or GB18030) or of a Stata file before release 118 (default windows-1252)',
    )
    .option('--json', 'print the summary as one JSON object')
    .action(async (file: string, flags: VepFlags) => {
      const x = parseList('--x', flags.x);
      const positive = { min: 0, exclusive: true };
      const line = povertyLine({
        line: flags.line !== undefined ? parseNumber('--line', flags.line, positive) : undefined,
        usdPerDay:
          flags.lineUsdDay !== undefined
            ? parseNumber('--line-usd-day', flags.lineUsdDay, positive)
            : undefined,
        ppp: flags.ppp !== undefined ? parseNumber('--ppp', flags.ppp, positive) : undefined,
        cpiYear:
          flags.cpiYear !== undefined
            ? parseNumber('--cpi-year', flags.cpiYear, { min: 2011, max: 2024, integer: true })
            : undefined,
      });
      if (flags.ppp !== undefined && flags.lineUsdDay === undefined) {
        throw new UserError(messages.missingOption('--line-usd-day X (with --ppp)'));
      }
      const variance =
        flags.variance !== undefined
          ? parseChoice('--variance', flags.variance, VARIANCE_MODELS)
          : 'linear';
      const floor =
        flags.varianceFloor !== undefined
          ? parseNumber('--variance-floor', flags.varianceFloor, positive)
          : undefined;
      const threshold =
        flags.threshold === undefined
          ? 0.5
          : flags.threshold.trim().toLowerCase() === 'relative'
            ? ('relative' as const)
            : parseNumber('--threshold', flags.threshold, { min: 0, max: 1, exclusive: true });
      const bands = flags.bands !== undefined ? parseBands(flags.bands) : undefined;
      const by = flags.by !== undefined ? parseList('--by', flags.by) : [];
      if (flags.out !== undefined) tableFormat(flags.out);
      if (flags.explain && flags.out === undefined) {
        throw new UserError(messages.missingOption('--out FILE (with --explain)'));
      }
      const numeric = [flags.income, ...x, ...(flags.weights ? [flags.weights] : [])];
      // Grouping columns come as codes: 10⁷ strings would be walked by every garbage collection.
      const coded = by.filter((c) => c !== flags.id);
      // The row worker that shares the fits' folds starts up while the file is read.
      if (availableParallelism() > 1) startRowWorkers({ threads: 2 });
      const data = await readColumns(file, {
        numeric: [...new Set(numeric)],
        text: flags.id ? [flags.id] : [],
        coded,
        encoding: flags.encoding,
      });
      const result = estimateVep(data, {
        income: flags.income,
        x,
        line,
        weights: flags.weights,
        variance,
        floor,
        threshold,
        bands,
        by,
      });
      const s = result.summary;
      const notUsed = Object.values(s.excluded).reduce((a, b) => a + b, 0);
      if (notUsed > 0) {
        const reasons = Object.entries(s.excluded)
          .map(([reason, count]) => `${count} ${reason}`)
          .join(', ');
        warn(messages.vepExcluded(notUsed, s.nRows, reasons));
      }
      if (s.floored > 0) warn(messages.vepFloored(s.floored, s.varianceFloor));
      const omitted = [...new Set([...s.meanEquation.omitted, ...s.varianceEquation.omitted])];
      if (omitted.length > 0) warn(messages.collinear(omitted));
      if (flags.out !== undefined) {
        const ids = flags.id ? data.text.get(flags.id) : undefined;
        const table = householdTable(result, { ids, idName: flags.id ?? 'id' });
        const extra = flags.explain ? explainColumns(result, data, { weights: flags.weights }) : [];
        await writeTable(flags.out, { rows: table.rows, columns: [...table.columns, ...extra] });
      }
      process.stdout.write(
        flags.json
          ? `${JSON.stringify(vepSummaryJson(s), jsonNumbers)}\n`
          : `${vepText(s, { title: flags.income })}\n`,
      );
    });
}

function parseBands(value: string): [number, number] {
  const parts = value.split(',').map((p) => p.trim());
  const expected = 'two cut points a,b with 0 < a < b < 1';
  if (parts.length !== 2) throw new UserError(messages.badOption('--bands', value, expected));
  const [a, b] = parts.map(Number);
  if (!(a > 0 && a < b && b < 1))
    throw new UserError(messages.badOption('--bands', value, expected));
  return [a, b];
}
