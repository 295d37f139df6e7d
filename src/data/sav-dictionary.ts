import { CODE_PAGES, DATE_TYPES, DATETIME_TYPES, FORMAT_NAMES } from './sav-formats.js';

/** A variable of an SPSS .sav file, as its dictionary declares it. */
export interface SavVariable {
  readonly name: string;
  /** 0 numeric; else the string width in bytes. */
  readonly width: number;
  readonly label: string | null;
  /** Print format as SPSS writes it: `F8.2`, `A20`, `DATE11`. */
  readonly format: string;
  readonly time: 'date' | 'datetime' | null;
  /** First 8-byte element of the variable in a case, and how many it spans (segments included). */
  readonly element: number;
  readonly elements: number;
  /** For very long strings: the number of 256-byte segments (1 otherwise). */
  readonly segments: number;
  /** User-missing values: discrete values, and an optional [low, high] range. */
  readonly missingValues: readonly number[];
  readonly missingRange: readonly [number, number] | null;
  readonly valueLabels: Map<number, string>;
}

/** The header and dictionary of a .sav file. */
export interface SavDictionary {
  readonly littleEndian: boolean;
  /** 0 none, 1 bytecode, 2 zlib (.zsav). */
  readonly compression: number;
  readonly bias: number;
  /** Cases, −1 when the header does not say. */
  readonly cases: number;
  readonly caseElements: number;
  readonly label: string;
  readonly encoding: string;
  readonly variables: readonly SavVariable[];
  /** File offset of the first case. */
  readonly dataOffset: number;
}

/** Raised when the prefix handed to `parseSavDictionary` is too short. */
export class SavNeedMore extends Error {}
/** A fault in a .sav file; the reader turns it into one line naming the file. */
export class SavFault extends Error {}

interface RawVariable {
  shortName: string;
  width: number;
  label: string | null;
  format: number;
  element: number;
  elements: number;
  missingCount: number;
  missing: number[];
  labelBytes: Uint8Array | null;
}

/**
 * Parses the header and dictionary of an SPSS .sav file (records 1–7 and 999, as GNU PSPP's
 * "System File Format" documents them) from a prefix of its bytes. Throws `SavNeedMore` when
 * the prefix ends too soon and `SavFault` naming what is wrong when the file is malformed.
 * Text is decoded in the file's declared encoding (record 7.20, else its code page), else
 * `options.encoding` (default windows-1252).
 * @example parseSavDictionary(prefix, { encoding: 'gb18030' }).variables[0].name
 */
