import { ddAdd, ddDiv, ddMul, ddSqrt } from './double-double.js';
import { type Matrix } from './matrix.js';

/** A least-squares QR factorisation carried out in double-double arithmetic (`qrDD`). */
export interface QrDD {
  readonly rows: number;
  readonly cols: number;
  /** Estimable columns: `pivot[0..rank-1]` are kept, the rest were found collinear. */
  readonly rank: number;
  /** Original index of each column after pivoting; dropped columns are moved to the end. */
  readonly pivot: Int32Array;
  /** The rank×rank upper-triangular R, column-major, as hi and lo parts. */
  readonly rHi: Float64Array;
  readonly rLo: Float64Array;
  /** The first `rank` entries of Q'y, as hi and lo parts. */
  readonly qtyHi: Float64Array;
  readonly qtyLo: Float64Array;
}

/**
 * The default `roundingTol` of `qrDD`: about 450 units of 2⁻⁵³, room for the few roundings
 * that computing one column from others leaves, and far below the remainders of genuinely
 * informative near-collinear columns (5e-8 relative, bound ratio 2e2, in NIST's Filip).
 */
export const ROUNDING_TOL = 1e-13;

/**
 * Options of `qrDD`. Defaults: `tol: 1e-7` (R's `lm`) and `roundingTol: ROUNDING_TOL`.
 */
export interface QrDDOptions {
  /** A column whose remaining norm is at least `tol` times its norm is kept, as in `lm`. */
  readonly tol?: number;
  /**
   * A column below `tol` is still kept unless it is a combination of the earlier kept columns
   * up to the data's own rounding: its residual r = x_j − X b is at most
   * `roundingTol`·(‖x_j‖ + Σ|b_i|‖x_i‖). Exactly collinear columns (duplicates, sums,
   * dummy traps, anything computed from other columns in floating point) fall under it.
   */
  readonly roundingTol?: number;
}

/**
 * Householder QR of [X, y] in double-double arithmetic (about 32 digits) with LINPACK
 * `dqrdc2`'s limited column pivoting, for designs too ill-conditioned for double precision.
 * The rank rule keeps every column `lm` keeps, and also a column `lm` drops (remaining norm
 * below 1e-7 of its norm) when that remainder is far above what rounding of the data could
 * produce; see `QrDDOptions`. The input is not modified. Cost: about ten times a double QR (1 s of CPU per
 * 100,000 × 11), on one thread.
 * @example const d = qrDD(X, y); d.rank; d.qtyHi
 */
