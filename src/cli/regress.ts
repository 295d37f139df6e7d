import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { readColumns } from '../data/read.js';
import { UserError } from '../errors.js';
import { startRowWorkers } from '../linalg/parallel-rows.js';
import { warn } from '../log.js';
import { messages } from '../messages.js';
import { VCE_TYPES, type VceType } from '../models/vcov.js';
import { parseChoice, parseList } from './options.js';

interface RegressFlags {
  y: string;
  x: string;
  vce?: string;
  cluster?: string;
  weights?: string;
  json?: boolean;
}

/** The estimator and report modules of `regress`, loaded once the data is on its way. */
const regressModules = () =>
  Promise.all([
    import('../data/model-frame.js'),
    import('../models/regress.js'),
    import('../report/regression-text.js'),
  ]);

/**
 * Registers `povrisk regress FILE --y COL --x A,B [--vce T] [--cluster COL] [--weights COL] [--json]`.
 * @example registerRegress(program)
 */
export function registerRegress(program: Command): void {
  program
    .command('regress')
    .description('OLS/WLS with classical, robust (HC0-HC3) or cluster-robust standard errors')
    .argument('<file>', 'data file (.csv, .tsv, .parquet)')
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
      // Regressors first, after one reserved column: the design [1, x…] is the reader's storage.
      const numeric = [...x, flags.y, ...(flags.weights ? [flags.weights] : [])];
      // A large fit factors row chunks on a worker thread too: it starts up during the parse.
      startRowWorkers({ threads: Math.min(2, availableParallelism()) });
      // The estimator and report modules (and @stdlib under them) load while DuckDB parses
      // the file on its own threads: not before, as the parse would then start later.
      let modules: ReturnType<typeof regressModules> | undefined;
      const load = (): ReturnType<typeof regressModules> => (modules ??= regressModules());
      const data = await readColumns(file, {
        numeric,
        text: flags.cluster ? [flags.cluster] : [],
        reserve: 1,
        onParse: () => void load(),
      });
      const [{ modelFrame }, { regress }, { regressionText }] = await load();
      const frame = modelFrame(data, {
        y: flags.y,
        x,
        weights: flags.weights,
        cluster: flags.cluster,
      });
      if (frame.rowsDropped > 0) warn(messages.listwiseDeleted(frame.rowsDropped, frame.rowsRead));
      if (flags.cluster && frame.clusters < 2)
        throw new UserError(messages.singleCluster(flags.cluster));
      const { result, vcov } = regress(frame, { vce });
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
          ? `${JSON.stringify(result, jsonNumbers)}\n`
          : `${regressionText(result, { title: flags.y })}\n`,
      );
    });
}

/** JSON has no NaN or Infinity: they are written as null. */
export function jsonNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}
