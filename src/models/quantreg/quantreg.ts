import type { ModelFrame } from '../../data/model-frame.js';
import { optionError, UserError } from '../../errors.js';
import type { Matrix } from '../../linalg/matrix.js';
import { warn } from '../../log.js';
import { messages } from '../../messages.js';
import { tidyCoefficients, type TidyRow } from '../tidy.js';
import { BANDWIDTHS, type Bandwidth } from './bandwidth.js';
import { checkLoss } from './check-loss.js';
import type { QuantregMethod } from './fit-quantile.js';
import { fitTau, type TauResult, type TauSpec } from './fit-tau.js';
import { fitTausParallel, PARALLEL_MIN_ROWS } from './parallel-taus.js';
import { scaleRows } from './sandwich.js';
import { bootstrapVcov } from './se-boot.js';

/** Standard-error types: `quantreg::summary.rq`'s nid (default), iid, ker, boot, and PSS cluster. */
export const QREG_SE_TYPES = ['nid', 'iid', 'ker', 'boot', 'cluster'] as const;
export type QregSe = (typeof QREG_SE_TYPES)[number];
export { BANDWIDTHS };

/**
 * One τ (its JSON, `quantregJson` in report/result-json.ts, is the `--json` contract). `objective`
 * is Σ ρ_τ(residual), weighted when weights apply.
 */
export interface QuantregFit {
  readonly tau: number;
  readonly objective: number;
  readonly n: number;
  readonly coefficients: readonly TidyRow[];
}

/** Quantile regressions at several τ with their inference. */
export interface QuantregResult {
  readonly se: QregSe;
  readonly bandwidth: Bandwidth;
  readonly n: number;
  readonly nDropped: number;
  readonly dfResidual: number;
  readonly weighted: boolean;
  readonly clusters: number | null;
  readonly reps: number | null;
  readonly fits: readonly QuantregFit[];
}

/** Options of `quantreg`. Defaults in the doc comment of `quantreg`. */
export interface QuantregOptions {
  readonly taus: readonly number[];
  readonly se?: QregSe;
  readonly bandwidth?: Bandwidth;
  readonly reps?: number;
  readonly seed?: number;
  readonly level?: number;
  readonly method?: QuantregMethod;
  /** Called after each unit of work (one τ, or one bootstrap replicate). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Names of y and of the cluster column, for messages. */
  readonly yName?: string;
  readonly clusterName?: string;
}

/**
 * Linear quantile regression at each τ (exact LP optimum, as `rq(method = "br")`) with
 * standard errors as `summary.rq`: `se` 'nid' (default), 'iid', 'ker', 'boot' (xy pairs,
 * `reps` 200, `seed` 1), or 'cluster' (Parente–Santos Silva; needs frame.cluster);
 * `bandwidth` 'hall-sheather' (default, hs = TRUE) or 'bofinger'; `level` 0.95. Weights
 * multiply the rows of y and X, as `rq(weights = )`. t tests use n − p degrees of freedom.
 * Throws a UserError for τ outside (0, 1), too few rows, or a constant y.
 * @example quantreg(frame, { taus: [0.25, 0.5, 0.75] }).fits[1].coefficients
 */
export function quantreg(frame: ModelFrame, options: QuantregOptions): QuantregResult {
  const job = prepare(frame, options);
  let done = 0;
  const tick = (): void => options.onProgress?.(++done, job.total);
  const per = options.taus.map((tau) => {
    const r = fitTau(job.X, job.y, tau, job.spec);
    tick();
    return r;
  });
  return assemble(frame, options, job, per, tick);
}

/**
 * As `quantreg`, fitting the τ's in worker threads (shared memory) when there are at least
 * PARALLEL_MIN_ROWS rows; `threads` defaults to the available cores. Same results.
 * @example await quantregAsync(frame, { taus: [0.3, 0.5, 0.7, 0.9] })
 */