export function parseSavDictionary(
  bytes: Uint8Array,
  options: { encoding?: string | undefined } = {},
): SavDictionary {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 176) throw new SavNeedMore();
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (magic !== '$FL2' && magic !== '$FL3') throw new SavFault('not an SPSS .sav file');
  const layout = view.getInt32(64, true);
  const le = layout === 2 || layout === 3;
  if (!le && ![2, 3].includes(view.getInt32(64, false)))
    throw new SavFault(`unknown layout code ${layout}`);
  let p = 0;
  const need = (n: number) => {
    if (p + n > bytes.length) throw new SavNeedMore();
  };
  const i32 = () => {
    need(4);
    const v = view.getInt32(p, le);
    p += 4;
    return v;
  };
  const f64 = () => {
    need(8);
    const v = view.getFloat64(p, le);
    p += 8;
    return v;
  };
  const raw = (n: number) => {
    need(n);
    const r = bytes.subarray(p, p + n);
    p += n;
    return r;
  };
  p = 68;
  i32(); // nominal case size (unreliable)
  const compression = i32();
  i32(); // weight index
  const cases = i32();
  const bias = f64();
  p = 176 - 3 - 64;
  const labelBytes = raw(64);
  p = 176;
  const raws: RawVariable[] = [];
  let element = 0;
  const labelSets: { labels: [Uint8Array, Uint8Array][]; vars: number[] }[] = [];
  let longNames: Uint8Array | null = null;
  let veryLong: Uint8Array | null = null;
  let encoding: string | null = null;
  for (;;) {
    const type = i32();
    if (type === 2) {
      const width = i32();
      const hasLabel = i32();
      const missingCount = i32();
      const format = i32();
      i32(); // write format
      const shortName = String.fromCharCode(...raw(8)).trimEnd();
      let label: Uint8Array | null = null;
      if (hasLabel === 1) {
        const n = i32();
        if (n < 0 || n > 1 << 20)
          throw new SavFault(`variable ${shortName}: bad label length ${n}`);
        label = raw(n);
        p += (4 - (n % 4)) % 4;
      }
      const missing: number[] = [];
      for (let k = 0; k < Math.abs(missingCount); k++) missing.push(f64());
      if (width === -1) {
        const last = raws[raws.length - 1];
        if (!last) throw new SavFault('the dictionary starts with a continuation record');
        last.elements++;
      } else {
        raws.push({
          shortName,
          width,
          label: null,
          format,
          element,
          elements: 1,
          missingCount,
          missing,
          labelBytes: label,
        });
      }
      element++;
    } else if (type === 3) {
      const n = i32();
      if (n < 0 || n > 1 << 24) throw new SavFault(`value labels: bad count ${n}`);
      const labels: [Uint8Array, Uint8Array][] = [];
      for (let k = 0; k < n; k++) {
        const value = raw(8);
        need(1);
        const length = bytes[p];
        const text = raw(1 + length).subarray(1);
        p += (8 - ((length + 1) % 8)) % 8;
        labels.push([value, text]);
      }
      if (i32() !== 4)
        throw new SavFault('value labels not followed by their variables (record 4)');
      const count = i32();
      if (count < 0 || count > 1 << 24)
        throw new SavFault(`value labels: bad variable count ${count}`);
      const vars = Array.from({ length: count }, () => i32() - 1);
      labelSets.push({ labels, vars });
    } else if (type === 6) {
      const lines = i32();
      raw(80 * Math.max(0, lines));
    } else if (type === 7) {
      const subtype = i32();
      const size = i32();
      const count = i32();
      if (size < 0 || count < 0 || size * count > 1 << 30)
        throw new SavFault(`record 7.${subtype} has a bad size`);
      const data = raw(size * count);
      if (subtype === 13) longNames = data;
      else if (subtype === 14) veryLong = data;
      else if (subtype === 20) encoding = String.fromCharCode(...data).trim();
      else if (subtype === 3 && size === 4 && count >= 8 && encoding === null) {
        const code = new DataView(data.buffer, data.byteOffset, data.byteLength).getInt32(28, le);
        encoding = CODE_PAGES[code] ?? null;
      }
    } else if (type === 999) {
      i32();
      break;
    } else {
      throw new SavFault(`unknown record type ${type} at byte ${p - 4}`);
    }
  }
  let enc = options.encoding ?? 'windows-1252';
  if (encoding) {
    const name = encoding.toLowerCase();
    const known = CODE_PAGES[Number(name.replace(/^cp|^windows-/, ''))];
    try {
      new TextDecoder(name);
      enc = name === 'gbk' || name === 'gb2312' ? 'gb18030' : name;
    } catch {
      if (known) enc = known;
    }
  }
  const decoder = new TextDecoder(enc);
  const decode = (b: Uint8Array) => decoder.decode(b).replace(/[\s\0]+$/, '');
  const pairs = (data: Uint8Array | null, sep: string) =>
    new Map(
      (data ? decode(data) : '')
        .split(sep)
        .map((kv) => kv.replace(/\0/g, ''))
        .filter((kv) => kv.includes('='))
        .map((kv) => [kv.slice(0, kv.indexOf('=')).trim(), kv.slice(kv.indexOf('=') + 1)] as const),
    );
  const names = pairs(longNames, '\t');
  const widths = pairs(veryLong, '\t');
  const variables: SavVariable[] = [];
  for (let k = 0; k < raws.length; k++) {
    const r = raws[k];
    let width = r.width;
    let segments = 1;
    let elements = r.elements;
    const long = widths.get(r.shortName);
    if (long !== undefined && Number(long) > 255) {
      width = Number(long);
      segments = Math.ceil(width / 252);
      for (let s = 1; s < segments; s++) elements += raws[k + s]?.elements ?? 0;
      k += segments - 1;
    }
    const type = (r.format >> 16) & 0xff;
    const w = (r.format >> 8) & 0xff;
    const d = r.format & 0xff;
    // decimals are shown for number formats (F8.0), not for strings and dates (A20, DATE11)
    const plain = type === 1 || type === 2 || (type >= 20 && type <= 30) || type >= 38;
    const format =
      segments > 1
        ? `A${width}`
        : `${FORMAT_NAMES[type] ?? `T${type}`}${w}${plain && d === 0 ? '' : `.${d}`}`;
    const valueLabels = new Map<number, string>();
    for (const set of labelSets) {
      if (!set.vars.includes(r.element)) continue;
      if (width > 0) continue; // labels of string values are not kept
      for (const [value, text] of set.labels) {
        valueLabels.set(
          new DataView(value.buffer, value.byteOffset, 8).getFloat64(0, le),
          decode(text),
        );
      }
    }
    const discrete = r.missingCount > 0 ? r.missing : r.missingCount === -3 ? [r.missing[2]] : [];
    const range: [number, number] | null =
      r.missingCount === -2 || r.missingCount === -3 ? [r.missing[0], r.missing[1]] : null;
    variables.push(
      Object.freeze({
        name: names.get(r.shortName) ?? r.shortName,
        width,
        label: r.labelBytes ? decode(r.labelBytes) || null : null,
        format,
        time:
          r.width === 0 && DATE_TYPES.has(type)
            ? 'date'
            : r.width === 0 && DATETIME_TYPES.has(type)
              ? 'datetime'
              : null,
        element: r.element,
        elements,
        segments,
        missingValues: width > 0 ? [] : discrete,
        missingRange: width > 0 ? null : range,
        valueLabels,
      } as SavVariable),
    );
  }
  return Object.freeze({
    littleEndian: le,
    compression,
    bias,
    cases,
    caseElements: element,
    label: decode(labelBytes),
    encoding: enc,
    variables: Object.freeze(variables),
    dataOffset: p,
  });
}
