/**
 * Inverse of a small dense column-major k×k matrix by Gauss–Jordan elimination with partial
 * pivoting. Returns null when a pivot is exactly zero (singular). Never throws.
 * @example invertDense(new Float64Array([2, 0, 0, 4]), 2) // [0.5, 0, 0, 0.25]
 */
export function invertDense(a: Float64Array, k: number): Float64Array | null {
  const m = Float64Array.from(a);
  const inv = new Float64Array(k * k);
  for (let i = 0; i < k; i++) inv[i + i * k] = 1;
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(m[r + c * k]) > Math.abs(m[piv + c * k])) piv = r;
    const pv = m[piv + c * k];
    if (pv === 0 || !Number.isFinite(pv)) return null;
    if (piv !== c) {
      for (let j = 0; j < k; j++) {
        let t = m[c + j * k];
        m[c + j * k] = m[piv + j * k];
        m[piv + j * k] = t;
        t = inv[c + j * k];
        inv[c + j * k] = inv[piv + j * k];
        inv[piv + j * k] = t;
      }
    }
    for (let j = 0; j < k; j++) {
      m[c + j * k] /= pv;
      inv[c + j * k] /= pv;
    }
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = m[r + c * k];
      if (f === 0) continue;
      for (let j = 0; j < k; j++) {
        m[r + j * k] -= f * m[c + j * k];
        inv[r + j * k] -= f * inv[c + j * k];
      }
    }
  }
  return inv;
}
