import type { Matrix } from '../../linalg/matrix.js';
import { fitQuantile, type QuantregMethod } from './fit-quantile.js';
import { seededUniform } from './seeded-random.js';

/** Options of `bootstrapVcov`. Defaults: `reps: 200`, `seed: 1`, `method: 'auto'`. */
export interface BootOptions {
  readonly reps?: number;
  readonly seed?: number;
  readonly method?: QuantregMethod;
  readonly onReplicate?: (done: number, total: number) => void;
}

/**
 * xy-pair bootstrap covariances, as `summary.rq(se = "boot")` with its default
 * `bsmethod = "xy"` (mofn = n): each replicate resamples n rows with replacement and refits;
 * the covariance is that of the replicated coefficients (divisor reps − 1). The same draws
 * serve every τ (replicate r uses the stream seeded by `seed` and r), so results are
 * reproducible but, our generator not being R's, agree with R only within Monte Carlo error.
 * Returns one column-major p×p covariance per τ.
 * @example bootstrapVcov(X, y, [0.25, 0.5], { reps: 200, seed: 7 })
 */
export function bootstrapVcov(
  X: Matrix,
  y: Float64Array,
  taus: readonly number[],
  options: BootOptions = {},
): Float64Array[] {
  const reps = options.reps ?? 200;
  const { rows: n, cols: p, data } = X;
  const draws = taus.map(() => new Float64Array(reps * p));
  const xb = new Float64Array(n * p);
  const yb = new Float64Array(n);
  const u = seededUniform(options.seed ?? 1);
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < n; i++) {
      const k = Math.floor(u() * n);
      yb[i] = y[k];
      for (let j = 0; j < p; j++) xb[i + j * n] = data[k + j * n];
    }
    const Xb = { rows: n, cols: p, data: xb };
    taus.forEach((tau, t) => {
      const b = fitQuantile(Xb, yb, tau, { method: options.method }).coefficients;
      draws[t].set(b, r * p);
    });
    options.onReplicate?.(r + 1, reps);
  }
  return draws.map((B) => covarianceOfRows(B, reps, p));
}

/** Sample covariance (divisor rows − 1) of a row-major rows×p block, column-major p×p. */
function covarianceOfRows(B: Float64Array, rows: number, p: number): Float64Array {
  const mean = new Float64Array(p);
  for (let r = 0; r < rows; r++) for (let j = 0; j < p; j++) mean[j] += B[r * p + j] / rows;
  const v = new Float64Array(p * p);
  for (let a = 0; a < p; a++)
    for (let b = 0; b < p; b++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += (B[r * p + a] - mean[a]) * (B[r * p + b] - mean[b]);
      v[a + b * p] = s / (rows - 1);
    }
  return v;
}
