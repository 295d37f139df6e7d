import type { Command } from 'commander';
import { modelFrame } from '../data/model-frame.js';
import { readColumns } from '../data/read.js';
import { UserError } from '../errors.js';
import { warn } from '../log.js';
import { messages } from '../messages.js';
import {
  BANDWIDTHS,
  QREG_SE_TYPES,
  quantregAsync,
  type QregSe,
} from '../models/quantreg/quantreg.js';
import { quantregText } from '../report/quantreg-text.js';
import { parseChoice, parseList, parseNumber } from './options.js';
import { jsonNumbers } from './regress.js';
import { quantregJson } from '../report/result-json.js';

interface QregFlags {
  y: string;
  x: string;
  tau: string;
  se?: string;
  bandwidth: string;
  reps: string;
  seed: string;
  cluster?: string;
  weights?: string;
  encoding?: string;
  json?: boolean;
}

/**
 * Registers `povrisk qreg FILE --y COL --x A,B --tau 0.25,0.5 [--se T] [--bandwidth B]
 * [--reps N] [--seed S] [--cluster COL] [--weights COL] [--json]`.
 * @example registerQreg(program)
 */
export function registerQreg(program: Command): void {
  program
    .command('qreg')
    .description(
      'Linear quantile regression (exact, as quantreg::rq) with summary.rq standard errors',
    )
    .argument('<file>', 'data file (.csv, .tsv, .parquet, .xlsx, .dta, .sav)')
    .requiredOption('--y <col>', 'dependent variable')
    .requiredOption('--x <cols>', 'regressors, comma-separated (an intercept is added)')
    .option('--tau <list>', 'quantiles in (0, 1), comma-separated', '0.5')
    .option(
      '--se <type>',
      `standard errors: ${QREG_SE_TYPES.join(', ')} (default nid, or cluster with --cluster)`,
    )
    .option('--bandwidth <rule>', `bandwidth rule: ${BANDWIDTHS.join(', ')}`, 'hall-sheather')
    .option('--reps <n>', 'bootstrap replications (--se boot)', '200')
    .option('--seed <s>', 'bootstrap seed (--se boot)', '1')
    .option('--cluster <col>', 'cluster variable (Parente–Santos Silva standard errors)')
    .option('--weights <col>', 'weights multiplying the rows, as rq(weights = )')
    .option(
      '--encoding <name>',
      'text encoding of a CSV (default: detected, UTF-8 or GB18030) or of a Stata file before release 118 (default windows-1252)',
    )
    .option('--json', 'print one JSON object: { fits: [{ tau, objective, n, coefficients }] }')
    .action(async (file: string, flags: QregFlags) => {
      const x = parseList('--x', flags.x);
      const taus = parseList('--tau', flags.tau).map((t) =>
        parseNumber('--tau', t, { min: 0, max: 1, exclusive: true }),
      );
      let se: QregSe = flags.cluster ? 'cluster' : 'nid';
      if (flags.se !== undefined) se = parseChoice('--se', flags.se, QREG_SE_TYPES);
      if (se === 'cluster' && !flags.cluster)
        throw new UserError(messages.missingOption('--cluster COL (for --se cluster)'));
      if (flags.cluster && se !== 'cluster') {
        throw new UserError(
          messages.badOption('--se', se, 'use --se cluster, or drop it, with --cluster'),
        );
      }
      const bandwidth = parseChoice('--bandwidth', flags.bandwidth, BANDWIDTHS);
      const reps = parseNumber('--reps', flags.reps, { min: 2, integer: true });
      const seed = parseNumber('--seed', flags.seed, { min: 0, integer: true });
      const tty = process.stderr.isTTY === true;
      const clear = (): void => {
        if (tty) process.stderr.write('\r\x1b[K');
      };
      if (tty) process.stderr.write(`qreg: reading ${file}…`);
      let result;
      try {
        const numeric = [flags.y, ...x, ...(flags.weights ? [flags.weights] : [])];
        const data = await readColumns(file, {
          numeric,
          text: flags.cluster ? [flags.cluster] : [],
          encoding: flags.encoding,
        });
        const frame = modelFrame(data, {
          y: flags.y,
          x,
          weights: flags.weights,
          cluster: flags.cluster,
        });
        clear();
        if (frame.rowsDropped > 0)
          warn(messages.listwiseDeleted(frame.rowsDropped, frame.rowsRead, frame.dropped));
        const progress = tty ? progressBar() : undefined;
        progress?.(0, taus.length + (se === 'boot' ? reps : 0));
        result = await quantregAsync(frame, {
          taus,
          se,
          bandwidth,
          reps,
          seed,
          yName: flags.y,
          clusterName: flags.cluster,
          onProgress: progress,
        });
      } finally {
        clear();
      }
      process.stdout.write(
        flags.json
          ? `${JSON.stringify(quantregJson(result), jsonNumbers)}\n`
          : `${quantregText(result, { title: flags.y })}\n`,
      );
    });
}

/** A one-line progress indicator on stderr (only used when stderr is a terminal). */
function progressBar(): (done: number, total: number) => void {
  const start = Date.now();
  return (done, total) => {
    const secs = ((Date.now() - start) / 1000).toFixed(1);
    process.stderr.write(
      `\r\x1b[Kqreg: fitting ${done}/${total} (${Math.round((100 * done) / total)}%, ${secs}s)`,
    );
  };
}
