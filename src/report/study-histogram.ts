/** Counts of values in equal-width bins over [min, max]. */
export interface Histogram {
  /** bins + 1 edges, ascending. */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}

/**
 * A histogram of the non-missing values over [0, 1] (probabilities) in `bins` equal bins
 * (default 20), each bin closed on the left, the last one closed on both sides.
 * @example histogram(vulnerability, { bins: 10 }).counts
 */
export function histogram(
  values: ArrayLike<number>,
  options: { bins?: number; min?: number; max?: number } = {},
): Histogram {
  const bins = options.bins ?? 20;
  const lo = options.min ?? 0;
  const hi = options.max ?? 1;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x) || x < lo || x > hi) continue;
    counts[Math.min(bins - 1, Math.floor(((x - lo) / (hi - lo)) * bins))]++;
  }
  const edges = Array.from({ length: bins + 1 }, (_, k) => lo + ((hi - lo) * k) / bins);
  return Object.freeze({ edges: Object.freeze(edges), counts: Object.freeze(counts) });
}
