// CSV rows from typed columns, compiled to WebAssembly by AssemblyScript (`npm run build`
// writes dist/wasm/format-csv.wasm; src/data/csv-formatter.ts loads it). This is not
// TypeScript: u64, usize and load/store are AssemblyScript's.
//
// Doubles are written in the shortest decimal form that reads back to the same double, by
// Giulietti's Schubfach algorithm ("The Schubfach way to render doubles", 2020): the double's
// rounding interval is scaled by a 128-bit approximation of a power of ten, rounded to odd,
// and the shortest decimal inside the interval is read off the scaled bounds. The layout is
// DuckDB's (Python's repr): fixed notation when the decimal exponent is in −4 … 15 (with ".0"
// after a whole number), scientific otherwise (`1e-05`, `1.5e+16`); "inf", "-inf", "-0.0".
//
// Memory is laid out by the caller above `heapBase()`: the powers of ten (filled once through
// `powersOfTen()`), the column descriptors, the columns and the output.

import { mulHigh } from './mul-high';

/** Decimal exponents of the powers of ten in the table: 10^K for K in K_MIN … K_MAX. */
const K_MIN: i32 = -292;
const K_MAX: i32 = 324;
const POW10: usize = memory.data((K_MAX - K_MIN + 1) * 16, 16);
/** "00", "01", …, "99". */
const PAIRS: usize = memory.data(200);

for (let i: i32 = 0; i < 100; i++) {
  store<u8>(PAIRS + 2 * i, 48 + i / 10);
  store<u8>(PAIRS + 2 * i + 1, 48 + (i % 10));
}

/** Where the caller writes the table: for each K, ceil(10^K · 2^(127 − ⌊log₂ 10^K⌋)) as hi, lo. */
export function powersOfTen(): usize {
  return POW10;
}

/** The first byte the caller may use. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}


/** ⌊x / 10⌋ and ⌊x / 10^8⌋ for any u64, by multiplication (a 64-bit division is slow). */
// @ts-ignore: decorator
@inline
function div10(x: u64): u64 {
  return mulHigh(x, 0xcccccccccccccccd) >> 3;
}
// @ts-ignore: decorator
@inline
function div1e8(x: u64): u64 {
  return mulHigh(x, 0xabcc77118461cefd) >> 26;
}

/** (g · cp) / 2^127, g = hi · 2^64 + lo, rounded to odd: its last bit set when inexact. */
// @ts-ignore: decorator
@inline
function roundToOdd(hi: u64, lo: u64, cp: u64): u64 {
  const x = mulHigh(lo, cp);
  let yLow = hi * cp;
  let yHigh = mulHigh(hi, cp);
  yLow += x;
  if (yLow < x) yHigh += 1;
  return (yHigh << 1) | (yLow >> 63) | u64(yLow != 0);
}

/** The shortest digits (written to `decimalDigits`) and exponent (`decimalExponent`). */
let decimalDigits: u64 = 0;
let decimalExponent: i32 = 0;

/** Sets `decimalDigits` · 10^`decimalExponent` to the shortest decimal that rounds to x > 0. */
function toDecimal(bits: u64): void {
  const fraction = bits & 0xfffffffffffff;
  const biased = i32((bits >> 52) & 0x7ff);
  let c: u64;
  let q: i32;
  if (biased != 0) {
    c = fraction | (u64(1) << 52);
    q = biased - 1075;
    // A whole number below 2^53 is its own shortest decimal.
    if (q <= 0 && q > -53) {
      const whole = c >> u64(-q);
      if (whole << u64(-q) == c) {
        decimalDigits = whole;
        decimalExponent = 0;
        return;
      }
    }
  } else {
    c = fraction;
    q = -1074;
  }
  const even = (c & 1) == 0;
  // At a power of two the interval below is half as wide as the one above.
  const closerBelow = fraction == 0 && biased > 1;
  const cbl: u64 = 4 * c - 2 + u64(closerBelow);
  const cb: u64 = 4 * c;
  const cbr: u64 = 4 * c + 2;
  // k = ⌊log₁₀ 2^q⌋, or ⌊log₁₀ (¾ · 2^q)⌋ below a power of two.
  const k: i32 = (q * 1262611 - (closerBelow ? 524031 : 0)) >> 22;
  // h = q + ⌊log₂ 10^−k⌋, in 0 … 3.
  const h: i32 = q + ((-k * 1741647) >> 19);
  const entry = POW10 + <usize>(-k - K_MIN) * 16;
  const gHigh = load<u64>(entry);
  const gLow = load<u64>(entry, 8);
  const vbl = roundToOdd(gHigh, gLow, cbl << u64(h));
  const vb = roundToOdd(gHigh, gLow, cb << u64(h));
  const vbr = roundToOdd(gHigh, gLow, cbr << u64(h));
  const lower = vbl + u64(!even);
  const upper = vbr - u64(!even);
  const s = vb >> 2;
  if (s >= 10) {
    // One digit fewer: the multiples of 10 that bracket s.
    const sp = div10(s);
    const belowInside = lower <= 40 * sp;
    const aboveInside = 40 * sp + 40 <= upper;
    if (belowInside != aboveInside) {
      decimalDigits = sp + u64(aboveInside);
      decimalExponent = k + 1;
      return;
    }
  }
  const belowInside = lower <= 4 * s;
  const aboveInside = 4 * s + 4 <= upper;
  if (belowInside != aboveInside) {
    decimalDigits = s + u64(aboveInside);
    decimalExponent = k;
    return;
  }
  // Both in: the closer one, the even one on a tie.
  const middle = 4 * s + 2;
  const up = vb > middle || (vb == middle && (s & 1) != 0);
  decimalDigits = s + u64(up);
  decimalExponent = k;
}

