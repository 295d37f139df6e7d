import { oldType, type111, type117, type DtaType } from './dta-types.js';
import { fixedText } from './text-encoding.js';

export type { DtaType };

/** One variable of a .dta file, as its descriptors declare it. */
export interface DtaVariable {
  readonly name: string;
  readonly type: DtaType;
  /** Bytes in each record (the n of str#, 8 for strL). */
  readonly width: number;
  /** Byte offset within a record. */
  readonly offset: number;
  /** Display format, e.g. `%9.0g`, `%td`, `%tc`. */
  readonly format: string;
  /** Name of its value-label table ('' for none). */
  readonly valueLabel: string;
  /** Variable label ('' for none). */
  readonly label: string;
}

/** Where everything is in a .dta file. */
export interface DtaLayout {
  readonly release: number;
  readonly littleEndian: boolean;
  readonly rows: number;
  readonly label: string;
  readonly variables: readonly DtaVariable[];
  readonly recordLength: number;
  /** File offset of the first record. */
  readonly dataOffset: number;
  /** File offset of the `<strls>` tag (117+), −1 before. */
  readonly strlsOffset: number;
  /** File offset of the value labels (the `<value_labels>` tag in 117+). */
  readonly valueLabelsOffset: number;
  /** Text encoding of strings and labels. */
  readonly encoding: string;
}

/** Raised when the prefix handed to `parseDtaLayout` ends before the descriptors do. */
export class DtaNeedMore extends Error {}

/** A fault in a .dta file; the reader turns it into one line naming the file. */
export class DtaFault extends Error {}

const RELEASES = [102, 103, 104, 105, 106, 107, 108, 110, 111, 112, 113, 114, 115, 117, 118, 119];

interface Cursor {
  pos: number;
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly le: boolean;
}

function need(c: Cursor, n: number): void {
  if (c.pos + n > c.bytes.length) throw new DtaNeedMore();
}
function u8(c: Cursor): number {
  need(c, 1);
  return c.bytes[c.pos++];
}
function u16(c: Cursor): number {
  need(c, 2);
  const v = c.view.getUint16(c.pos, c.le);
  c.pos += 2;
  return v;
}
function u32(c: Cursor): number {
  need(c, 4);
  const v = c.view.getUint32(c.pos, c.le);
  c.pos += 4;
  return v;
}
function u64(c: Cursor): number {
  need(c, 8);
  const v = c.view.getBigUint64(c.pos, c.le);
  c.pos += 8;
  if (v > BigInt(Number.MAX_SAFE_INTEGER))
    throw new DtaFault(`a count or offset is too large (${v})`);
  return Number(v);
}
function tag(c: Cursor, name: string): void {
  need(c, name.length);
  for (let i = 0; i < name.length; i++) {
    if (c.bytes[c.pos + i] !== name.charCodeAt(i)) {
      throw new DtaFault(`expected ${name} at byte ${c.pos}`);
    }
  }
  c.pos += name.length;
}

/**
 * Parses the header and descriptors of a .dta file (releases 102–119, either byte order) from
 * a prefix of its bytes. Throws `DtaNeedMore` when the prefix is too short (the caller reads more
 * and tries again) and `DtaFault` naming what is wrong when the file is malformed.
 * Layouts as documented in Stata's `help dta` (117–119) and its predecessors' technical notes.
 * @example parseDtaLayout(prefix, { fileSize, encoding: 'windows-1252' }).variables[0].name
 */
