/**
 * The Brier score of probabilities `v` for a 0/1 outcome `y`: the mean of (v − y)² over the
 * first `n` entries (NaN when n = 0). Lower is better; 0.25 is what v = ½ for all scores.
 * @example brier(Float64Array.of(0.9, 0.2), Uint8Array.of(1, 0), 2) // (0.01 + 0.04) / 2 = 0.025
 */
export function brier(v: Float64Array, y: Uint8Array, n: number = v.length): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = v[i] - y[i];
    sum += d * d;
  }
  return n === 0 ? NaN : sum / n;
}
