/**
 * Double-double arithmetic: a number is an unevaluated sum hi + lo of two doubles with
 * |lo| ≤ ulp(hi)/2, about 32 significant digits (Dekker 1971; the algorithms of Hida, Li and
 * Bailey's QD library). JavaScript has no fused multiply-add, so exact products use Dekker's
 * split. Results are written into a caller's 2-element `out` ([hi, lo]) so that hot loops
 * allocate nothing.
 *
 * @example
 * const s = new Float64Array(2);
 * ddAdd(0.1, 0, 0.2, 0, s); // s[0] + s[1] is 0.1 + 0.2 to 32 digits
 */
export type DD = Float64Array;

const SPLITTER = 134217729; // 2^27 + 1

/**
 * a·b exactly as hi + lo (Dekker's two-product).
 * @example twoProd(1 / 3, 3, out) // out[1] is the rounding error of out[0]
 */
export function twoProd(a: number, b: number, out: DD): void {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  out[0] = p;
  out[1] = ah * bh - p + ah * bl + al * bh + al * bl;
}

/**
 * (ah + al) + (bh + bl), accurately (QD's `ieee_add`).
 * @example ddAdd(1, 0, 1e-20, 0, out) // out = [1, 1e-20]
 */
export function ddAdd(ah: number, al: number, bh: number, bl: number, out: DD): void {
  let s = ah + bh;
  let v = s - ah;
  let e = ah - (s - v) + (bh - v);
  const t = al + bl;
  v = t - al;
  const f = al - (t - v) + (bl - v);
  e += t;
  let h = s + e;
  e = e - (h - s);
  s = h;
  e += f;
  h = s + e;
  out[0] = h;
  out[1] = e - (h - s);
}

/**
 * (ah + al)·(bh + bl).
 * @example ddMul(x[0], x[1], x[0], x[1], out) // x²
 */
export function ddMul(ah: number, al: number, bh: number, bl: number, out: DD): void {
  twoProd(ah, bh, out);
  const p = out[0];
  const e = out[1] + (ah * bl + al * bh);
  const h = p + e;
  out[0] = h;
  out[1] = e - (h - p);
}

/**
 * (ah + al)/(bh + bl), by two correction steps of the double quotient.
 * @example ddDiv(1, 0, 3, 0, out) // 1/3 to 32 digits
 */
export function ddDiv(ah: number, al: number, bh: number, bl: number, out: DD): void {
  const q1 = ah / bh;
  ddMul(q1, 0, bh, bl, out);
  ddAdd(ah, al, -out[0], -out[1], out);
  const q2 = out[0] / bh;
  const rh = out[0];
  const rl = out[1];
  ddMul(q2, 0, bh, bl, out);
  ddAdd(rh, rl, -out[0], -out[1], out);
  const q3 = out[0] / bh;
  const h = q1 + q2;
  const e = q2 - (h - q1);
  ddAdd(h, e, q3, 0, out);
}

/**
 * √(ah + al) by one Newton step from the double square root (Karp's method).
 * @example ddSqrt(2, 0, out) // √2 to 32 digits
 */
export function ddSqrt(ah: number, al: number, out: DD): void {
  if (ah <= 0) {
    out[0] = ah === 0 ? 0 : NaN;
    out[1] = 0;
    return;
  }
  const x = 1 / Math.sqrt(ah);
  const ax = ah * x;
  twoProd(ax, ax, out);
  ddAdd(ah, al, -out[0], -out[1], out);
  const corr = out[0] * (x * 0.5);
  const h = ax + corr;
  out[0] = h;
  out[1] = corr - (h - ax);
}
