import type { Matrix } from '../linalg/matrix.js';
import type { OlsFit } from '../models/ols.js';

/**
 * The design [1, x₁, …, x_k] of the chosen rows, column-major, built in one allocation.
 * @example designRows([hsize, age], sample.used) // rows × 3
 */
export function designRows(xs: readonly Float64Array[], rows: Int32Array): Matrix {
  const n = rows.length;
  const p = xs.length + 1;
  const data = new Float64Array(n * p);
  data.fill(1, 0, n);
  for (let j = 0; j < xs.length; j++) {
    const col = xs[j];
    const off = (j + 1) * n;
    for (let r = 0; r < n; r++) data[off + r] = col[rows[r]];
  }
  return { rows: n, cols: p, data };
}

/**
 * A fit's coefficients over all design terms, with 0 for terms omitted as collinear (as
 * `predict.lm` treats R's NA coefficients).
 * @example fullCoefficients(fit) // Float64Array of length fit.terms.length
 */
export function fullCoefficients(fit: OlsFit): Float64Array {
  const b = new Float64Array(fit.terms.length);
  for (let c = 0; c < fit.columns.length; c++) b[fit.columns[c]] = fit.coefficients[c];
  return b;
}

/**
 * The linear predictor b₀ + Σ b_j x_j for each of the `rows` rows of the columns (NaN where a
 * regressor is missing), accumulated term by term in design order.
 * @example linearPredictor([hsize, age], beta, hsize.length) // Float64Array, one per row
 */
export function linearPredictor(
  xs: readonly Float64Array[],
  coef: Float64Array,
  rows: number,
): Float64Array {
  const n = rows;
  const out = new Float64Array(n).fill(coef[0]);
  for (let j = 0; j < xs.length; j++) {
    const b = coef[j + 1];
    const col = xs[j];
    for (let i = 0; i < n; i++) out[i] += col[i] * b;
  }
  return out;
}
