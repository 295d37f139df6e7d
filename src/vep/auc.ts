/**
 * The area under the ROC curve of scores `v` for a 0/1 outcome `y` (1 = the event), as the
 * Mann–Whitney statistic: P(v of an event > v of a non-event) + ½·P(tie), computed from
 * average ranks, (R₁ − n₁(n₁ + 1)/2) / (n₁·n₀). NaN when either group is empty. Only the first
 * `n` entries are read; every v must be a number (not NaN).
 * @example auc(Float64Array.of(0.1, 0.4, 0.35, 0.8), Uint8Array.of(0, 0, 1, 1), 4) // 0.75
 */
export function auc(v: Float64Array, y: Uint8Array, n: number = v.length): number {
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i];
  const others = n - events;
  if (events === 0 || others === 0) return NaN;
  const order = sortedOrder(v, n);
  let rankSum = 0;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && v[order[end]] === v[order[start]]) end++;
    // Ranks start+1..end share their average, (start + 1 + end) / 2.
    let hits = 0;
    for (let k = start; k < end; k++) hits += y[order[k]];
    rankSum += (hits * (start + 1 + end)) / 2;
    start = end;
  }
  return (rankSum - (events * (events + 1)) / 2) / (events * others);
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
