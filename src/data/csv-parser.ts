import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { ensureMemory, wasmExports, type WasmMemory } from './wasm-module.js';

/** Which fields of a line go where: one entry per field (see `csvParser`). */
export interface CsvPlan {
  /** Per field: −1 skip, k ≥ 0 numeric column k, −2 − t coded column t. */
  readonly fields: Int32Array;
  readonly numericCount: number;
  readonly codedCount: number;
}

/** Rows parsed from a run of whole lines. */
export interface ParsedBlock {
  readonly rows: number;
  readonly numeric: Float64Array[];
  /** Codes into this parser's own levels (−1 missing). */
  readonly codes: Int32Array[];
  /** Missing cells per numeric column. */
  readonly missing: number[];
  /** Per coded column, the levels first seen in this block, in the order of their codes. */
  readonly newLevels: string[][];
}

/** Why the plain-CSV parser gave up on a file (the general reader then reads it). */
export type CsvParseStatus = 'ok' | 'not plain' | 'not a plain number' | 'too many levels';

interface Exports {
  readonly memory: WasmMemory;
  readonly TABLE_BYTES: { readonly value: number };
  powersOfFive(): number;
  heapBase(): number;
  parsedTo(): number;
  levelCount(tables: number, t: number): number;
  levelStart(tables: number, t: number, level: number): number;
  levelLength(tables: number, t: number, level: number): number;
  parseLines(
    input: number,
    end: number,
    plan: number,
    fields: number,
    numeric: number,
    codes: number,
    tables: number,
    missing: number,
    capacity: number,
  ): number;
}

/** Rows per parsed block, and bytes of input read at once. */
const CAPACITY = 32768;
const INPUT = 8 << 20;
const STATUS: Record<number, CsvParseStatus> = {
  [-1]: 'not plain',
  [-2]: 'not a plain number',
  [-3]: 'too many levels',
};

/**
 * Parses the lines of byte range from … to − 1 of a plain CSV file (whole lines: `from` is
 * the start of a line; a last line without "\n" is taken as ended) with the WebAssembly parser
 * compiled from wasm/parse-csv.ts, calling `onBlock` with each block of up to 32,768 rows, in
 * order. Returns 'ok', or why the file is not one it takes (bytes that are not UTF-8, a
 * quote, a carriage return, a line of the wrong width, a cell that is not a plain finite number, a coded column of more
 * than 2,048 values): the caller then reads it the general way. Numbers are correctly rounded
 * (the same doubles as JavaScript's Number and DuckDB give).
 * @example parseCsvRange('h.csv', 14, size, plan, (b) => blocks.push(b))
 */
export function parseCsvRange(
  path: string,
  from: number,
  to: number,
  plan: CsvPlan,
  onBlock: (block: ParsedBlock) => void,
): CsvParseStatus {
  const parser = csvParser(plan);
  const fd = openSync(path, 'r');
  try {
    const input = parser.input;
    let kept = 0; // bytes of an unfinished line carried to the start of the buffer
    let position = from;
    for (;;) {
      const want = Math.min(INPUT - kept, to - position);
      if (want <= 0 && position < to) return 'not plain'; // a line longer than the buffer
      let end = kept;
      while (end < kept + want) {
        const n = readSync(fd, input, end, kept + want - end, position + end - kept);
        if (n === 0) break;
        end += n;
      }
      position += end - kept;
      const eof = position >= to || end === kept;
      if (eof && end > 0 && input[end - 1] !== 10) input[end++] = 10;
      const whole = eof ? end : input.lastIndexOf(10, end - 1) + 1;
      // Whole lines never cut a character: text in another encoding shows here.
      if (!isUtf8(input.subarray(0, whole))) return 'not plain';
      const status = parser.parse(whole, onBlock);
      if (status !== 'ok') return status;
      input.copyWithin(0, whole, end);
      kept = end - whole;
      if (eof) return 'ok';
    }
  } finally {
    closeSync(fd);
  }
}

/** A plain-CSV parser: its input buffer, and `parse` over the whole lines in it. */
export interface CsvParser {
  /** Where the bytes to parse go (`CSV_INPUT_BYTES` of them at most). */
  readonly input: Uint8Array;
  /** Parses the whole lines in input[0 … end), calling `onBlock` with each block in order. */
  parse(end: number, onBlock: (block: ParsedBlock) => void): CsvParseStatus;
}

/** Bytes a parser's input buffer holds. */
export const CSV_INPUT_BYTES = INPUT;

/**
 * A new instance of the WebAssembly plain-CSV parser (wasm/parse-csv.ts) for a plan; the
 * levels of its coded columns are its own, kept from one `parse` to the next (each block
 * reports the ones it saw first).
 * @example const parser = csvParser(plan); parser.input.set(bytes); parser.parse(bytes.length, onBlock)
 */
