import { open, type FileHandle } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { MISSING_CODES, type DataColumn, type DataTable } from './data-table.js';
import { parseStrls, parseValueLabels, type LabelTable } from './dta-labels.js';
import {
  DtaFault,
  DtaNeedMore,
  parseDtaLayout,
  type DtaLayout,
  type DtaVariable,
} from './dta-layout.js';
import { decodeNumbers, hasExtendedMissing } from './dta-numbers.js';
import { fixedText } from './text-encoding.js';

/** Options of `readDta`. Defaults: every column; windows-1252 text before release 118. */
export interface ReadDtaOptions {
  /** The columns to read, by name (default all, in file order). */
  readonly columns?: readonly string[];
  /** Encoding of text in releases before 118 (118+ are UTF-8): e.g. 'gb18030' for Chinese files. */
  readonly encoding?: string;
  /** Read the descriptors and labels only, no data (`rows` still counts the file's rows). */
  readonly data?: 'all' | 'none';
}

/** Bytes of records read at a time. */
const BLOCK_BYTES = 1 << 22;

/**
 * Reads a Stata .dta file (releases 102–119, either byte order) into a `DataTable`, streaming
 * its records a block at a time into column-major Float64Arrays (numbers; missing values `.`,
 * `.a`–`.z` become NaN and each one's code is kept in `tags`) and string arrays (`str#`, `strL`).
 * Variable labels, value labels and `%td`/`%tc` formats come with each column. Text before
 * release 118 is decoded as `encoding` (default windows-1252; Chinese files: gb18030).
 * A malformed or truncated file is a UserError naming the file and the fault.
 * @example const t = await readDta('cfps.dta', { columns: ['income'], encoding: 'gb18030' });
 */
export async function readDta(path: string, options: ReadDtaOptions = {}): Promise<DataTable> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch {
    throw new UserError(messages.fileNotFound(path));
  }
  try {
    const size = (await handle.stat()).size;
    if (size === 0) throw new UserError(messages.fileEmpty(path));
    const layout = await readLayout(handle, size, options.encoding);
    return await readBody(handle, path, layout, size, options);
  } catch (e) {
    if (e instanceof DtaFault) throw new UserError(messages.malformed(path, e.message));
    throw e;
  } finally {
    await handle.close();
  }
}

/**
 * The header and descriptors of a .dta file, without reading its data.
 * @example (await dtaLayout('cfps.dta')).variables.map((v) => v.name)
 */
export async function dtaLayout(
  path: string,
  options: { encoding?: string } = {},
): Promise<DtaLayout> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch {
    throw new UserError(messages.fileNotFound(path));
  }
  try {
    const size = (await handle.stat()).size;
    if (size === 0) throw new UserError(messages.fileEmpty(path));
    return await readLayout(handle, size, options.encoding);
  } catch (e) {
    if (e instanceof DtaFault) throw new UserError(messages.malformed(path, e.message));
    throw e;
  } finally {
    await handle.close();
  }
}

async function readAt(handle: FileHandle, at: number, length: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(buf, got, length - got, at + got);
    if (bytesRead === 0) throw new DtaFault(`truncated: the file ends at byte ${at + got}`);
    got += bytesRead;
  }
  return buf;
}

async function readLayout(handle: FileHandle, size: number, encoding?: string): Promise<DtaLayout> {
  for (let length = Math.min(size, 1 << 16); ; length = Math.min(size, length * 4)) {
    const prefix = await readAt(handle, 0, length);
    try {
      const layout = parseDtaLayout(prefix, { fileSize: size, encoding });
      if (layout.release >= 117) {
        const data = await readAt(handle, layout.dataOffset - 6, 6);
        if (data.toString('latin1') !== '<data>') {
          throw new DtaFault(
            `the map's data offset ${layout.dataOffset - 6} does not point at <data>`,
          );
        }
      }
      return layout;
    } catch (e) {
      if (!(e instanceof DtaNeedMore)) throw e;
      if (length === size) {
        if (size < 4 || (prefix[0] !== 0x3c && !(prefix[0] >= 102 && prefix[0] <= 116)))
          throw new DtaFault('not a Stata .dta file');
        throw new DtaFault(`truncated: the file ends inside its header (${size} bytes)`);
      }
    }
  }
}

