import { MISSING_CODES, type DataColumn } from './data-table.js';

/** Stata storage types the writer uses. */
export type Kind = 'byte' | 'int' | 'long' | 'double' | 'str' | 'strL';
/** How one column is written. */
export interface Plan {
  readonly column: DataColumn;
  readonly kind: Kind;
  readonly width: number;
  readonly code: number;
  readonly format: string;
  /** Encoded strings (str#, strL), null when missing. */
  readonly bytes: (Uint8Array | null)[] | null;
}

/** Per integer type: smallest and largest non-missing value, and the code of `.`. */
export const LIMITS: Record<'byte' | 'int' | 'long', [number, number, number]> = {
  byte: [-127, 100, 101],
  int: [-32767, 32740, 32741],
  long: [-2147483647, 2147483620, 2147483621],
};
const utf8 = new TextEncoder();
const ROWS_PER_WRITE = 1 << 14;

/**
 * `text` as a NUL-padded field of `width` bytes, UTF-8, cut at a character boundary.
 * @example fixed('income', 129)
 */
export function fixed(text: string, width: number): Uint8Array {
  const out = new Uint8Array(width);
  const bytes = utf8.encode(text);
  let n = Math.min(bytes.length, width - 1);
  while (n > 0 && n < bytes.length && (bytes[n] & 0xc0) === 0x80) n--; // whole characters only
  out.set(bytes.subarray(0, n));
  return out;
}

/**
 * Writes the records of a 118 file, a block of rows at a time, through `put`.
 * @example await writeRecords(put, plans, table.rows)
 */
export async function writeRecords(
  put: (b: Uint8Array) => Promise<void>,
  plans: readonly Plan[],
  rows: number,
): Promise<void> {
  const record = plans.reduce((a, p) => a + p.width, 0);
  for (let start = 0; start < rows; start += ROWS_PER_WRITE) {
    const m = Math.min(ROWS_PER_WRITE, rows - start);
    const buf = Buffer.alloc(m * record);
    let offset = 0;
    for (const [j, p] of plans.entries()) {
      const tags = p.column.tags;
      for (let i = 0, at = offset; i < m; i++, at += record) {
        const row = start + i;
        if (p.bytes) {
          const b = p.bytes[row];
          if (p.kind === 'str') {
            if (b) buf.set(b, at);
          } else if (b) {
            buf.writeUInt16LE(j + 1, at);
            buf.writeUIntLE(row + 1, at + 2, 6);
          }
          continue;
        }
        const v = (p.column.numbers as Float64Array)[row];
        const code = v === v ? -1 : tags && tags[row] > 0 ? tags[row] - 1 : 0;
        switch (p.kind) {
          case 'double':
            if (code < 0) buf.writeDoubleLE(v, at);
            else {
              buf.writeUInt32LE(0, at);
              buf.writeUInt32LE(0x7fe00000 + code * 0x100, at + 4);
            }
            break;
          case 'long':
            buf.writeInt32LE(code < 0 ? v : LIMITS.long[2] + code, at);
            break;
          case 'int':
            buf.writeInt16LE(code < 0 ? v : LIMITS.int[2] + code, at);
            break;
          default:
            buf.writeInt8(code < 0 ? v : LIMITS.byte[2] + code, at);
        }
      }
      offset += p.width;
    }
    await put(buf);
  }
}

/**
 * One `<lbl>…</lbl>` value-label table (codes and labels of `.a`–`.z` included), named as its column.
 * @example labelTable(column)
 */
export function labelTable(column: DataColumn): Uint8Array {
  const missing = Object.entries(column.missingLabels).map(([code, label]): [number, string] => [
    LIMITS.long[2] + MISSING_CODES.indexOf(code),
    label,
  ]);
  const entries = [...column.valueLabels, ...missing.filter(([c]) => c >= LIMITS.long[2])].sort(
    (a, b) => a[0] - b[0],
  );
  const texts = entries.map(([, l]) => fixed(l, Math.min(utf8.encode(l).length + 1, 32000)));
  const textLength = texts.reduce((a, t) => a + t.length, 0);
  const n = entries.length;
  const length = 8 + 8 * n + textLength;
  const buf = Buffer.alloc(5 + 4 + 129 + 3 + length + 6);
  buf.write('<lbl>', 0, 'latin1');
  buf.writeInt32LE(length, 5);
  buf.set(fixed(column.name, 129), 9);
  let p = 9 + 129 + 3;
  buf.writeInt32LE(n, p);
  buf.writeInt32LE(textLength, p + 4);
  let off = 0;
  entries.forEach(([code], k) => {
    buf.writeInt32LE(off, p + 8 + 4 * k);
    buf.writeInt32LE(code, p + 8 + 4 * n + 4 * k);
    off += texts[k].length;
  });
  p += 8 + 8 * n;
  for (const t of texts) {
    buf.set(t, p);
    p += t.length;
  }
  buf.write('</lbl>', p, 'latin1');
  return buf;
}