export function qrDD(a: Matrix, y: Float64Array, options: QrDDOptions = {}): QrDD {
  const tol = options.tol ?? 1e-7;
  const roundingTol = options.roundingTol ?? ROUNDING_TOL;
  const n = a.rows;
  const p = a.cols;
  // columns 0..p-1 of X, then y as column p (reflected, never pivoted)
  const hi = new Float64Array(n * (p + 1));
  hi.set(a.data.subarray(0, n * p));
  hi.set(y, n * p);
  const lo = new Float64Array(n * (p + 1));
  const pivot = Int32Array.from({ length: p }, (_, j) => j);
  const norms = Float64Array.from({ length: p }, (_, j) => columnNorm(hi, lo, n, j, 0));
  const s = new Float64Array(2);
  let k = p;
  const lup = Math.min(n, p);
  let l = 0;
  for (; l < lup; l++) {
    while (l < k && isCollinear(l)) {
      moveToEnd(l);
      k--;
    }
    if (l >= k) break;
    reflect(l);
  }
  const rank = Math.min(k, n);
  const rHi = new Float64Array(rank * rank);
  const rLo = new Float64Array(rank * rank);
  for (let j = 0; j < rank; j++) {
    for (let i = 0; i <= j; i++) {
      rHi[i + j * rank] = hi[i + j * n];
      rLo[i + j * rank] = lo[i + j * n];
    }
  }
  const qtyHi = hi.slice(p * n, p * n + rank);
  const qtyLo = lo.slice(p * n, p * n + rank);
  return Object.freeze({ rows: n, cols: p, rank, pivot, rHi, rLo, qtyHi, qtyLo });

  /** Column l (rows l..n-1 left after l reflections) is negligible under the rank rule. */
  function isCollinear(c: number): boolean {
    if (norms[c] === 0) return true;
    const rest = columnNorm(hi, lo, n, c, c);
    if (rest >= tol * norms[c]) return false;
    if (rest === 0) return true;
    // b solves R[0:c, 0:c] b = (Q'x_c)[0:c]; double precision suffices for a bound
    const b = new Float64Array(c);
    for (let i = c - 1; i >= 0; i--) {
      let t = hi[i + c * n];
      for (let j = i + 1; j < c; j++) t -= hi[i + j * n] * b[j];
      b[i] = t / hi[i + i * n];
    }
    let bound = norms[c];
    for (let i = 0; i < c; i++) bound += Math.abs(b[i]) * norms[i];
    return rest <= roundingTol * bound;
  }

  /** Moves column c to position p-1 (as dqrdc2 does), shifting the later ones left. */
  function moveToEnd(c: number): void {
    const th = hi.slice(c * n, (c + 1) * n);
    const tl = lo.slice(c * n, (c + 1) * n);
    hi.copyWithin(c * n, (c + 1) * n, p * n);
    lo.copyWithin(c * n, (c + 1) * n, p * n);
    hi.set(th, (p - 1) * n);
    lo.set(tl, (p - 1) * n);
    const pv = pivot[c];
    const nr = norms[c];
    for (let j = c + 1; j < p; j++) {
      pivot[j - 1] = pivot[j];
      norms[j - 1] = norms[j];
    }
    pivot[p - 1] = pv;
    norms[p - 1] = nr;
  }

  /** The Householder reflection that zeroes column c below the diagonal, applied to c..p. */
  function reflect(c: number): void {
    const off = c * n;
    let sh = 0;
    let sl = 0;
    for (let i = c; i < n; i++) {
      ddMul(hi[off + i], lo[off + i], hi[off + i], lo[off + i], s);
      ddAdd(sh, sl, s[0], s[1], s);
      sh = s[0];
      sl = s[1];
    }
    ddSqrt(sh, sl, s);
    let nh = s[0];
    let nl = s[1];
    if (nh === 0) return;
    if (hi[off + c] < 0) {
      nh = -nh;
      nl = -nl;
    }
    // v = x_c / nrm, v_c += 1
    for (let i = c; i < n; i++) {
      ddDiv(hi[off + i], lo[off + i], nh, nl, s);
      hi[off + i] = s[0];
      lo[off + i] = s[1];
    }
    ddAdd(hi[off + c], lo[off + c], 1, 0, s);
    const vh = s[0];
    const vl = s[1];
    hi[off + c] = vh;
    lo[off + c] = vl;
    for (let j = c + 1; j <= p; j++) {
      const oj = j * n;
      let th = 0;
      let tl = 0;
      for (let i = c; i < n; i++) {
        ddMul(hi[off + i], lo[off + i], hi[oj + i], lo[oj + i], s);
        ddAdd(th, tl, s[0], s[1], s);
        th = s[0];
        tl = s[1];
      }
      ddDiv(-th, -tl, vh, vl, s);
      th = s[0];
      tl = s[1];
      for (let i = c; i < n; i++) {
        ddMul(th, tl, hi[off + i], lo[off + i], s);
        ddAdd(hi[oj + i], lo[oj + i], s[0], s[1], s);
        hi[oj + i] = s[0];
        lo[oj + i] = s[1];
      }
    }
    hi[off + c] = -nh;
    lo[off + c] = -nl;
    for (let i = c + 1; i < n; i++) {
      hi[off + i] = 0;
      lo[off + i] = 0;
    }
  }
}

/** ‖x_j[from..n-1]‖ of a double-double column, rounded to double. */
function columnNorm(hi: Float64Array, lo: Float64Array, n: number, j: number, from: number) {
  const s = new Float64Array(2);
  let sh = 0;
  let sl = 0;
  const off = j * n;
  for (let i = from; i < n; i++) {
    ddMul(hi[off + i], lo[off + i], hi[off + i], lo[off + i], s);
    ddAdd(sh, sl, s[0], s[1], s);
    sh = s[0];
    sl = s[1];
  }
  ddSqrt(sh, sl, s);
  return s[0] + s[1];
}