async function readBody(
  handle: FileHandle,
  path: string,
  layout: DtaLayout,
  size: number,
  options: ReadDtaOptions,
): Promise<DataTable> {
  const names = layout.variables.map((v) => v.name);
  const wanted = options.columns ?? names;
  const selected = wanted.map((name) => {
    const v = layout.variables.find((x) => x.name === name);
    if (!v) throw new UserError(messages.unknownColumn(path, name, names));
    return v;
  });
  const rows = layout.rows;
  const readData = options.data !== 'none';
  const labelEnd = size;
  const labelBytes = await readAt(
    handle,
    layout.valueLabelsOffset,
    labelEnd - layout.valueLabelsOffset,
  );
  const tables = parseValueLabels(labelBytes, layout);
  let strls = new Map<string, string>();
  if (readData && selected.some((v) => v.type === 'strL')) {
    if (layout.strlsOffset < 0 || layout.strlsOffset > layout.valueLabelsOffset)
      throw new DtaFault('the map places <strls> after <value_labels>');
    strls = parseStrls(
      await readAt(handle, layout.strlsOffset, layout.valueLabelsOffset - layout.strlsOffset),
      layout,
    );
  }
  const n = readData ? rows : 0;
  const state = selected.map((v) => ({
    v,
    numbers: isNumeric(v) ? new Float64Array(n) : null,
    strings: isNumeric(v) ? null : new Array<string | null>(n),
    counts: new Int32Array(27),
    sink: { tags: null as Uint8Array | null, total: n },
    missing: 0,
  }));
  const file = { littleEndian: layout.littleEndian, modern: layout.release >= 113 };
  const text = fixedText(layout.encoding);
  const record = layout.recordLength;
  const block = Math.max(1, Math.floor(BLOCK_BYTES / Math.max(1, record)));
  for (let start = 0; start < n; start += block) {
    const m = Math.min(block, n - start);
    const bytes = await readAt(handle, layout.dataOffset + start * record, m * record);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (const s of state) {
      const v = s.v;
      if (s.numbers) {
        s.missing += decodeNumbers(
          view,
          v.offset,
          record,
          m,
          v.type,
          file,
          s.numbers,
          start,
          s.counts,
          s.sink,
        );
      } else {
        const out = s.strings as (string | null)[];
        for (let i = 0, p = v.offset; i < m; i++, p += record) {
          const t = v.type === 'strL' ? strlAt(bytes, p, layout, strls) : text(bytes, p, v.width);
          if (t === '') {
            out[start + i] = null;
            s.missing++;
            s.counts[0]++;
          } else out[start + i] = t;
        }
      }
    }
  }
  const columns = state.map((s): DataColumn => {
    const table: LabelTable | undefined = tables.get(s.v.valueLabel);
    const missingCodes: Record<string, number> = {};
    s.counts.forEach((c, k) => {
      if (c > 0) missingCodes[MISSING_CODES[k]] = c;
    });
    return Object.freeze({
      name: s.v.name,
      type: typeName(s.v),
      label: s.v.label === '' ? null : s.v.label,
      format: s.v.format === '' ? null : s.v.format,
      time: timeOf(s.v.format),
      numbers: s.numbers,
      strings: s.strings,
      valueLabels: table?.values ?? new Map(),
      missingLabels: table?.missing ?? {},
      missing: s.missing,
      missingCodes: Object.freeze(missingCodes),
      tags: hasExtendedMissing(s.counts) ? s.sink.tags : null,
    });
  });
  return Object.freeze({ path, rows, label: layout.label, columns: Object.freeze(columns) });
}

const isNumeric = (v: DtaVariable) => v.type !== 'str' && v.type !== 'strL';

function typeName(v: DtaVariable): string {
  return v.type === 'str' ? `str${v.width}` : v.type;
}

/**
 * 'date' for Stata's daily formats (`%td`, old `%d`), 'datetime' for `%tc`/`%tC`, else null.
 * @example timeOf('%tdCCYY-NN-DD') // 'date'
 */
export function timeOf(format: string): 'date' | 'datetime' | null {
  if (/^%-?t[d]/.test(format) || /^%-?d/.test(format)) return 'date';
  if (/^%-?t[cC]/.test(format)) return 'datetime';
  return null;
}

function strlAt(
  bytes: Uint8Array,
  p: number,
  layout: DtaLayout,
  strls: Map<string, string>,
): string {
  const le = layout.littleEndian;
  if (layout.release === 117) {
    const view = new DataView(bytes.buffer, bytes.byteOffset + p, 8);
    return strlLookup(view.getUint32(0, le), view.getUint32(4, le), strls);
  }
  // 118: v in 2 bytes, o in 6; 119: v in 3, o in 5 (Stata's `help dta`). ReadStat writes 119
  // files with 2 + 6, so a 119 key that <strls> does not hold is tried that way too.
  const split = (vBytes: number): [number, number] => {
    let v = 0;
    let o = 0;
    if (le) {
      for (let k = vBytes - 1; k >= 0; k--) v = v * 256 + bytes[p + k];
      for (let k = 7; k >= vBytes; k--) o = o * 256 + bytes[p + k];
    } else {
      for (let k = 0; k < vBytes; k++) v = v * 256 + bytes[p + k];
      for (let k = vBytes; k < 8; k++) o = o * 256 + bytes[p + k];
    }
    return [v, o];
  };
  const [v, o] = split(layout.release >= 119 ? 3 : 2);
  if (v === 0 && o === 0) return '';
  if (layout.release >= 119 && !strls.has(`${v},${o}`)) return strlLookup(...split(2), strls);
  return strlLookup(v, o, strls);
}

function strlLookup(v: number, o: number, strls: Map<string, string>): string {
  if (v === 0 && o === 0) return '';
  const s = strls.get(`${v},${o}`);
  if (s === undefined)
    throw new DtaFault(`a strL refers to (${v}, ${o}), which <strls> does not hold`);
  return s;
}
