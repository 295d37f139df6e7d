import { type Matrix, norm2 } from './matrix.js';

/**
 * A Householder QR decomposition in LINPACK's compact form, as R's `qr()` returns it.
 * `qr` holds R on and above the diagonal and the Householder vectors below it;
 * `pivot[j]` is the original index of column j; columns `rank..cols-1` were found
 * linearly dependent on the earlier ones and moved to the end.
 */
export interface QR {
  readonly rows: number;
  readonly cols: number;
  readonly qr: Float64Array;
  readonly qraux: Float64Array;
  readonly pivot: Int32Array;
  readonly rank: number;
}

/**
 * Householder QR with R's limited column pivoting (LINPACK `dqrdc2`, as used by `lm`):
 * a column whose norm, after the earlier reflections, falls below `tol` times its
 * original norm is deemed collinear and moved to the end.
 * Defaults: `tol = 1e-7` (R's `lm`). The input matrix is not modified.
 * @example const d = qr(X); d.rank // number of estimable coefficients
 */
export function qr(a: Matrix, options: { tol?: number } = {}): QR {
  const tol = options.tol ?? 1e-7;
  const n = a.rows;
  const p = a.cols;
  const x = a.data.slice();
  const qraux = new Float64Array(p);
  const work1 = new Float64Array(p);
  const work2 = new Float64Array(p);
  const pivot = new Int32Array(p);
  for (let j = 0; j < p; j++) {
    pivot[j] = j;
    const nrm = norm2(x, j * n, (j + 1) * n);
    qraux[j] = nrm;
    work1[j] = nrm;
    work2[j] = nrm === 0 ? 1 : nrm;
  }
  const lup = Math.min(n, p);
  let k = p + 1; // 1-based as in the Fortran
  const tmp = new Float64Array(n);
  for (let l = 0; l < lup; l++) {
    // Cycle negligible columns to the end.
    while (l + 1 < k && qraux[l] < work2[l] * tol) {
      tmp.set(x.subarray(l * n, (l + 1) * n));
      x.copyWithin(l * n, (l + 1) * n, p * n);
      x.set(tmp, (p - 1) * n);
      const i = pivot[l];
      const t = qraux[l];
      const tt = work1[l];
      const ttt = work2[l];
      for (let j = l + 1; j < p; j++) {
        pivot[j - 1] = pivot[j];
        qraux[j - 1] = qraux[j];
        work1[j - 1] = work1[j];
        work2[j - 1] = work2[j];
      }
      pivot[p - 1] = i;
      qraux[p - 1] = t;
      work1[p - 1] = tt;
      work2[p - 1] = ttt;
      k--;
    }
    if (l === n - 1) break;
    const ll = l * n + l;
    let nrmxl = norm2(x, ll, (l + 1) * n);
    if (nrmxl === 0) continue;
    if (x[ll] !== 0) nrmxl = Math.abs(nrmxl) * Math.sign(x[ll]);
    const inv = 1 / nrmxl;
    for (let i = ll; i < (l + 1) * n; i++) x[i] *= inv;
    x[ll] = 1 + x[ll];
    reflectColumns(x, n, l, p);
    for (let j = l + 1; j < p; j++) {
      const jl = j * n + l;
      if (qraux[j] === 0) continue;
      let tt = 1 - (Math.abs(x[jl]) / qraux[j]) ** 2;
      tt = Math.max(tt, 0);
      if (Math.abs(tt) < 1e-6) {
        qraux[j] = norm2(x, jl + 1, (j + 1) * n);
        work1[j] = qraux[j];
      } else {
        qraux[j] = qraux[j] * Math.sqrt(tt);
      }
    }
    qraux[l] = x[ll];
    x[ll] = -nrmxl;
  }
  const rank = Math.min(k - 1, n);
  return Object.freeze({ rows: n, cols: p, qr: x, qraux, pivot, rank });
}

/**
 * Applies the Householder reflection stored in column l (rows l..n-1, scaled so that its
 * first entry is v_l) to columns l+1..p-1: x_j -= (v'x_j / v_l) v, each dot product summed
 * in row order as LINPACK's ddot. The rows are walked in cache-sized blocks, all columns
 * at once, so that v is read from memory once per pass rather than once per column.
 */
function reflectColumns(x: Float64Array, n: number, l: number, p: number): void {
  const ll = l * n + l;
  const vll = x[ll];
  const m = p - l - 1;
  if (m <= 0) return;
  const t = new Float64Array(m);
  for (let start = l; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    const v = x.subarray(l * n + start, l * n + end);
    const len = end - start;
    for (let c = 0; c < m; c++) {
      const off = (l + 1 + c) * n;
      const xc = x.subarray(off + start, off + end);
      let s = t[c];
      for (let i = 0; i < len; i++) s += v[i] * xc[i];
      t[c] = s;
    }
  }
  for (let c = 0; c < m; c++) t[c] = -t[c] / vll;
  for (let start = l; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    const v = x.subarray(l * n + start, l * n + end);
    const len = end - start;
    for (let c = 0; c < m; c++) {
      const off = (l + 1 + c) * n;
      const xc = x.subarray(off + start, off + end);
      const tc = t[c];
      for (let i = 0; i < len; i++) xc[i] += tc * v[i];
    }
  }
}

/** Rows per block in `reflectColumns`: a block of v (16 kB) stays in L1 across columns. */
const BLOCK = 2048;

/**
 * Q'y for a decomposition (LINPACK `dqrsl`), applied over the first `rank` reflections.
 * @example const qty = qrQty(d, y); // effects; qty[rank..] are residual components
 */
export function qrQty(d: QR, y: Float64Array): Float64Array {
  const n = d.rows;
  const out = y.slice();
  const ju = Math.min(d.rank, n - 1);
  const x = d.qr;
  for (let j = 0; j < ju; j++) {
    const h = d.qraux[j];
    if (h === 0) continue;
    const jj = j * n + j;
    let s = h * out[j];
    for (let i = 1; i < n - j; i++) s += x[jj + i] * out[j + i];
    const t = -s / h;
    out[j] += t * h;
    for (let i = 1; i < n - j; i++) out[j + i] += t * x[jj + i];
  }
  return out;
}

/**
 * Qy for a decomposition (the reflections applied in reverse order).
 * @example const fitted = qrQy(d, effectsWithTailZeroed);
 */
export function qrQy(d: QR, y: Float64Array): Float64Array {
  const n = d.rows;
  const out = y.slice();
  const ju = Math.min(d.rank, n - 1);
  const x = d.qr;
  for (let j = ju - 1; j >= 0; j--) {
    const h = d.qraux[j];
    if (h === 0) continue;
    const jj = j * n + j;
    let s = h * out[j];
    for (let i = 1; i < n - j; i++) s += x[jj + i] * out[j + i];
    const t = -s / h;
    out[j] += t * h;
    for (let i = 1; i < n - j; i++) out[j + i] += t * x[jj + i];
  }
  return out;
}

/**
 * The leading rank×rank upper-triangular block of R, column-major.
 * @example const R = qrR(d);
 */
export function qrR(d: QR): Float64Array {
  const r = d.rank;
  const out = new Float64Array(r * r);
  for (let j = 0; j < r; j++) {
    for (let i = 0; i <= j; i++) out[i + j * r] = d.qr[i + j * d.rows];
  }
  return out;
}
