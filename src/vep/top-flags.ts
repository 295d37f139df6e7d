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
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const numeric = ids.slice(0, n).map((s) => (/^\s*-?\d+(\.\d+)?\s*$/.test(s) ? Number(s) : NaN));
  const allNumeric = numeric.every((x) => !Number.isNaN(x));
  const byId = allNumeric
    ? (a: number, b: number) => numeric[a] - numeric[b]
    : (a: number, b: number) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0);
  order.sort((a, b) => v[b] - v[a] || byId(a, b));
  const flags = new Uint8Array(n);
  for (let r = 0; r < k; r++) flags[order[r]] = 1;
  return flags;
}
