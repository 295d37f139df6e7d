/** Rows per block folded at once: a block of all columns (256 × q × 8 bytes) stays in L1/L2. */
export const FOLD_BLOCK = 256;
const BLOCK = FOLD_BLOCK;

/** The rows to fold: column-major `x` (n rows, p columns), `y`, optional analytic weights. */
export interface FoldSource {
  readonly x: Float64Array;
  readonly n: number;
  readonly p: number;
  readonly y: Float64Array;
  readonly weights: Float64Array | null;
}

/**
 * Folds rows `start..end-1` of [√W X, √W y] into the q×q (q = p + 1) upper-triangular factor
 * `T` (column-major, updated in place): afterwards T is the triangular factor of [T₀; rows],
 * so T'T = T₀'T₀ + Σ wᵢ (xᵢ, yᵢ)(xᵢ, yᵢ)'. Rows are taken in blocks of 256 and each block is
 * folded in by one Householder reflection per column (a streaming tall-skinny QR, as stable as
 * the QR of the whole block). No pivoting: a zero column is skipped.
 * @example const T = new Float64Array(16); foldRows(T, { x, n, p: 3, y, weights: null }, 0, n);
 */
export function foldRows(T: Float64Array, src: FoldSource, start: number, end: number): void {
  const { x, n, p, y, weights } = src;
  const q = p + 1;
  const A = new Float64Array(BLOCK * q);
  const sw = new Float64Array(BLOCK);
  for (let s = start; s < end; s += BLOCK) {
    const m = Math.min(BLOCK, end - s);
    if (weights) {
      for (let r = 0; r < m; r++) sw[r] = Math.sqrt(weights[s + r]);
      for (let j = 0; j < p; j++) {
        const off = j * n + s;
        const aj = j * BLOCK;
        for (let r = 0; r < m; r++) A[aj + r] = x[off + r] * sw[r];
      }
      for (let r = 0; r < m; r++) A[p * BLOCK + r] = y[s + r] * sw[r];
    } else {
      for (let j = 0; j < p; j++) A.set(x.subarray(j * n + s, j * n + s + m), j * BLOCK);
      A.set(y.subarray(s, s + m), p * BLOCK);
    }
    foldBlock(T, q, A, m);
  }
}

/**
 * Folds m rows A (column-major, leading dimension FOLD_BLOCK, q columns) into the q×q upper
 * triangle T: the triangular factor of [T; A], by one Householder reflection per column.
 * A is overwritten.
 * @example foldBlock(T, 4, A, 256) // T is now the R factor of [T; A]
 */
export function foldBlock(T: Float64Array, q: number, A: Float64Array, m: number): void {
  foldReflections(T, q, A, m, 0, q);
}

/**
 * The reflections `from..to−1` of `foldBlock`: reflection l reads and writes row l of T (from
 * column l on) and columns l..q−1 of A, so rows 0..L−1 of one block can be folded while rows
 * L..q−1 of the block before are (see `startFoldPipeline`). Calling it for 0..L then L..q is
 * `foldBlock`, bit for bit.
 * @example foldReflections(T, q, A, m, 0, 3); foldReflections(T, q, A, m, 3, q)
 */
export function foldReflections(
  T: Float64Array,
  q: number,
  A: Float64Array,
  m: number,
  from: number,
  to: number,
): void {
  for (let l = from; l < to; l++) {
    const al = l * BLOCK;
    const tll = T[l + l * q];
    let ss = tll * tll;
    for (let r = 0; r < m; r++) ss += A[al + r] * A[al + r];
    if (ss === 0) continue;
    const norm = ss > 1e-290 && ss < 1e290 ? Math.sqrt(ss) : scaledNorm(tll, A, al, m);
    if (norm === 0 || !Number.isFinite(norm)) continue;
    const alpha = tll > 0 ? -norm : norm;
    const u0 = tll - alpha;
    // H = I − u uᵀ / (−alpha·u0), with u = (u0, A[:, l]).
    const scale = -1 / (alpha * u0);
    // Four, then two columns per pass over the rows: each entry of the reflector is loaded
    // once for all of them, and the four sums are independent chains of additions (each still
    // adds its terms in row order, so the result is the same, bit for bit, as one column at
    // a time).
    let j = l + 1;
    for (; j + 3 < q; j += 4) {
      const a0 = j * BLOCK;
      const a1 = a0 + BLOCK;
      const a2 = a1 + BLOCK;
      const a3 = a2 + BLOCK;
      let s0 = u0 * T[l + j * q];
      let s1 = u0 * T[l + (j + 1) * q];
      let s2 = u0 * T[l + (j + 2) * q];
      let s3 = u0 * T[l + (j + 3) * q];
      for (let r = 0; r < m; r++) {
        const v = A[al + r];
        s0 += v * A[a0 + r];
        s1 += v * A[a1 + r];
        s2 += v * A[a2 + r];
        s3 += v * A[a3 + r];
      }
      const f0 = s0 * scale;
      const f1 = s1 * scale;
      const f2 = s2 * scale;
      const f3 = s3 * scale;
      T[l + j * q] -= f0 * u0;
      T[l + (j + 1) * q] -= f1 * u0;
      T[l + (j + 2) * q] -= f2 * u0;
      T[l + (j + 3) * q] -= f3 * u0;
      for (let r = 0; r < m; r++) {
        const v = A[al + r];
        A[a0 + r] -= f0 * v;
        A[a1 + r] -= f1 * v;
        A[a2 + r] -= f2 * v;
        A[a3 + r] -= f3 * v;
      }
    }
    for (; j + 1 < q; j += 2) {
      const aj = j * BLOCK;
      const ak = aj + BLOCK;
      let s = u0 * T[l + j * q];
      let t = u0 * T[l + (j + 1) * q];
      for (let r = 0; r < m; r++) {
        const v = A[al + r];
        s += v * A[aj + r];
        t += v * A[ak + r];
      }
      const f = s * scale;
      const g = t * scale;
      T[l + j * q] -= f * u0;
      T[l + (j + 1) * q] -= g * u0;
      for (let r = 0; r < m; r++) {
        const v = A[al + r];
        A[aj + r] -= f * v;
        A[ak + r] -= g * v;
      }
    }
    for (; j < q; j++) {
      const aj = j * BLOCK;
      let s = u0 * T[l + j * q];
      for (let r = 0; r < m; r++) s += A[al + r] * A[aj + r];
      const f = s * scale;
      T[l + j * q] -= f * u0;
      for (let r = 0; r < m; r++) A[aj + r] -= f * A[al + r];
    }
    T[l + l * q] = alpha;
  }
}

/** √(t² + Σ A[al..al+m)²) without overflow or underflow. */
function scaledNorm(t: number, A: Float64Array, al: number, m: number): number {
  let big = Math.abs(t);
  for (let r = 0; r < m; r++) big = Math.max(big, Math.abs(A[al + r]));
  if (big === 0 || !Number.isFinite(big)) return big;
  let ss = (t / big) ** 2;
  for (let r = 0; r < m; r++) ss += (A[al + r] / big) ** 2;
  return big * Math.sqrt(ss);
}
