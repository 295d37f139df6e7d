import { ddAdd, ddMul } from '../linalg/double-double.js';
import { type Matrix } from '../linalg/matrix.js';
import { ROUNDING_TOL, qrDD } from '../linalg/qr-dd.js';
import { type QR } from '../linalg/qr.js';
import { backsolveDD, chol2invDD } from '../linalg/triangular-dd.js';
import { invertUpper } from '../linalg/triangular.js';

/**
 * The double-precision error bound above which `ols` refits in double-double: the
 * normwise relative error of a Householder least-squares solution is about
 * u·κ·(1 + κ·‖r‖/‖ŷ‖) (Golub & Van Loan, §5.3.8), u = 2⁻⁵³, with κ the condition number of
 * the column-equilibrated design. Above 1e-13 double precision may leave fewer than about
 * ten correct digits in some coefficient (NIST's Wampler4 and 5, Longley, Filip).
 */
export const REFINE_ABOVE = 1e-13;

/**
 * The error bound u·κ·(1 + κ·‖r‖/‖ŷ‖) of a double QR least-squares fit, from its k×k R
 * factor (column-major, pivoted order) and Q'y: κ is the Frobenius condition number of R
 * with its columns scaled to unit norm (an overestimate of the 2-norm one by at most k).
 * @example errorBound(R, k, qty) // 2e-16 for a well-conditioned design, 1e-6 for Wampler5
 */
export function errorBound(R: Float64Array, k: number, qty: Float64Array): number {
  if (k === 0) return 0;
  const d = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i <= j; i++) s += R[i + j * k] ** 2;
    d[j] = Math.sqrt(s);
  }
  // ‖R D⁻¹‖_F = √k; ‖D R⁻¹‖_F from the inverse
  const inv = invertUpper(R, k);
  let f = 0;
  for (let j = 0; j < k; j++) for (let i = 0; i <= j; i++) f += (d[i] * inv[i + j * k]) ** 2;
  const kappa = Math.sqrt(k * f);
  let fit = 0;
  for (let i = 0; i < k; i++) fit += qty[i] ** 2;
  let res = 0;
  for (let i = k; i < qty.length; i++) res += qty[i] ** 2;
  const ratio = fit > 0 ? Math.sqrt(res / fit) : 0;
  const bound = 2 ** -53 * kappa * (1 + kappa * ratio);
  return Number.isFinite(bound) ? bound : Infinity;
}

/**
 * Whether a column the double QR `d` of `a` dropped as collinear (remaining norm below 1e-7
 * of its norm, `lm`'s rule) is nevertheless not a combination of the kept columns within the
 * data's rounding: its remaining norm exceeds `ROUNDING_TOL`·(‖x_j‖ + Σ|b_i|‖x_i‖), b its
 * coefficients on the kept columns. A backward-stable double QR gets that remaining norm
 * right to within a few units of 2⁻⁵³ times the same bound, so the double factors suffice to
 * tell an exact dependence (no refit needed) from a near one (refit in double-double).
 * @example hasNearDependence(qr(X), X) // true for NIST's Filip, false for a dummy trap
 */
export function hasNearDependence(d: QR, a: Matrix): boolean {
  const n = d.rows;
  const k = d.rank;
  const norms = Float64Array.from({ length: d.cols }, (_, j) => {
    const c = d.pivot[j];
    let s = 0;
    for (let i = 0; i < n; i++) s += a.data[i + c * n] ** 2;
    return Math.sqrt(s);
  });
  for (let j = k; j < d.cols; j++) {
    if (norms[j] === 0) continue;
    // dqrdc2 goes on reflecting the dropped columns too: rows k..j of column j are its
    // remainder after the kept columns (rotated), rows below j hold its own reflector
    const col = d.qr.subarray(j * n, (j + 1) * n);
    let rest = 0;
    for (let i = k; i <= Math.min(j, n - 1); i++) rest += col[i] ** 2;
    rest = Math.sqrt(rest);
    const b = new Float64Array(k);
    for (let i = k - 1; i >= 0; i--) {
      let t = col[i];
      for (let m = i + 1; m < k; m++) t -= d.qr[i + m * n] * b[m];
      b[i] = t / d.qr[i + i * n];
    }
    let bound = norms[j];
    for (let i = 0; i < k; i++) bound += Math.abs(b[i]) * norms[i];
    if (rest > ROUNDING_TOL * bound) return true;
  }
  return false;
}

