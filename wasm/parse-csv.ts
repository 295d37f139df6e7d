// Plain CSV lines into numeric columns and coded text columns, compiled to WebAssembly by
// AssemblyScript (`npm run build` writes dist/wasm/parse-csv.wasm; src/data/csv-parser.ts loads
// it). This is not TypeScript: u64, usize and load/store are AssemblyScript's.
//
// Only the plainest CSV is taken: comma-separated, "\n"-terminated lines with the header's
// number of fields, no double quote and no carriage return anywhere, numbers of the form
// [+-]digits[.digits][e[+-]digits] (or empty, NA or . for missing). Anything else returns a
// negative status, and the caller reads the file the general way (DuckDB), which handles it or
// names the cell at fault. Numbers are correctly rounded: exactly when the decimal mantissa
// and the power of ten are both exact doubles (Clinger's fast path), otherwise by Lemire's
// algorithm (the mantissa times a 128-bit power of five; Mushtak and Lemire showed two 64-bit
// products always suffice for up to 19 digits); longer mantissas and subnormal results are
// handed back to JavaScript's Number (`env.parseSlow`).

import { mulHigh } from './mul-high';

/** Decimal exponents of the table of 128-bit powers of five: Q_MIN … Q_MAX. */
const Q_MIN: i32 = -342;
const Q_MAX: i32 = 308;
const POW5: usize = memory.data((Q_MAX - Q_MIN + 1) * 16, 16);
/** 10^0 … 10^22 as doubles, all exact. */
const EXACT: usize = memory.data<f64>([
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
  1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]);

/** Where the caller writes the powers of five: for each q, hi then lo (see csv-parser.ts). */
export function powersOfFive(): usize {
  return POW5;
}

/** The first byte the caller may use. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

/** Parses a number JavaScript's way: the bytes start … start + length − 1 (ASCII). */
declare function parseSlow(start: usize, length: i32): f64;

// Statuses (negative returns of parseLines).
const BAD_SHAPE = -1; // a quote, a carriage return, or a line with the wrong number of fields
const BAD_NUMBER = -2; // a numeric cell that is not a plain finite number
const TOO_MANY_LEVELS = -3; // a coded column with more distinct values than its table holds


/** w · 10^q for w < 10^19 with w > 2^53 or |q| > 22; NaN when the result is not normal. */
function lemire(w: u64, q: i32): f64 {
  if (q < Q_MIN) return 0;
  if (q > Q_MAX) return Infinity;
  const lz = i32(clz(w));
  w <<= u64(lz);
  const entry = POW5 + <usize>(q - Q_MIN) * 16;
  const fiveHigh = load<u64>(entry);
  let high = mulHigh(w, fiveHigh);
  let low = w * fiveHigh;
  if ((high & 0x1ff) == 0x1ff) {
    const fiveLow = load<u64>(entry, 8);
    const carry = mulHigh(w, fiveLow);
    low += carry;
    if (low < carry) high++;
  }
  const upper = i32(high >> 63);
  let mantissa = high >> u64(upper + 9);
  let power2 = (((152170 + 65536) * q) >> 16) + 63 + upper - lz + 1023;
  if (power2 <= 0) return NaN; // subnormal: JavaScript's way
  // Exactly halfway between two doubles (only possible for small q): round to even.
  if (low <= 1 && q >= -4 && q <= 23 && (mantissa & 3) == 1) {
    if (mantissa << u64(upper + 9) == high) mantissa &= ~u64(1);
  }
  mantissa += mantissa & 1;
  mantissa >>= 1;
  if (mantissa >= u64(2) << 52) {
    mantissa = u64(1) << 52;
    power2++;
  }
  if (power2 >= 0x7ff) return Infinity;
  return reinterpret<f64>((mantissa & ~(u64(1) << 52)) | (u64(power2) << 52));
}

/** Where the last `parseNumber` stopped (the byte after the number). */
let numberEnd: usize = 0;

/** Whether the 8 bytes of v are all ASCII digits. */
// @ts-ignore: decorator
@inline
function eightDigits(v: u64): bool {
  return (
    ((v & 0xf0f0f0f0f0f0f0f0) | (((v + 0x0606060606060606) & 0xf0f0f0f0f0f0f0f0) >> 4)) ==
    0x3333333333333333
  );
}

/** The value of 8 ASCII digits loaded little-endian (the first digit in the lowest byte). */
// @ts-ignore: decorator
@inline
function eightDigitsValue(v: u64): u64 {
  v = ((v & 0x0f0f0f0f0f0f0f0f) * 2561) >> 8;
  v = ((v & 0x00ff00ff00ff00ff) * 6553601) >> 16;
  return ((v & 0x0000ffff0000ffff) * 42949672960001) >> 32;
}

/**
 * The number that starts at `start` and ends before the first byte that cannot continue it
 * (`numberEnd`): NaN for a missing cell (nothing, NA or . before the separator); +Infinity
 * for anything that is not a plain finite number (the caller then gives up on the file). The
 * caller checks that a separator follows. Reads up to 8 bytes past `end`.
 */
