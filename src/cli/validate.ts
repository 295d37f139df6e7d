import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { columnNames, readColumns } from '../data/read.js';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { DEFAULT_RULES, lineForYear, vepLine } from '../monitor/rules.js';
import { SHOCK_NAMES } from '../monitor/columns.js';
import { validationHtml } from '../report/validation-html.js';
import { validationText } from '../report/validation-text.js';
import { VALIDATE_MODELS, validateWarning, type MonitoringRuleSpec } from '../vep/validate.js';
import { VARIANCE_MODELS } from '../vep/variance-equation.js';
import { parseChoice, parseList, parseNumber } from './options.js';
import { jsonNumbers } from './regress.js';
import { pairValidationJson } from '../report/result-json.js';

interface ValidateFlags {
  id: string;
  wave: string;
  income: string;
  x: string;
  line: string;
  model?: string;
  variance?: string;
  weights?: string;
  threshold?: string;
  capacity?: string;
  json?: boolean;
  out?: string;
}

/**
 * Registers `povrisk validate FILE --id COL --wave COL --income COL --x A,B --line Z
 * [--model cross-section|history] [--variance linear|exponential] [--weights COL]
 * [--threshold T] [--capacity SHARE] [--json] [--out FILE.html]`: fits the warning on each
 * wave and checks it against who was below the line a wave later (see `validateWarning`).
 * The monitoring rules are scored too where the file has their columns.
 * @example registerValidate(program)
 */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Does the warning work? Fit on each wave, check who is poor a wave later')
    .argument('<file>', 'panel file (.csv, .tsv, .parquet, .xlsx), one row per household and wave')
    .requiredOption('--id <col>', 'household id column')
    .requiredOption('--wave <col>', 'wave column (ordered numerically when numbers)')
    .requiredOption('--income <col>', 'per-capita income (per person per year)')
    .requiredOption('--x <cols>', 'household regressors, comma-separated (an intercept is added)')
    .requiredOption('--line <z>', 'poverty line per person per year, in the income currency')
    .option('--model <m>', `${VALIDATE_MODELS.join(' or ')} (default cross-section)`)
    .option(
      '--variance <model>',
      `variance equation: ${VARIANCE_MODELS.join(', ')} (default linear; history: exponential)`,
    )
    .option('--weights <col>', 'sampling weights (used in the fit; measures count households)')
    .option('--threshold <t>', 'the vep rule flags v >= t (default 0.5)')
    .option('--capacity <share>', 'the top rule flags this share of households (default 0.1)')
    .option('--json', 'print the result as one JSON object')
    .option('--out <file.html>', 'also write a report with ROC curves and calibration plots')
    .action(async (file: string, flags: ValidateFlags) => {
      const x = parseList('--x', flags.x);
      const line = parseNumber('--line', flags.line, { min: 0, exclusive: true });
      const model =
        flags.model === undefined
          ? undefined
          : parseChoice('--model', flags.model, VALIDATE_MODELS);
      const variance =
        flags.variance === undefined
          ? undefined
          : parseChoice('--variance', flags.variance, VARIANCE_MODELS);
      const threshold =
        flags.threshold === undefined
          ? undefined
          : parseNumber('--threshold', flags.threshold, { min: 0, max: 1, exclusive: true });
      const capacity =
        flags.capacity === undefined
          ? undefined
          : parseNumber('--capacity', flags.capacity, { min: 0, max: 1, exclusive: true });
      if (flags.out !== undefined && !/\.html?$/i.test(flags.out))
        throw new UserError(messages.badOption('--out', flags.out, 'an .html file'));
      const columns = new Set(await columnNames(file));
      const monitoring = monitoringRules(columns, flags.income);
      const numeric = new Set([flags.income, ...x, ...(flags.weights ? [flags.weights] : [])]);
      for (const c of monitoring.shockColumns ?? []) numeric.add(c);
      for (const c of monitoring.highVulnerability?.x ?? []) numeric.add(c);
      const data = await readColumns(file, { numeric: [...numeric], text: [flags.id, flags.wave] });
      const result = validateWarning(data, {
        id: flags.id,
        wave: flags.wave,
        income: flags.income,
        x,
        line,
        model,
        variance,
        weights: flags.weights,
        threshold,
        capacity,
        monitoring,
      });
      if (flags.out !== undefined) {
        try {
          await writeFile(flags.out, validationHtml(result));
        } catch (e) {
          throw new UserError(messages.writeFailed(flags.out, (e as Error).message));
        }
      }
      const printed = {
        model: result.model,
        variance: result.variance,
        line: result.line,
        threshold: result.threshold,
        capacity: result.capacity,
        pairs: result.pairs.map(pairValidationJson),
      };
      process.stdout.write(
        flags.json ? `${JSON.stringify(printed, jsonNumbers)}\n` : `${validationText(result)}\n`,
      );
    });
}

/**
 * The built-in monitoring rules a panel file can be checked against: `low_income` and
 * `income_drop` when the income column is the rules' `per_capita_income`, `high_vulnerability`
 * when the file has the rules' VEP columns, `new_shock` with the shock flags it has.
 * @example monitoringRules(new Set(['per_capita_income', 'shock_illness']), 'per_capita_income')
 */
export function monitoringRules(columns: ReadonlySet<string>, income: string): MonitoringRuleSpec {
  const r = DEFAULT_RULES;
  const isRulesIncome = income === r.vep.income;
  const hasVep = [r.vep.income, ...r.vep.x].every((c) => columns.has(c));
  const shocks = SHOCK_NAMES.filter((c) => columns.has(c));
  const year = (wave: string) => (/^(19|20)\d\d$/.test(wave) ? Number(wave) : null);
  return {
    lowIncomeLine: isRulesIncome
      ? (wave: string) => lineForYear(r.monitoring_lines, year(wave))
      : undefined,
    incomeDropShare: isRulesIncome ? r.income_drop.share : undefined,
    shockColumns: shocks.length > 0 ? shocks : undefined,
    // The rules' VEP at its own line, else the poverty line under the latest monitoring line
    // (6,000 / 1.5 = 4,000 CNY by default).
    highVulnerability: hasVep
      ? {
          threshold: r.high_vulnerability.threshold,
          ...r.vep,
          line: vepLine(r, lineForYear(r.monitoring_lines, null)),
        }
      : undefined,
  };
}