export function csvParser(plan: CsvPlan): CsvParser {
  let memory: WasmMemory | null = null;
  const ascii = new TextDecoder('latin1');
  const wasm = wasmExports<Exports>('parse-csv', {
    'parse-csv': {
      // Numbers of more than 19 digits, or with a subnormal value: JavaScript's way.
      parseSlow: (start: number, length: number): number =>
        Number(ascii.decode(new Uint8Array(memory!.buffer, start, length))),
    },
  });
  memory = wasm.memory;
  writePowersOfFive(wasm.memory, wasm.powersOfFive());
  const { numericCount, codedCount } = plan;
  const fields = plan.fields.length;
  const tableBytes = wasm.TABLE_BYTES.value;
  const base = wasm.heapBase();
  const layout = [
    ['plan', 4 * fields],
    ['missing', 4 * numericCount],
    ['tables', tableBytes * codedCount],
    ['numeric', 8 * CAPACITY * numericCount],
    ['codes', 4 * CAPACITY * codedCount],
    ['input', INPUT + 16],
  ] as const;
  const at: Record<string, number> = {};
  let top = base;
  for (const [name, bytes] of layout) {
    at[name] = top;
    top = (top + bytes + 15) & ~15;
  }
  ensureMemory(wasm.memory, top);
  const buffer = wasm.memory.buffer; // it does not grow after this
  new Int32Array(buffer, at.plan, fields).set(plan.fields);
  const missing = new Int32Array(buffer, at.missing, numericCount);
  const input = new Uint8Array(buffer, at.input, INPUT + 16);
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const reported = new Array<number>(codedCount).fill(0);
  return {
    input,
    parse(end, onBlock) {
      let from = at.input;
      const stop = at.input + end;
      while (from < stop) {
        missing.fill(0);
        const rows = wasm.parseLines(
          from,
          stop,
          at.plan,
          fields,
          at.numeric,
          at.codes,
          at.tables,
          at.missing,
          CAPACITY,
        );
        if (rows < 0) return STATUS[rows] ?? 'not plain';
        const newLevels: string[][] = [];
        for (let t = 0; t < codedCount; t++) {
          const count = wasm.levelCount(at.tables, t);
          const levels: string[] = [];
          for (let level = reported[t]; level < count; level++) {
            const start = wasm.levelStart(at.tables, t, level);
            const length = wasm.levelLength(at.tables, t, level);
            try {
              levels.push(utf8.decode(new Uint8Array(buffer, start, length)));
            } catch {
              return 'not plain'; // not UTF-8: the general reader says where
            }
          }
          reported[t] = count;
          newLevels.push(levels);
        }
        onBlock({
          rows,
          numeric: Array.from({ length: numericCount }, (_, k) =>
            new Float64Array(buffer, at.numeric + 8 * k * CAPACITY, rows).slice(),
          ),
          codes: Array.from({ length: codedCount }, (_, t) =>
            new Int32Array(buffer, at.codes + 4 * t * CAPACITY, rows).slice(),
          ),
          missing: Array.from(missing),
          newLevels,
        });
        from = wasm.parsedTo();
      }
      return 'ok';
    },
  };
}

/**
 * Fills the parser's table of powers of five (Lemire's, as fast_float builds it): for q ≥ 0
 * the leading 128 bits of 5^q, truncated; for q < 0, ⌊2^b / 5^−q⌋ + 1 with b = ⌈log₂ 5^−q⌉ + 127
 * (q ≥ −27) or 2⌈log₂ 5^−q⌉ + 128 (then truncated to 128 bits). Stored as the high then the
 * low 64 bits, little-endian, for q = −342 … 308.
 */
function writePowersOfFive(memory: WasmMemory, at: number): void {
  const view = new DataView(memory.buffer);
  const low64 = (1n << 64n) - 1n;
  const top = 1n << 128n;
  for (let q = -342; q <= 308; q++) {
    let c: bigint;
    if (q >= 0) {
      c = 5n ** BigInt(q);
      while (c < 1n << 127n) c <<= 1n;
      while (c >= top) c >>= 1n;
    } else {
      const p = 5n ** BigInt(-q);
      let z = 0n;
      while (1n << z < p) z++;
      const b = q >= -27 ? z + 127n : 2n * z + 128n;
      c = (1n << b) / p + 1n;
      while (c >= top) c >>= 1n;
    }
    const entry = at + (q + 342) * 16;
    view.setBigUint64(entry, c >> 64n, true);
    view.setBigUint64(entry + 8, c & low64, true);
  }
}