export async function quantregAsync(
  frame: ModelFrame,
  options: QuantregOptions & { readonly threads?: number },
): Promise<QuantregResult> {
  if (frame.X.rows < PARALLEL_MIN_ROWS || options.threads === 1) return quantreg(frame, options);
  const job = prepare(frame, options);
  let done = 0;
  const tick = (): void => options.onProgress?.(++done, job.total);
  const per = await fitTausParallel(job.X, job.y, options.taus, job.spec, {
    threads: options.threads,
    onTau: () => tick(),
  });
  return assemble(frame, options, job, per, tick);
}

interface Job {
  readonly se: QregSe;
  readonly bandwidth: Bandwidth;
  readonly method: QuantregMethod;
  readonly reps: number;
  readonly total: number;
  readonly X: Matrix;
  readonly y: Float64Array;
  readonly spec: TauSpec;
}

function prepare(frame: ModelFrame, options: QuantregOptions): Job {
  const se = options.se ?? 'nid';
  const bandwidth = options.bandwidth ?? 'hall-sheather';
  if (!QREG_SE_TYPES.includes(se)) {
    throw optionError.bad('se', se, `one of ${QREG_SE_TYPES.join(', ')}`);
  }
  for (const tau of options.taus) {
    if (!(tau > 0 && tau < 1)) throw optionError.bad('taus', String(tau), 'must lie in (0, 1)');
  }
  const n = frame.X.rows;
  const p = frame.X.cols;
  if (n <= p) throw new UserError(messages.tooFewObservations(n, p));
  let constant = true;
  for (let i = 1; i < n && constant; i++) constant = frame.y[i] === frame.y[0];
  if (constant) throw new UserError(messages.qregConstantY(options.yName ?? 'y'));
  if (se === 'cluster' && (!frame.cluster || frame.clusters < 2)) {
    throw new UserError(messages.singleCluster(options.clusterName ?? 'cluster'));
  }
  const { X, y } = weighted(frame);
  const method = options.method ?? 'auto';
  const reps = options.reps ?? 200;
  const spec: TauSpec = {
    se: se === 'boot' ? 'none' : se,
    bandwidth,
    method,
    cluster: frame.cluster,
    clusters: frame.clusters,
  };
  return {
    se,
    bandwidth,
    method,
    reps,
    total: options.taus.length + (se === 'boot' ? reps : 0),
    X,
    y,
    spec,
  };
}

function assemble(
  frame: ModelFrame,
  options: QuantregOptions,
  job: Job,
  per: readonly TauResult[],
  tick: () => void,
): QuantregResult {
  const { X, y, se, reps } = job;
  const n = X.rows;
  const p = X.cols;
  for (const r of per) {
    if (r.status === 'failed') throw new UserError(messages.qregSolverFailed(r.tau));
    if (r.status === 'nonunique') warn(messages.qregNonUnique(r.tau));
    if (r.nonPositive > 0) warn(messages.qregNonPositiveDensity(r.tau, r.nonPositive));
  }
  const bootV =
    se === 'boot'
      ? bootstrapVcov(X, y, options.taus, {
          reps,
          seed: options.seed ?? 1,
          method: job.method,
          onReplicate: tick,
        })
      : null;
  const fits = per.map((r, t) => {
    const V = bootV ? bootV[t] : r.vcov;
    if (Number.isNaN(V[0])) warn(messages.qregSeUnavailable(se, r.tau));
    return Object.freeze({
      tau: r.tau,
      objective: checkLoss(X, y, r.coefficients, r.tau),
      n,
      coefficients: tidyCoefficients(frame.terms, r.coefficients, V, {
        df: n - p,
        level: options.level ?? 0.95,
      }),
    });
  });
  return Object.freeze({
    se,
    bandwidth: job.bandwidth,
    n,
    nDropped: frame.rowsDropped,
    dfResidual: n - p,
    weighted: frame.weights !== null,
    clusters: se === 'cluster' ? frame.clusters : null,
    reps: se === 'boot' ? reps : null,
    fits: Object.freeze(fits),
  });
}

/** y and X with each row multiplied by its weight (rq.wfit), or as they are. */
function weighted(frame: ModelFrame): { X: Matrix; y: Float64Array } {
  const w = frame.weights;
  if (!w) return { X: frame.X, y: frame.y };
  return { X: scaleRows(frame.X, w), y: Float64Array.from(frame.y, (v, i) => v * w[i]) };
}