/** A least-squares fit computed in double-double and rounded (see `refinedFit`). */
export interface RefinedFit {
  readonly rank: number;
  /** Original column of each pivoted position; the first `rank` were estimated. */
  readonly pivot: Int32Array;
  /** Coefficients in pivoted order (length rank). */
  readonly coefficients: Float64Array;
  /** (X'WX)⁻¹ in pivoted order, rank×rank. */
  readonly xtxInverse: Float64Array;
  readonly fitted: Float64Array;
  readonly residuals: Float64Array;
  readonly rss: number;
  readonly sw: number;
  readonly swf: number;
}

/**
 * Least squares of y on X (weights w) by a Householder QR in double-double (`qrDD`):
 * coefficients, (X'WX)⁻¹, residuals y − Xb and Σ w e² are all carried to about 32 digits
 * before rounding, so each is correct to nearly full double precision unless the design is
 * singular to within its rounding. The collinearity rule is `qrDD`'s.
 * @example const f = refinedFit(X, y, null, { tol: 1e-7 }); f.coefficients
 */
export function refinedFit(
  X: Matrix,
  y: Float64Array,
  w: Float64Array | null,
  options: { tol?: number } = {},
): RefinedFit {
  const n = X.rows;
  const p = X.cols;
  let Xw = X;
  let yw = y;
  if (w) {
    const sw = Float64Array.from(w, Math.sqrt);
    const data = new Float64Array(n * p);
    for (let j = 0; j < p; j++)
      for (let i = 0; i < n; i++) data[i + j * n] = X.data[i + j * n] * sw[i];
    Xw = { rows: n, cols: p, data };
    yw = Float64Array.from(y, (v, i) => v * sw[i]);
  }
  const d = qrDD(Xw, yw, { tol: options.tol ?? 1e-7 });
  const k = d.rank;
  const [bh, bl] = backsolveDD(d.rHi, d.rLo, k, d.qtyHi, d.qtyLo);
  const xtxInverse = chol2invDD(d.rHi, d.rLo, k);
  const fitted = new Float64Array(n);
  const residuals = new Float64Array(n);
  const s = new Float64Array(2);
  let rh = 0;
  let rl = 0;
  let sw = 0;
  let swf = 0;
  for (let i = 0; i < n; i++) {
    let fh = 0;
    let fl = 0;
    for (let j = 0; j < k; j++) {
      ddMul(bh[j], bl[j], X.data[i + d.pivot[j] * n], 0, s);
      ddAdd(fh, fl, s[0], s[1], s);
      fh = s[0];
      fl = s[1];
    }
    ddAdd(y[i], 0, -fh, -fl, s);
    const eh = s[0];
    const el = s[1];
    fitted[i] = fh + fl;
    residuals[i] = eh + el;
    const wi = w ? w[i] : 1;
    ddMul(eh, el, eh, el, s);
    ddMul(s[0], s[1], wi, 0, s);
    ddAdd(rh, rl, s[0], s[1], s);
    rh = s[0];
    rl = s[1];
    sw += wi;
    swf += wi * fitted[i];
  }
  const coefficients = Float64Array.from(bh, (v, j) => v + bl[j]);
  return Object.freeze({
    rank: k,
    pivot: d.pivot,
    coefficients,
    xtxInverse,
    fitted,
    residuals,
    rss: rh + rl,
    sw,
    swf,
  });
}
