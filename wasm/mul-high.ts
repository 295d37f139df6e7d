// The high half of a 64 × 64-bit product, which WebAssembly has no instruction for
// (AssemblyScript, imported by format-csv.ts and parse-csv.ts).

/** High 64 bits of a × b, from four 32 × 32-bit products. */
// @ts-ignore: decorator
@inline
export function mulHigh(a: u64, b: u64): u64 {
  const a0 = a & 0xffffffff;
  const a1 = a >> 32;
  const b0 = b & 0xffffffff;
  const b1 = b >> 32;
  const p00 = a0 * b0;
  const middle = a1 * b0 + (p00 >> 32);
  const middle2 = a0 * b1 + (middle & 0xffffffff);
  return a1 * b1 + (middle >> 32) + (middle2 >> 32);
}
