/** One bin of a calibration table: households, their mean predicted v and the observed rate. */
export interface CalibrationBin {
  /** 0–9: bin k holds k/10 ≤ v < (k+1)/10 (bin 9 also holds v = 1), with k = floor(10·v). */
  readonly bin: number;
  readonly n: number;
  /** Mean v in the bin; null when the bin is empty. */
  readonly meanPredicted: number | null;
  /** Share of the bin's households with the event; null when the bin is empty. */
  readonly observed: number | null;
}

/**
 * A calibration table of probabilities `v` against a 0/1 outcome `y`: ten equal-width bins
 * [0, 0.1), [0.1, 0.2), …, [0.9, 1], bin = min(9, floor(10·v)), all ten listed (empty ones
 * with nulls). Only the first `n` entries are read.
 * @example calibration(Float64Array.of(0.05, 0.95), Uint8Array.of(0, 1), 2)[9].observed // 1
 */
export function calibration(
  v: Float64Array,
  y: Uint8Array,
  n: number = v.length,
): readonly CalibrationBin[] {
  const count = new Float64Array(10);
  const sumV = new Float64Array(10);
  const sumY = new Float64Array(10);
  for (let i = 0; i < n; i++) {
    const k = Math.min(9, Math.max(0, Math.floor(v[i] * 10)));
    count[k]++;
    sumV[k] += v[i];
    sumY[k] += y[i];
  }
  return Object.freeze(
    Array.from({ length: 10 }, (_, k) =>
      Object.freeze({
        bin: k,
        n: count[k],
        meanPredicted: count[k] > 0 ? sumV[k] / count[k] : null,
        observed: count[k] > 0 ? sumY[k] / count[k] : null,
      }),
    ),
  );
}
