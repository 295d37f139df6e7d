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
