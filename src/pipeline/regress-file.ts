import { availableParallelism } from 'node:os';
import { modelFrame, type FrameSpec, type ModelFrame } from '../data/model-frame.js';
import { readColumns } from '../data/read.js';
import { UserError } from '../errors.js';
import { rowThreads, startRowWorkers } from '../linalg/parallel-rows.js';
import { startTsqr, type TsqrStream } from '../linalg/tsqr.js';
import { messages } from '../messages.js';
import type { Regression, RegressOptions } from '../models/regress.js';
import type { OlsFit } from '../models/ols.js';
import type { Vcov } from '../models/vcov.js';

/** What `regressFile` returns: the model frame besides `regress`'s fit, result and covariance. */
export interface FileRegression {
  readonly frame: ModelFrame;
  readonly fit: OlsFit;
  readonly result: Regression;
  readonly vcov: Vcov;
  /** Whether the QR was factored (on worker threads) while the file was being read. */
  readonly factoredWhileReading: boolean;
}

/**
 * Reads a regression's columns from a file and fits it (`readColumns`, `modelFrame`,
 * `regress`), with the work overlapped: the estimator loads while DuckDB parses the file, and
 * worker threads fold row chunks into the tall-skinny QR while the reader is still copying
 * the later ones out of DuckDB. The result is the same as the three steps in turn: when rows
 * are dropped for missing values (or the data are small) the factor is computed afterwards.
 * Options as `regress`'s (`factor` excepted), and `threads` for the factoring while reading
 * (default: `rowThreads`, two for a large file on a machine with two cores), and `encoding` of
 * a CSV or old Stata file (default: detected / windows-1252).
 * @example const { result } = await regressFile('wages.csv', { y: 'wage', x: ['educ'] }, { vce: 'hc1' });
 */
export async function regressFile(
  path: string,
  spec: FrameSpec,
  options: Omit<RegressOptions, 'factor'> & {
    readonly threads?: number;
    readonly encoding?: string | undefined;
  } = {},
): Promise<FileRegression> {
  const wanted =
    options.threads === undefined ? undefined : Math.max(1, Math.floor(options.threads));
  // The workers start up while the file is parsed (before its size is known).
  if ((wanted ?? availableParallelism()) > 1) startRowWorkers({ threads: wanted ?? 2 });
  let estimator: Promise<typeof import('../models/regress.js')> | undefined;
  const load = (): Promise<typeof import('../models/regress.js')> =>
    (estimator ??= import('../models/regress.js'));
  // The design [1, x…] is the reader's storage: one reserved column, then the regressors.
  const numeric = [...spec.x, spec.y, ...(spec.weights ? [spec.weights] : [])];
  const constant = spec.constant ?? true;
  const first = constant ? 0 : 1; // the design's first column in the block
  const p = spec.x.length + (constant ? 1 : 0);
  let seen: Float64Array | undefined; // the block being read (a new one if the read restarts)
  let early: { block: Float64Array; stream: TsqrStream; rows: number } | undefined;
  const onRows = (block: Float64Array, rows: number): void => {
    if (seen !== block) {
      seen = block;
      early?.stream.cancel();
      early = undefined;
      const n = block.length / (numeric.length + 1);
      const threads = wanted ?? rowThreads(n, p);
      if (threads < 2) return;
      const column = (j: number): Float64Array => block.subarray(j * n, (j + 1) * n);
      const X = { rows: n, cols: p, data: block.subarray(first * n, (first + p) * n) };
      const weights = spec.weights ? column(first + p + 1) : null;
      early = { block, rows: 0, stream: startTsqr(X, column(first + p), { weights, threads }) };
    }
    if (!early) return;
    if (constant) block.fill(1, early.rows, rows); // the intercept, as modelFrame will set it
    early.rows = rows;
    early.stream.advance(rows);
  };
  try {
    const data = await readColumns(path, {
      numeric,
      text: spec.cluster ? [spec.cluster] : [],
      reserve: 1,
      encoding: options.encoding,
      onParse: () => void load(),
      onRows,
    });
    const frame = modelFrame(data, spec);
    if (spec.cluster && frame.clusters < 2)
      throw new UserError(messages.singleCluster(spec.cluster));
    const { regress } = await load();
    const factor = early && sameRows(early.block, frame, first) ? early.stream.finish() : undefined;
    early = undefined;
    return {
      frame,
      ...regress(frame, { ...options, factor }),
      factoredWhileReading: factor !== undefined,
    };
  } finally {
    early?.stream.cancel();
  }
}

/** Whether the frame's X, y and weights are the block's columns from `first`, every row kept. */
function sameRows(block: Float64Array, frame: ModelFrame, first: number): boolean {
  const { X, y, weights } = frame;
  const n = X.rows;
  const at = (a: Float64Array, column: number): boolean =>
    a.buffer === block.buffer && a.byteOffset === block.byteOffset + column * n * 8;
  return (
    frame.rowsDropped === 0 &&
    at(X.data, first) &&
    at(y, first + X.cols) &&
    (weights === null || at(weights, first + X.cols + 1))
  );
}