function parseNumber(start: usize, end: usize): f64 {
  let p = start;
  if (p >= end) return Infinity;
  let c = load<u8>(p);
  // Missing: an empty cell, NA or . (the caller checks what follows).
  if (c == 44 || c == 10) {
    numberEnd = p;
    return NaN;
  }
  if (c == 78 && load<u8>(p, 1) == 65) {
    numberEnd = p + 2;
    return NaN;
  }
  if (c == 46) {
    const next = load<u8>(p, 1);
    if (next == 44 || next == 10) {
      numberEnd = p + 1;
      return NaN;
    }
  }
  const negative = c == 45;
  if (c == 45 || c == 43) p++;
  let w: u64 = 0;
  let digits = 0; // significant digits kept in w
  let exponent: i32 = 0;
  let any = false;
  let truncated = false;
  // The digits before and after the point are read by two loops that differ only in the
  // exponent: one function over globals was a sixth slower (7.4–7.7 s against 8.5–10 s for
  // the 2.3 GB benchmark file on one thread).
  for (;;) {
    // Eight digits at a time once past the leading zeros, while w keeps all of them.
    if (w != 0 && digits <= 11 && p + 8 <= end) {
      const v = load<u64>(p);
      if (eightDigits(v)) {
        w = w * 100000000 + eightDigitsValue(v);
        digits += 8;
        p += 8;
        continue;
      }
    }
    if (p >= end) break;
    const d = u32(load<u8>(p)) - 48;
    if (d > 9) break;
    any = true;
    if (digits < 19) {
      w = w * 10 + d;
      if (w != 0) digits++;
    } else {
      exponent++;
      truncated = true;
    }
    p++;
  }
  if (p < end && load<u8>(p) == 46) {
    p++;
    for (;;) {
      if (w != 0 && digits <= 11 && p + 8 <= end) {
        const v = load<u64>(p);
        if (eightDigits(v)) {
          w = w * 100000000 + eightDigitsValue(v);
          digits += 8;
          exponent -= 8;
          any = true;
          p += 8;
          continue;
        }
      }
      if (p >= end) break;
      const d = u32(load<u8>(p)) - 48;
      if (d > 9) break;
      any = true;
      if (digits < 19) {
        w = w * 10 + d;
        if (w != 0) digits++;
        exponent--;
      } else truncated = true;
      p++;
    }
  }
  if (!any) return Infinity;
  if (p < end) {
    c = load<u8>(p);
    if (c == 101 || c == 69) {
      p++;
      let sign: i32 = 1;
      if (p < end && (load<u8>(p) == 45 || load<u8>(p) == 43)) {
        if (load<u8>(p) == 45) sign = -1;
        p++;
      }
      let e: i32 = 0;
      let expDigits = 0;
      while (p < end) {
        const d = i32(load<u8>(p)) - 48;
        if (d < 0 || d > 9) break;
        if (e < 100000) e = e * 10 + d;
        expDigits++;
        p++;
      }
      if (expDigits == 0) return Infinity;
      exponent += sign * e;
    }
  }
  numberEnd = p;
  // JavaScript's Number reads the whole cell, sign included.
  if (truncated) return finite(parseSlow(start, i32(p - start)));
  let x: f64;
  if (w == 0) x = 0;
  else if (w <= u64(1) << 53 && exponent >= -22 && exponent <= 22) {
    const f = f64(w);
    x =
      exponent < 0
        ? f / load<f64>(EXACT + 8 * <usize>-exponent)
        : f * load<f64>(EXACT + 8 * <usize>exponent);
  } else {
    x = lemire(w, exponent);
    if (x != x) return finite(parseSlow(start, i32(p - start)));
  }
  if (x == Infinity) return Infinity;
  return negative ? -x : x;
}

/** x, or +Infinity (not a plain finite number) when it is infinite or NaN. */
// @ts-ignore: decorator
@inline
function finite(x: f64): f64 {
  return x - x == 0 ? x : Infinity;
}

// A coded column's table of distinct values (per column, at codes + t · TABLE_BYTES):
// SLOTS slots of (hash, level + 1), then LEVELS entries of (offset, length) into the bytes.
const SLOTS = 4096;
const LEVELS = 2048;
const POOL = 65536;
const SLOT_BYTES = SLOTS * 8;
const LEVEL_BYTES = LEVELS * 8;
export const TABLE_BYTES: i32 = SLOT_BYTES + LEVEL_BYTES + POOL + 16;

/** Distinct values of coded column t seen so far (the table's first field). */
export function levelCount(tables: usize, t: i32): i32 {
  return load<i32>(tables + <usize>t * TABLE_BYTES + TABLE_BYTES - 16);
}

/** Where level `level` of coded column t starts (its bytes) and its length. */
export function levelStart(tables: usize, t: i32, level: i32): usize {
  const table = tables + <usize>t * TABLE_BYTES;
  return table + SLOT_BYTES + LEVEL_BYTES + <usize>load<u32>(table + SLOT_BYTES + 8 * <usize>level);
}
export function levelLength(tables: usize, t: i32, level: i32): i32 {
  const table = tables + <usize>t * TABLE_BYTES;
  return load<i32>(table + SLOT_BYTES + 8 * <usize>level, 4);
}

