import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { warn } from '../log.js';
import { messages } from '../messages.js';
import { regressFile } from '../pipeline/regress-file.js';
import { VCE_TYPES, type VceType } from '../models/vcov.js';
import { parseChoice, parseList } from './options.js';
import { regressionJson } from '../report/result-json.js';

interface RegressFlags {
  y: string;
  x: string;
  vce?: string;
  cluster?: string;
  weights?: string;
  encoding?: string;
  json?: boolean;
  constant: boolean;
}

/**
 * Registers `povrisk regress FILE --y COL --x A,B [--vce T] [--cluster COL] [--weights COL]
 * [--no-constant] [--json]`.
 * @example registerRegress(program)
 */
export function registerRegress(program: Command): void {
  program
    .command('regress')
    .description('OLS/WLS with classical, robust (HC0-HC3) or cluster-robust standard errors')
    .argument('<file>', 'data file (.csv, .tsv, .parquet, .xlsx, .dta, .sav)')
    .requiredOption('--y <col>', 'dependent variable')
    .requiredOption('--x <cols>', 'regressors, comma-separated (an intercept is added)')
    .option(
      '--vce <type>',
      `covariance: ${VCE_TYPES.join(', ')} (default classical, or cluster with --cluster)`,
    )
    .option(
      '--cluster <col>',
      'cluster variable for cluster-robust standard errors (CR1, as Stata)',
    )
    .option('--weights <col>', 'analytic weights (WLS)')
    .option(
      '--encoding <name>',
      'text encoding of a CSV (default: detected, UTF-8 or GB18030) or of a Stata file before release 118 (default windows-1252)',
    )
    .option('--no-constant', "no intercept (Stata's noconstant, R's y ~ 0 + x)")
    .option('--json', 'print one JSON object (broom tidy names)')
    .action(async (file: string, flags: RegressFlags) => {
      const x = parseList('--x', flags.x);
      const repeated = x.find((name, i) => x.indexOf(name) !== i);
      if (repeated !== undefined) {
        throw new UserError(messages.badOption('--x', flags.x, `'${repeated}' is listed twice`));
      }
      if (x.includes(flags.y)) {
        throw new UserError(messages.badOption('--x', flags.x, `'${flags.y}' is the --y column`));
      }
      let vce: VceType = flags.cluster ? 'cluster' : 'classical';
      if (flags.vce !== undefined) vce = parseChoice('--vce', flags.vce, VCE_TYPES);
      if (vce === 'cluster' && !flags.cluster)
        throw new UserError(messages.missingOption('--cluster COL (for --vce cluster)'));
      if (flags.cluster && vce !== 'cluster') {
        throw new UserError(
          messages.badOption('--vce', vce, 'use --vce cluster, or drop it, with --cluster'),
        );
      }
      const [{ frame, result, vcov }, { regressionText }] = await Promise.all([
        regressFile(
          file,
          {
            y: flags.y,
            x,
            weights: flags.weights,
            cluster: flags.cluster,
            constant: flags.constant,
          },
          { vce, encoding: flags.encoding },
        ),
        import('../report/regression-text.js'),
      ]);
      if (frame.rowsDropped > 0)
        warn(messages.listwiseDeleted(frame.rowsDropped, frame.rowsRead, frame.dropped));
      if (result.omitted.length > 0) warn(messages.collinear(result.omitted));
      if (vcov.leverageOne.length > 0) {
        warn(
          messages.leverageOne(
            vce,
            vcov.leverageOne.map((i) => frame.rowIndex[i] + 1),
          ),
        );
      }
      process.stdout.write(
        flags.json
          ? `${JSON.stringify(regressionJson(result), jsonNumbers)}\n`
          : `${regressionText(result, { title: flags.y })}\n`,
      );
    });
}

/** JSON has no NaN or Infinity: they are written as null. */
export function jsonNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}
