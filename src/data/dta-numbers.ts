import type { DtaType } from './dta-layout.js';

/** 2^1023: Stata doubles at or above it are missing values (`.` = 2^1023, `.a` = next …). */
const DOUBLE_MISSING = 8.98846567431158e307;
/** 2^127: the same for floats. */
const FLOAT_MISSING = 1.7014118346046923e38;

/**
 * Decodes `rows` values of one numeric variable from a block of records into `out` (from
 * `at`), NaN for missing values. `counts[k]` is incremented for each missing code k (0 `.`,
 * 1 `.a`, … 26 `.z`); `sink.tags` (made, `sink.total` long, at the first missing value) gets
 * k + 1 at each missing row. Releases before 113 have
 * only `.`. Definitions: Stata's `help dta`, "Representation of numbers".
 * @example decodeNumbers(view, 0, 16, 100, 'double', { littleEndian: true, modern: true }, out, 0, counts, sink)
 */
export function decodeNumbers(
  view: DataView,
  start: number,
  stride: number,
  rows: number,
  type: DtaType,
  file: { readonly littleEndian: boolean; readonly modern: boolean },
  out: Float64Array,
  at: number,
  counts: Int32Array,
  sink: { tags: Uint8Array | null; readonly total: number },
): number {
  const le = file.littleEndian;
  let p = start;
  let missingRows = 0;
  const miss = (i: number, code: number) => {
    const k = code >= 0 && code <= 26 && file.modern ? code : 0;
    out[at + i] = NaN;
    counts[k]++;
    sink.tags ??= new Uint8Array(sink.total);
    sink.tags[at + i] = k + 1;
    missingRows++;
  };
  switch (type) {
    case 'double':
      for (let i = 0; i < rows; i++, p += stride) {
        const v = view.getFloat64(p, le);
        if (v < DOUBLE_MISSING) out[at + i] = v;
        else miss(i, (view.getUint32(p + (le ? 4 : 0), le) - 0x7fe00000) >> 8);
      }
      break;
    case 'float':
      for (let i = 0; i < rows; i++, p += stride) {
        const v = view.getFloat32(p, le);
        if (v < FLOAT_MISSING) out[at + i] = v;
        else miss(i, (view.getUint32(p, le) - 0x7f000000) >> 11);
      }
      break;
    case 'long': {
      const max = file.modern ? 2147483620 : 2147483646;
      for (let i = 0; i < rows; i++, p += stride) {
        const v = view.getInt32(p, le);
        if (v <= max) out[at + i] = v;
        else miss(i, v - 2147483621);
      }
      break;
    }
    case 'int': {
      const max = file.modern ? 32740 : 32766;
      for (let i = 0; i < rows; i++, p += stride) {
        const v = view.getInt16(p, le);
        if (v <= max) out[at + i] = v;
        else miss(i, v - 32741);
      }
      break;
    }
    case 'byte': {
      const max = file.modern ? 100 : 126;
      for (let i = 0; i < rows; i++, p += stride) {
        const v = view.getInt8(p);
        if (v <= max) out[at + i] = v;
        else miss(i, v - 101);
      }
      break;
    }
    default:
      throw new TypeError(`decodeNumbers: ${type} is not numeric`);
  }
  return missingRows;
}

/**
 * Whether any missing code other than `.` was counted (so per-row tags are worth keeping).
 * @example hasExtendedMissing(counts) // false
 */
export function hasExtendedMissing(counts: Int32Array): boolean {
  for (let k = 1; k < counts.length; k++) if (counts[k] > 0) return true;
  return false;
}
