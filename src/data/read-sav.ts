import { open, type FileHandle } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import type { DataColumn, DataTable } from './data-table.js';
import { parseSavDictionary, SavFault, SavNeedMore, type SavDictionary } from './sav-dictionary.js';

/** Seconds from SPSS's epoch (14 October 1582) to Stata's (1 January 1960). */
const EPOCH_SHIFT = 137_775 * 86_400;
const SYSMIS = -Number.MAX_VALUE;
const BLOCK = 1 << 22;

/**
 * Reads an SPSS .sav file (uncompressed or bytecode-compressed, either byte order) into a
 * `DataTable`: numbers in Float64Array with NaN for system-missing and user-missing values
 * (counted as '.' and 'user'), strings (very long ones joined from their segments, trailing
 * blanks removed), variable and value labels, print formats. Dates become Stata's convention
 * (days or milliseconds since 1960-01-01) so that every reader agrees. Text is decoded in the
 * file's declared encoding, else `encoding` (default windows-1252).
 * @example const t = await readSav('survey.sav', { columns: ['income'] });
 */
export async function readSav(
  path: string,
  options: { columns?: readonly string[] | undefined; encoding?: string | undefined } = {},
): Promise<DataTable> {
  return withFile(path, async (handle, size) => {
    const dict = await readDictionary(handle, size, options.encoding);
    return readCases(handle, path, size, dict, options.columns);
  });
}

/**
 * The variable names of a .sav file, in file order.
 * @example await savColumnNames('survey.sav') // ['hhid', 'income']
 */
export async function savColumnNames(
  path: string,
  options: { encoding?: string | undefined } = {},
): Promise<string[]> {
  return withFile(path, async (handle, size) =>
    (await readDictionary(handle, size, options.encoding)).variables.map((v) => v.name),
  );
}

async function withFile<T>(
  path: string,
  work: (h: FileHandle, size: number) => Promise<T>,
): Promise<T> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch {
    throw new UserError(messages.fileNotFound(path));
  }
  try {
    const size = (await handle.stat()).size;
    if (size === 0) throw new UserError(messages.fileEmpty(path));
    return await work(handle, size);
  } catch (e) {
    if (e instanceof SavFault) throw new UserError(messages.malformed(path, e.message));
    throw e;
  } finally {
    await handle.close();
  }
}

async function readDictionary(
  handle: FileHandle,
  size: number,
  encoding?: string,
): Promise<SavDictionary> {
  for (let length = Math.min(size, 1 << 16); ; length = Math.min(size, length * 4)) {
    const buf = Buffer.alloc(length);
    await handle.read(buf, 0, length, 0);
    try {
      return parseSavDictionary(buf, { encoding });
    } catch (e) {
      if (!(e instanceof SavNeedMore)) throw e;
      if (length === size)
        throw new SavFault(`truncated: the file ends inside its dictionary (${size} bytes)`);
    }
  }
}

