import { DtaFault, type DtaLayout } from './dta-layout.js';
import { MISSING_CODES } from './data-table.js';
import { fixedText } from './text-encoding.js';

/** A value-label table: numeric codes, and labels of missing codes ('.a'). */
export interface LabelTable {
  readonly values: Map<number, string>;
  readonly missing: Record<string, string>;
}

/**
 * Parses the value-label section of a .dta file (the bytes from its start to the end of the
 * file, or to `</value_labels>` in 117+) into tables by name. Releases 105+: per table its
 * length, name, padding, then n, text length, offsets, values and text. Releases before 105:
 * a 2-byte length and 8-byte labels of the codes 0, 1, … (as ReadStat reads them).
 * @example parseValueLabels(bytes, layout).get('sexlbl')?.values.get(1) // 'male'
 */
export function parseValueLabels(bytes: Uint8Array, layout: DtaLayout): Map<string, LabelTable> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = layout.littleEndian;
  const text = fixedText(layout.encoding);
  const xml = layout.release >= 117;
  // Table names are as wide as variable names: 9 bytes before 110, 33, then 129 from 118.
  const nameLength = layout.release < 110 ? 9 : layout.release < 118 ? 33 : 129;
  const tables = new Map<string, LabelTable>();
  const fault = (what: string) => new DtaFault(`value labels: ${what}`);
  const is = (at: number, s: string) =>
    at + s.length <= bytes.length && [...s].every((ch, i) => bytes[at + i] === ch.charCodeAt(0));
  let p = 0;
  if (xml) {
    if (!is(0, '<value_labels>')) throw fault('the section does not start with <value_labels>');
    p = '<value_labels>'.length;
  }
  const modern = layout.release >= 113;
  while (p < bytes.length) {
    if (xml) {
      if (is(p, '</value_labels>')) break;
      if (!is(p, '<lbl>')) throw fault(`expected <lbl> at byte ${p} of the section`);
      p += 5;
    }
    if (layout.release < 105) {
      if (p + 2 + 12 + 2 > bytes.length) break;
      const length = view.getInt16(p, le);
      const name = text(bytes, p + 2, 9);
      p += 16;
      if (length < 0 || p + length > bytes.length) throw fault(`table '${name}' is truncated`);
      const values = new Map<number, string>();
      for (let i = 0; i < Math.floor(length / 8); i++) {
        const label = text(bytes, p + 8 * i, 8);
        if (label !== '') values.set(i, label);
      }
      tables.set(name, { values, missing: {} });
      p += length;
      continue;
    }
    if (p + 4 + nameLength + 3 > bytes.length) {
      if (xml) throw fault('truncated');
      break; // old formats: trailing bytes after the last table
    }
    const length = view.getInt32(p, le);
    const name = text(bytes, p + 4, nameLength);
    p += 4 + nameLength + 3;
    if (length < 8 || p + length > bytes.length) throw fault(`table '${name}' is truncated`);
    const n = view.getInt32(p, le);
    const textLength = view.getInt32(p + 4, le);
    if (n < 0 || textLength < 0 || 8 + 8 * n + textLength > length) {
      throw fault(`table '${name}' declares ${n} labels that do not fit its ${length} bytes`);
    }
    const values = new Map<number, string>();
    const missing: Record<string, string> = {};
    const textStart = p + 8 + 8 * n;
    for (let i = 0; i < n; i++) {
      const off = view.getInt32(p + 8 + 4 * i, le);
      const value = view.getInt32(p + 8 + 4 * n + 4 * i, le);
      if (off < 0 || off >= textLength)
        throw fault(`table '${name}': label ${i + 1} points outside its text`);
      const label = text(bytes, textStart + off, textLength - off);
      if (modern && value > 2147483620)
        missing[MISSING_CODES[Math.min(value - 2147483621, 26)]] = label;
      else values.set(value, label);
    }
    tables.set(name, { values, missing });
    p += length;
    if (xml) {
      if (!is(p, '</lbl>')) throw fault(`table '${name}' is not closed by </lbl>`);
      p += 6;
    }
  }
  return tables;
}

/**
 * Parses the `<strls>` section of a 117–119 file: each GSO's (v, o) key → its text (the file's
 * encoding; binary strLs are decoded too). Keys are `${v},${o}`.
 * @example parseStrls(bytes, layout).get('1,1') // 'a long string'
 */
export function parseStrls(bytes: Uint8Array, layout: DtaLayout): Map<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = layout.littleEndian;
  const decoder = new TextDecoder(layout.encoding);
  const out = new Map<string, string>();
  const is = (at: number, s: string) =>
    at + s.length <= bytes.length && [...s].every((ch, i) => bytes[at + i] === ch.charCodeAt(0));
  if (!is(0, '<strls>')) throw new DtaFault('the strL section does not start with <strls>');
  let p = 7;
  const wide = layout.release >= 118;
  while (!is(p, '</strls>')) {
    if (!is(p, 'GSO'))
      throw new DtaFault(`strLs: expected GSO or </strls> at byte ${p} of the section`);
    const head = 3 + 4 + (wide ? 8 : 4) + 1 + 4;
    if (p + head > bytes.length) throw new DtaFault('strLs: truncated');
    const v = view.getUint32(p + 3, le);
    const o = wide ? Number(view.getBigUint64(p + 7, le)) : view.getUint32(p + 7, le);
    const q = p + 7 + (wide ? 8 : 4);
    const type = bytes[q];
    const length = view.getUint32(q + 1, le);
    const start = q + 5;
    if (start + length > bytes.length)
      throw new DtaFault(`strLs: string (${v}, ${o}) is truncated`);
    let end = start + length;
    if (type === 0x82 && length > 0 && bytes[end - 1] === 0) end--;
    out.set(`${v},${o}`, decoder.decode(bytes.subarray(start, end)));
    p = start + length;
  }
  return out;
}
