import type { WlsFit } from './wls.js';

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

/**
 * A fit's linear predictor for each of the `rows` rows of the columns, for a fit on an
 * increasing subset of those rows (as `estimateVep`'s sample): the fit's own fitted values
 * when the subset is every row and no term was dropped (they are then the same additions in
 * the same order, so the same bits), else `linearPredictor` of its coefficients. The array
 * may be the fit's own: overwrite it only when done with the fit's fitted values.
 * @example const mu = fitPredictor([hsize, age], fgls, hsize.length)
 */
export function fitPredictor(
  xs: readonly Float64Array[],
  fit: Pick<WlsFit, 'n' | 'full' | 'fitted'>,
  rows: number,
): Float64Array {
  let everyTerm = true;
  for (let j = 1; j < fit.full.length; j++) if (fit.full[j] === 0) everyTerm = false;
  return fit.n === rows && everyTerm ? fit.fitted : linearPredictor(xs, fit.full, rows);
}
