/**
 * Flags the ceil(capacity · n) households with the highest v, as an office that can follow
 * that many cases would choose them: ties broken by id ascending (numerically when both ids
 * are numbers, else by UTF-16 code units). Only the first `n` entries are read.
 * @example topFlags(Float64Array.of(0.2, 0.9, 0.9), ['a', 'c', 'b'], { capacity: 0.5 }) // [0, 0, 1]: ceil(1.5) = 2 → 'b', 'c'
 */
export function topFlags(
  v: Float64Array,
  ids: readonly string[],
  options: { capacity: number; n?: number },
): Uint8Array {
  const n = options.n ?? v.length;
  const k = Math.min(n, Math.ceil(options.capacity * n - 1e-9));
  const flags = new Uint8Array(n);
  if (k === 0) return flags;
  // The k-th highest v (a typed-array sort, no comparator): everything above it is flagged;
  // of the households tied at it, those first by id fill the remaining places.
  const sorted = Float64Array.from(v.subarray(0, n)).sort();
  const cut = sorted[n - k];
  let taken = 0;
  const tied: number[] = [];
  for (let i = 0; i < n; i++) {
    if (v[i] > cut) {
      flags[i] = 1;
      taken++;
    } else if (v[i] === cut) tied.push(i);
  }
  if (tied.length > k - taken) {
    // Ids compare as numbers when every one of the n ids is a number.
    const isNumber = (s: string) => /^\s*-?\d+(\.\d+)?\s*$/.test(s);
    let allNumeric = true;
    for (let i = 0; i < n && allNumeric; i++) allNumeric = isNumber(ids[i]);
    tied.sort(
      allNumeric
        ? (a, b) => Number(ids[a]) - Number(ids[b])
        : (a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0),
    );
  }
  for (let j = 0; taken < k; j++, taken++) flags[tied[j]] = 1;
  return flags;
}
