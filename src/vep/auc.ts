/**
 * The area under the ROC curve of scores `v` for a 0/1 outcome `y` (1 = the event), as the
 * Mann–Whitney statistic: P(v of an event > v of a non-event) + ½·P(tie), i.e. U / (n₁·n₀)
 * with U = (R₁ − n₁(n₁ + 1)/2) from average ranks, counted here as, for each event, the
 * non-events below it plus half those tied with it, over the two groups' sorted scores (an
 * exact half-integer, so the same number). NaN when either group is empty. Only the first
 * `n` entries are read; every v must be a number (not NaN).
 * @example auc(Float64Array.of(0.1, 0.4, 0.35, 0.8), Uint8Array.of(0, 0, 1, 1), 4) // 0.75
 */
export function auc(v: Float64Array, y: Uint8Array, n: number = v.length): number {
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i];
  const others = n - events;
  if (events === 0 || others === 0) return NaN;
  // U = #{(event, non-event): v_e > v_n} + ½·#{ties}, from the two groups' sorted scores
  // (typed-array sorts, no comparator); the same half-integer as the average-rank formula.
  const ve = new Float64Array(events);
  const vn = new Float64Array(others);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (y[i]) ve[a++] = v[i];
    else vn[b++] = v[i];
  }
  ve.sort();
  vn.sort();
  let below = 0;
  let notAbove = 0;
  let u = 0;
  for (let i = 0; i < events; i++) {
    const x = ve[i];
    while (below < others && vn[below] < x) below++;
    if (notAbove < below) notAbove = below;
    while (notAbove < others && vn[notAbove] <= x) notAbove++;
    u += below + (notAbove - below) / 2;
  }
  return u / (events * others);
}

/**
 * Indices 0..n−1 ordered by ascending `v` (stable for equal values).
 * @example sortedOrder(Float64Array.of(3, 1, 2), 3) // Uint32Array [1, 2, 0]
 */
export function sortedOrder(v: Float64Array, n: number = v.length): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => v[a] - v[b] || a - b);
}