/** 10^0 … 10^17. */
const POWERS: usize = memory.data<u64>([
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000,
  100000000000, 1000000000000, 10000000000000, 100000000000000, 1000000000000000,
  10000000000000000, 100000000000000000,
]);

/** Number of decimal digits of 1 ≤ d < 10^17: ⌊log₁₀ 2⌋ of its bit length, then one compare. */
// @ts-ignore: decorator
@inline
function digitCount(d: u64): i32 {
  const t = ((64 - i32(clz(d))) * 1233) >> 12;
  return t + i32(d >= load<u64>(POWERS + 8 * <usize>t));
}

/** Writes the n digits of d at out. */
function writeDigits(d: u64, n: i32, out: usize): void {
  let end = out + <usize>n;
  if (d >= 100000000) {
    // The low eight digits, then a 32-bit remainder.
    const high = div1e8(d);
    let low = u32(d - high * 100000000);
    d = high;
    for (let i = 0; i < 4; i++) {
      end -= 2;
      store<u16>(end, load<u16>(PAIRS + 2 * <usize>(low % 100)));
      low /= 100;
    }
  }
  let rest = u32(d);
  while (rest >= 100) {
    end -= 2;
    store<u16>(end, load<u16>(PAIRS + 2 * <usize>(rest % 100)));
    rest /= 100;
  }
  if (rest >= 10) {
    end -= 2;
    store<u16>(end, load<u16>(PAIRS + 2 * <usize>rest));
  } else {
    end -= 1;
    store<u8>(end, 48 + rest);
  }
}

/** Writes x at out (DuckDB's CSV form; NaN writes nothing) and returns the end. */
export function formatDouble(x: f64, out: usize): usize {
  const bits = reinterpret<u64>(x);
  if ((bits & 0x7ff0000000000000) == 0x7ff0000000000000) {
    if ((bits & 0xfffffffffffff) != 0) return out; // NaN: a missing cell
    if (bits >> 63) store<u8>(out++, 45);
    store<u8>(out, 105); // inf
    store<u8>(out, 110, 1);
    store<u8>(out, 102, 2);
    return out + 3;
  }
  if (bits >> 63) store<u8>(out++, 45);
  if ((bits & 0x7fffffffffffffff) == 0) {
    store<u8>(out, 48); // 0.0
    store<u8>(out, 46, 1);
    store<u8>(out, 48, 2);
    return out + 3;
  }
  toDecimal(bits & 0x7fffffffffffffff);
  let d = decimalDigits;
  let e = decimalExponent;
  for (;;) {
    const tenth = div10(d);
    if (tenth * 10 != d) break;
    d = tenth;
    e++;
  }
  const n = digitCount(d);
  const point = n + e; // digits before the decimal point
  const sci = point - 1;
  // (Short copies are byte loops: V8 runs memory.copy out of line, which costs more here.)
  if (sci < -4 || sci >= 16) {
    // d.igitse±XX: the digits one place to the right, then the first moved back.
    writeDigits(d, n, out + 1);
    store<u8>(out, load<u8>(out, 1));
    if (n > 1) {
      store<u8>(out, 46, 1);
      out += n + 1;
    } else out += 1;
    store<u8>(out++, 101); // e
    store<u8>(out++, sci < 0 ? 45 : 43);
    const a: u32 = sci < 0 ? -sci : sci;
    if (a >= 100) {
      store<u8>(out++, 48 + a / 100);
      store<u16>(out, load<u16>(PAIRS + 2 * <usize>(a % 100)));
    } else store<u16>(out, load<u16>(PAIRS + 2 * <usize>a));
    return out + 2;
  }
  if (point <= 0) {
    store<u8>(out++, 48);
    store<u8>(out++, 46);
    for (let i = point; i < 0; i++) store<u8>(out++, 48);
    writeDigits(d, n, out);
    return out + n;
  }
  if (point < n) {
    // dig.its: the digits one place to the right, then the whole part moved back.
    writeDigits(d, n, out + 1);
    for (let i = 0; i < point; i++) store<u8>(out + i, load<u8>(out + i, 1));
    store<u8>(out + point, 46);
    return out + n + 1;
  }
  writeDigits(d, n, out);
  out += n;
  for (let i = n; i < point; i++) store<u8>(out++, 48);
  store<u8>(out, 46);
  store<u8>(out, 48, 1);
  return out + 2;
}