async function readCases(
  handle: FileHandle,
  path: string,
  size: number,
  dict: SavDictionary,
  columns: readonly string[] | undefined,
): Promise<DataTable> {
  if (dict.compression === 2) throw new UserError(messages.zsavUnsupported(path));
  if (dict.compression !== 0 && dict.compression !== 1)
    throw new SavFault(`unknown compression ${dict.compression}`);
  const names = dict.variables.map((v) => v.name);
  const selected = (columns ?? names).map((name) => {
    const v = dict.variables.find((x) => x.name === name);
    if (!v) throw new UserError(messages.unknownColumn(path, name, names));
    return v;
  });
  const le = dict.littleEndian;
  const k = dict.caseElements;
  let capacity = dict.cases >= 0 ? dict.cases : 1024;
  const state = selected.map((v) => ({
    v,
    numbers: v.width === 0 ? new Float64Array(capacity) : null,
    strings: v.width === 0 ? null : ([] as (string | null)[]),
    sysmis: 0,
    user: 0,
  }));
  const decoder = new TextDecoder(dict.encoding);
  // the bytes of one case, 8 per element
  const record = new Uint8Array(k * 8);
  const recView = new DataView(record.buffer);
  let buf = Buffer.alloc(0);
  let at = 0;
  let position = dict.dataOffset;
  const more = async (): Promise<boolean> => {
    if (position >= size) return false;
    const rest = buf.subarray(at);
    const next = Buffer.alloc(Math.min(BLOCK, size - position));
    const { bytesRead } = await handle.read(next, 0, next.length, position);
    position += bytesRead;
    buf = Buffer.concat([rest, next.subarray(0, bytesRead)]);
    at = 0;
    return bytesRead > 0;
  };
  let commands = new Uint8Array(0);
  let c = 8;
  let ended = false;
  // Fills `record` with the next case; false at the end of the data.
  const nextCase = async (): Promise<boolean> => {
    if (dict.compression === 0) {
      while (buf.length - at < record.length) if (!(await more())) break;
      if (buf.length - at === 0) return false;
      if (buf.length - at < record.length)
        throw new SavFault(`truncated: the last case is incomplete`);
      record.set(buf.subarray(at, at + record.length));
      at += record.length;
      return true;
    }
    for (let e = 0; e < k; e++) {
      if (c === 8) {
        if (ended) return false;
        while (buf.length - at < 8) if (!(await more())) break;
        if (buf.length - at < 8) {
          if (e === 0 && buf.length - at === 0) return false;
          throw new SavFault('truncated: the compressed data end inside a case');
        }
        commands = buf.subarray(at, at + 8);
        at += 8;
        c = 0;
      }
      const code = commands[c++];
      if (code === 0) {
        e--;
        continue;
      }
      if (code === 252) {
        ended = true;
        if (e === 0) return false;
        throw new SavFault('the data end inside a case');
      }
      if (code === 253) {
        while (buf.length - at < 8) if (!(await more())) break;
        if (buf.length - at < 8)
          throw new SavFault('truncated: the compressed data end inside a case');
        record.set(buf.subarray(at, at + 8), e * 8);
        at += 8;
      } else if (code === 254) record.fill(0x20, e * 8, e * 8 + 8);
      else if (code === 255) recView.setFloat64(e * 8, SYSMIS, le);
      else recView.setFloat64(e * 8, code - dict.bias, le);
    }
    return true;
  };
  let rows = 0;
  while (await nextCase()) {
    if (rows === capacity) {
      capacity *= 2;
      for (const s of state) {
        if (s.numbers) {
          const grown = new Float64Array(capacity);
          grown.set(s.numbers);
          s.numbers = grown;
        }
      }
    }
    for (const s of state) {
      const v = s.v;
      if (s.numbers) {
        const x = recView.getFloat64(v.element * 8, le);
        if (x === SYSMIS || Number.isNaN(x)) {
          s.numbers[rows] = NaN;
          s.sysmis++;
        } else if (
          v.missingValues.includes(x) ||
          (v.missingRange && x >= v.missingRange[0] && x <= v.missingRange[1])
        ) {
          s.numbers[rows] = NaN;
          s.user++;
        } else s.numbers[rows] = v.time ? shiftTime(x, v.time) : x;
      } else {
        const parts: Uint8Array[] = [];
        for (let g = 0; g < v.segments; g++) {
          const start = (v.element + g * 32) * 8;
          const end = g < v.segments - 1 ? start + 255 : (v.element + v.elements) * 8;
          parts.push(record.subarray(start, end)); // a segment holds 255 of its 256 bytes
        }
        const text = decoder
          .decode(parts.length === 1 ? parts[0] : Buffer.concat(parts))
          .replace(/[ \0]+$/, '');
        (s.strings as (string | null)[]).push(text === '' ? null : text);
        if (text === '') s.sysmis++;
      }
    }
    rows++;
  }
  if (dict.cases >= 0 && rows !== dict.cases)
    throw new SavFault(
      `truncated: the header declares ${dict.cases} case(s), the data hold ${rows}`,
    );
  const out = state.map((s): DataColumn => {
    const missingCodes: Record<string, number> = {};
    if (s.sysmis > 0) missingCodes['.'] = s.sysmis;
    if (s.user > 0) missingCodes.user = s.user;
    return Object.freeze({
      name: s.v.name,
      type: s.v.width === 0 ? 'numeric' : `A${s.v.width}`,
      label: s.v.label,
      format: s.v.format,
      time: s.v.time,
      numbers: s.numbers ? s.numbers.subarray(0, rows) : null,
      strings: s.strings,
      valueLabels: s.v.valueLabels,
      missingLabels: {},
      missing: s.sysmis + s.user,
      missingCodes,
      tags: null,
    });
  });
  return Object.freeze({ path, rows, label: dict.label, columns: Object.freeze(out) });
}

function shiftTime(seconds: number, time: 'date' | 'datetime'): number {
  const s = seconds - EPOCH_SHIFT;
  return time === 'date' ? Math.floor(s / 86_400) : s * 1000;
}