/** The code of a text cell in coded column t (−1 missing; −2 when the table is full). */
function codeOf(tables: usize, t: i32, start: usize, end: usize): i32 {
  const length = <u32>(end - start);
  if (length == 0) return -1;
  const c = load<u8>(start);
  if (length == 1 && c == 46) return -1;
  if (length == 2 && c == 78 && load<u8>(start, 1) == 65) return -1;
  let hash: u32 = 2166136261;
  for (let p = start; p < end; p++) hash = (hash ^ load<u8>(p)) * 16777619;
  const table = tables + <usize>t * TABLE_BYTES;
  const levels = table + SLOT_BYTES;
  const pool = levels + LEVEL_BYTES;
  const countAt = table + <usize>TABLE_BYTES - 16;
  let slot = hash & (SLOTS - 1);
  for (;;) {
    const at = table + 8 * <usize>slot;
    const stored = load<i32>(at, 4);
    if (stored == 0) break;
    if (load<u32>(at) == hash) {
      const level = stored - 1;
      const entry = levels + 8 * <usize>level;
      if (load<u32>(entry, 4) == length) {
        const bytes = pool + <usize>load<u32>(entry);
        let same = true;
        for (let i: usize = 0; i < <usize>length; i++) {
          if (load<u8>(bytes + i) != load<u8>(start + i)) {
            same = false;
            break;
          }
        }
        if (same) return level;
      }
    }
    slot = (slot + 1) & (SLOTS - 1);
  }
  // A new value: its bytes go to the pool, its level to the slot.
  const count = load<i32>(countAt);
  const used = load<u32>(countAt, 4);
  if (count >= LEVELS || used + length > <u32>POOL) return -2;
  for (let i: usize = 0; i < <usize>length; i++) store<u8>(pool + used + i, load<u8>(start + i));
  store<u32>(levels + 8 * <usize>count, used);
  store<u32>(levels + 8 * <usize>count, length, 4);
  store<u32>(table + 8 * <usize>slot, hash);
  store<i32>(table + 8 * <usize>slot, count + 1, 4);
  store<i32>(countAt, count + 1);
  store<u32>(countAt, used + length, 4);
  return count;
}

/**
 * Parses the lines in input … end − 1 (whole lines, each ending in "\n") into rows 0 … of the
 * outputs and returns how many, or a negative status; it stops after `capacity` rows
 * (`parsedTo()` says where). `plan` holds one i32 per field of a
 * line: −1 to skip it, k ≥ 0 for numeric column k (doubles at numeric + 8 · (k · capacity + r),
 * NaN when missing; their count in missing[k]), or −2 − t for coded column t (i32 codes at
 * codes + 4 · (t · capacity + r), −1 when missing; values in the tables at `tables`).
 */
/** Where the last `parseLines` stopped: the start of the first line it did not parse. */
let stopped: usize = 0;
export function parsedTo(): usize {
  return stopped;
}

export function parseLines(
  input: usize,
  end: usize,
  plan: usize,
  fields: i32,
  numeric: usize,
  codes: usize,
  tables: usize,
  missing: usize,
  capacity: i32,
): i32 {
  let p = input;
  let row: i32 = 0;
  while (p < end) {
    stopped = p;
    if (row >= capacity) return row;
    for (let f: i32 = 0; f < fields; f++) {
      const target = load<i32>(plan + 4 * <usize>f);
      // The byte that must end this field: a comma, or "\n" for the last.
      const separator: u8 = f == fields - 1 ? 10 : 44;
      if (target >= 0) {
        // A numeric field is parsed where it stands; a separator must follow the number.
        const x = parseNumber(p, end);
        if (x == Infinity) return BAD_NUMBER;
        p = numberEnd;
        if (p >= end || load<u8>(p) != separator) {
          const c = p < end ? load<u8>(p) : 0;
          return c == 34 || c == 13 || c == 44 || c == 10 ? BAD_SHAPE : BAD_NUMBER;
        }
        store<f64>(numeric + 8 * (<usize>target * <usize>capacity + <usize>row), x);
        if (x != x) store<i32>(missing + 4 * <usize>target, load<i32>(missing + 4 * <usize>target) + 1);
      } else {
        const start = p;
        let c: u8 = 0;
        while (p < end) {
          c = load<u8>(p);
          if (c == 44 || c == 10) break;
          if (c == 34 || c == 13) return BAD_SHAPE;
          p++;
        }
        if (p == end || c != separator) return BAD_SHAPE;
        if (target <= -2) {
          const t = -2 - target;
          const code = codeOf(tables, t, start, p);
          if (code == -2) return TOO_MANY_LEVELS;
          store<i32>(codes + 4 * (<usize>t * <usize>capacity + <usize>row), code);
        }
      }
      p++;
    }
    row++;
  }
  stopped = p;
  return row;
}