/** Writes a 32-bit integer at out and returns the end. */
function formatInteger(x: i32, out: usize): usize {
  let a: u32 = x < 0 ? u32(-i64(x)) : u32(x);
  if (x < 0) store<u8>(out++, 45);
  const n = a == 0 ? 1 : digitCount(a);
  writeDigits(a, n, out);
  return out + n;
}

/** Copies label `code` of a label table ((offset, length) pairs, then bytes) to out. */
// @ts-ignore: decorator
@inline
function writeLabel(labels: usize, count: i32, code: i32, out: usize): usize {
  if (code < 0 || code >= count) return out;
  const entry = labels + 8 * <usize>code;
  const length = <usize>load<u32>(entry, 4);
  const from = labels + <usize>load<u32>(entry);
  // Eight bytes at a time: the bytes written past the label are overwritten by what follows
  // (the caller leaves 8 bytes of room after the last cell, and reads past a table stay in
  // memory it has laid out).
  for (let i: usize = 0; i < length; i += 8) store<u64>(out + i, load<u64>(from + i));
  return out + length;
}

// Column kinds (the `kind` field of a descriptor).
const DOUBLE = 0; // f64; NaN is missing
const WHOLE = 1; // f64 holding whole numbers, written as 32-bit integers; NaN is missing
const INT32 = 2; // i32
const BOOLEAN = 3; // i8: 1 true, negative missing, anything else false
const CODE_I8 = 4; // i8 codes into labels; outside 0 … count − 1 missing
const CODE_U8 = 5;
const CODE_I16 = 6;
const CODE_U16 = 7;
const CODE_I32 = 8;
const TEXT = 9; // row r's code is r: its label is the cell

/**
 * Writes rows from … to − 1 of `columns` columns as CSV lines (comma, "\n") at out and returns
 * the end. Each column's descriptor is 16 bytes at descriptors: kind, data pointer (the row's
 * value is at data + r · width), label table pointer, label count.
 */
export function formatRows(descriptors: usize, columns: i32, from: i32, to: i32, out: usize): usize {
  for (let r = from; r < to; r++) {
    for (let j = 0; j < columns; j++) {
      if (j > 0) store<u8>(out++, 44);
      const d = descriptors + 16 * <usize>j;
      const kind = load<i32>(d);
      const data = <usize>load<u32>(d, 4);
      const row = <usize>r;
      switch (kind) {
        case DOUBLE:
          out = formatDouble(load<f64>(data + 8 * row), out);
          break;
        case WHOLE: {
          const x = load<f64>(data + 8 * row);
          // Outside ±2^31 the value wraps, as JavaScript's ToInt32 does.
          if (x == x)
            out = formatInteger(
              x > -2147483649.0 && x < 2147483648.0 ? i32(x) : i32(i64(x % 4294967296.0)),
              out,
            );
          break;
        }
        case INT32:
          out = formatInteger(load<i32>(data + 4 * row), out);
          break;
        case BOOLEAN: {
          const b = load<i8>(data + row);
          if (b == 1) {
            store<u32>(out, 0x65757274); // true
            out += 4;
          } else if (b >= 0) {
            store<u32>(out, 0x736c6166); // fals
            store<u8>(out, 101, 4); // e
            out += 5;
          }
          break;
        }
        default: {
          let code: i32;
          if (kind == CODE_I8) code = load<i8>(data + row);
          else if (kind == CODE_U8) code = load<u8>(data + row);
          else if (kind == CODE_I16) code = load<i16>(data + 2 * row);
          else if (kind == CODE_U16) code = load<u16>(data + 2 * row);
          else if (kind == CODE_I32) code = load<i32>(data + 4 * row);
          else code = r; // TEXT
          out = writeLabel(<usize>load<u32>(d, 8), load<i32>(d, 12), code, out);
        }
      }
    }
    store<u8>(out++, 10);
  }
  return out;
}