export function parseDtaLayout(
  bytes: Uint8Array,
  options: { fileSize: number; encoding?: string },
): DtaLayout {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4) throw new DtaNeedMore();
  const xml = bytes[0] === 0x3c; // '<'
  let release: number;
  let le: boolean;
  const c: Cursor = { pos: 0, bytes, view, le: true };
  let nvar: number;
  let rows: number;
  let label: string;
  const map: number[] = [];
  if (xml) {
    tag(c, '<stata_dta><header><release>');
    need(c, 3);
    release = Number(String.fromCharCode(bytes[c.pos], bytes[c.pos + 1], bytes[c.pos + 2]));
    c.pos += 3;
    if (![117, 118, 119].includes(release)) throw new DtaFault(`unknown release '${release}'`);
    tag(c, '</release><byteorder>');
    need(c, 3);
    const order = String.fromCharCode(bytes[c.pos], bytes[c.pos + 1], bytes[c.pos + 2]);
    if (order !== 'LSF' && order !== 'MSF') throw new DtaFault(`unknown byte order '${order}'`);
    le = order === 'LSF';
    c.pos += 3;
    (c as { le: boolean }).le = le;
    tag(c, '</byteorder><K>');
    nvar = release >= 119 ? u32(c) : u16(c);
    tag(c, '</K><N>');
    rows = release >= 118 ? u64(c) : u32(c);
    tag(c, '</N><label>');
    const n = release >= 118 ? u16(c) : u8(c);
    need(c, n);
    label = new TextDecoder(release >= 118 ? 'utf-8' : (options.encoding ?? 'windows-1252')).decode(
      bytes.subarray(c.pos, c.pos + n),
    );
    c.pos += n;
    tag(c, '</label><timestamp>');
    const t = u8(c);
    need(c, t);
    c.pos += t;
    tag(c, '</timestamp></header><map>');
    for (let i = 0; i < 14; i++) map.push(u64(c));
    tag(c, '</map>');
  } else {
    release = bytes[0];
    if (!RELEASES.includes(release) || release >= 117) {
      throw new DtaFault('not a Stata .dta file (unknown release byte ' + release + ')');
    }
    if (bytes[1] !== 1 && bytes[1] !== 2) {
      throw new DtaFault(`not a Stata .dta file (byte order ${bytes[1]} is neither 1 nor 2)`);
    }
    le = bytes[1] === 2;
    (c as { le: boolean }).le = le;
    c.pos = 4;
    nvar = u16(c);
    rows = release === 102 ? u16(c) : u32(c);
    const labelLength = release === 102 ? 30 : release < 108 ? 32 : 81;
    need(c, labelLength);
    label = fixedText(options.encoding ?? 'windows-1252')(bytes, c.pos, labelLength).trimEnd();
    c.pos += labelLength;
    if (release >= 105) {
      need(c, 18);
      c.pos += 18;
    }
  }
  const encoding = release >= 118 ? 'utf-8' : (options.encoding ?? 'windows-1252');
  const text = fixedText(encoding);
  const nameLength = release < 110 ? 9 : release < 118 ? 33 : 129;
  const formatLength = release < 105 ? 7 : release < 114 ? 12 : release < 118 ? 49 : 57;
  const labelLength = release < 108 ? 32 : release < 118 ? 81 : 321;
  const section = (name: string) => xml && tag(c, `<${name}>`);
  const close = (name: string) => xml && tag(c, `</${name}>`);

  section('variable_types');
  const types: [DtaType, number][] = [];
  for (let j = 0; j < nvar; j++) {
    const code = release >= 117 ? u16(c) : u8(c);
    const t = release >= 117 ? type117(code) : release >= 111 ? type111(code) : oldType(code);
    if (t === null) throw new DtaFault(`variable ${j + 1} has unknown type code ${code}`);
    types.push(t);
  }
  close('variable_types');
  const strings = (width: number, tagName: string): string[] => {
    section(tagName);
    need(c, nvar * width);
    const out = Array.from({ length: nvar }, (_, j) => text(bytes, c.pos + j * width, width));
    c.pos += nvar * width;
    close(tagName);
    return out;
  };
  const names = strings(nameLength, 'varnames');
  section('sortlist');
  const sortBytes = (nvar + 1) * (release >= 119 ? 4 : 2);
  need(c, sortBytes);
  c.pos += sortBytes;
  close('sortlist');
  const formats = strings(formatLength, 'formats');
  const valueLabels = strings(nameLength, 'value_label_names');
  const labels = strings(labelLength, 'variable_labels');

  let dataOffset: number;
  if (xml) {
    dataOffset = map[9] + '<data>'.length;
  } else {
    if (release >= 105) {
      for (;;) {
        const kind = u8(c);
        const length = release < 110 ? u16(c) : u32(c);
        if (kind === 0 && length === 0) break;
        if (c.pos + length > options.fileSize) {
          throw new DtaFault(`an expansion field of ${length} bytes runs past the end of the file`);
        }
        need(c, length);
        c.pos += length;
      }
    }
    dataOffset = c.pos;
  }
  let offset = 0;
  const variables = names.map((name, j): DtaVariable => {
    const [type, width] = types[j];
    const v = {
      name,
      type,
      width,
      offset,
      format: formats[j],
      valueLabel: valueLabels[j],
      label: labels[j],
    };
    offset += width;
    return Object.freeze(v);
  });
  const recordLength = offset;
  const dataEnd = dataOffset + recordLength * rows;
  if (dataEnd > options.fileSize) {
    throw new DtaFault(
      `truncated: ${rows} row(s) of ${recordLength} bytes need ${dataEnd} bytes, the file has ${options.fileSize}`,
    );
  }
  for (const [k, at] of map.entries()) {
    if (at > options.fileSize) throw new DtaFault(`map entry ${k} points past the end (${at})`);
  }
  return Object.freeze({
    release,
    littleEndian: le,
    rows,
    label,
    variables: Object.freeze(variables),
    recordLength,
    dataOffset,
    strlsOffset: xml ? map[10] : -1,
    valueLabelsOffset: xml ? map[11] : dataEnd,
    encoding,
  });
}
