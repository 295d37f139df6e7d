import { ddAdd, ddDiv, ddMul } from './double-double.js';

/**
 * Solves R x = b in double-double for an upper-triangular, column-major k×k R given as hi
 * and lo parts; returns x as [hi, lo].
 * @example const [xh, xl] = backsolveDD(rHi, rLo, k, bHi, bLo);
 */
export function backsolveDD(
  rHi: Float64Array,
  rLo: Float64Array,
  k: number,
  bHi: Float64Array,
  bLo: Float64Array,
): [Float64Array, Float64Array] {
  const xh = new Float64Array(k);
  const xl = new Float64Array(k);
  const s = new Float64Array(2);
  for (let i = k - 1; i >= 0; i--) {
    let th = bHi[i];
    let tl = bLo[i];
    for (let j = i + 1; j < k; j++) {
      ddMul(rHi[i + j * k], rLo[i + j * k], xh[j], xl[j], s);
      ddAdd(th, tl, -s[0], -s[1], s);
      th = s[0];
      tl = s[1];
    }
    ddDiv(th, tl, rHi[i + i * k], rLo[i + i * k], s);
    xh[i] = s[0];
    xl[i] = s[1];
  }
  return [xh, xl];
}

/**
 * (R'R)⁻¹ = R⁻¹R⁻ᵀ in double-double from an upper-triangular R (hi and lo parts), rounded
 * to double: R's `chol2inv` carried out to 32 digits.
 * @example const XtXinv = chol2invDD(rHi, rLo, k);
 */
export function chol2invDD(rHi: Float64Array, rLo: Float64Array, k: number): Float64Array {
  const ih = new Float64Array(k * k);
  const il = new Float64Array(k * k);
  const s = new Float64Array(2);
  for (let j = 0; j < k; j++) {
    ddDiv(1, 0, rHi[j + j * k], rLo[j + j * k], s);
    ih[j + j * k] = s[0];
    il[j + j * k] = s[1];
    for (let i = j - 1; i >= 0; i--) {
      let th = 0;
      let tl = 0;
      for (let m = i + 1; m <= j; m++) {
        ddMul(rHi[i + m * k], rLo[i + m * k], ih[m + j * k], il[m + j * k], s);
        ddAdd(th, tl, s[0], s[1], s);
        th = s[0];
        tl = s[1];
      }
      ddDiv(-th, -tl, rHi[i + i * k], rLo[i + i * k], s);
      ih[i + j * k] = s[0];
      il[i + j * k] = s[1];
    }
  }
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let th = 0;
      let tl = 0;
      for (let m = j; m < k; m++) {
        ddMul(ih[i + m * k], il[i + m * k], ih[j + m * k], il[j + m * k], s);
        ddAdd(th, tl, s[0], s[1], s);
        th = s[0];
        tl = s[1];
      }
      out[i + j * k] = th + tl;
      out[j + i * k] = th + tl;
    }
  }
  return out;
}
