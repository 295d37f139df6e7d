import { ensureMemory, wasmExports, type WasmMemory } from './wasm-module.js';

/** Column kinds of the WebAssembly formatter (wasm/format-csv.ts). */
export const CSV_KIND = {
  double: 0,
  whole: 1,
  int32: 2,
  boolean: 3,
  int8Code: 4,
  uint8Code: 5,
  int16Code: 6,
  uint16Code: 7,
  int32Code: 8,
  text: 9,
} as const;

/** One column of a block of rows, as the formatter takes it. */
export interface CsvBlockColumn {
  readonly kind: number;
  /** The block's values (rows 0 … rows − 1); for `text`, ignored (see `labels`). */
  readonly data: Float64Array | Int32Array | Int8Array | Uint8Array | Int16Array | Uint16Array;
  /** A label table (`labelTable`): the text of each code, or for `text` of each row. */
  readonly labels: Uint8Array | null;
}

/** Formats blocks of rows into CSV lines. */
export interface CsvFormatter {
  /** The block's lines ("\n"-terminated, comma-separated), in a new buffer. */
  formatBlock(columns: readonly CsvBlockColumn[], rows: number): Uint8Array;
  /** One double as written in a CSV cell (empty for NaN). */
  formatDouble(x: number): string;
}

interface Exports {
  readonly memory: WasmMemory;
  powersOfTen(): number;
  heapBase(): number;
  formatDouble(x: number, out: number): number;
  formatRows(descriptors: number, columns: number, from: number, to: number, out: number): number;
}

/** Bytes a cell of each kind can take at most (labels aside): "-1.2345678901234567e-308". */
const MAX_NUMBER = 24;

/**
 * An instance of the CSV row formatter compiled from wasm/format-csv.ts: doubles in the
 * shortest form that reads back to the same double (Schubfach), laid out as DuckDB's CSV
 * writer lays them out (`0.5`, `100.0`, `1e-05`, `1.5e+16`, `-0.0`, `inf`), NaN as an empty
 * cell; integers; booleans as true/false; codes and text cells through label tables. Each
 * worker thread makes its own. Throws when the module has not been built (`npm run build`).
 * @example const f = csvFormatter(); f.formatDouble(0.1) // '0.1'
 */
export function csvFormatter(): CsvFormatter {
  const wasm = wasmExports<Exports>('format-csv', {
    env: {
      abort: () => {
        throw new Error('csvFormatter: the WebAssembly formatter aborted');
      },
    },
  });
  writePowersOfTen(wasm.memory, wasm.powersOfTen());
  const base = wasm.heapBase();
  const ensure = (bytes: number): void => ensureMemory(wasm.memory, base + bytes);
  return {
    formatDouble(x: number): string {
      ensure(64);
      const end = wasm.formatDouble(x, base);
      return Buffer.from(wasm.memory.buffer, base, end - base).toString('utf8');
    },
    formatBlock(columns: readonly CsvBlockColumn[], rows: number): Uint8Array {
      // Layout above `base`: descriptors, then each column's data and labels, then the output.
      let at = 16 * columns.length;
      const places = columns.map((c) => {
        const data = align(at);
        at = data + (c.kind === CSV_KIND.text ? 0 : c.data.byteLength);
        const labels = align(at);
        at = labels + (c.labels?.byteLength ?? 0);
        return { data, labels };
      });
      const out = align(at);
      let widest = columns.length; // commas and the newline
      let textBytes = 0;
      for (const c of columns) {
        if (c.kind === CSV_KIND.text) textBytes += c.labels?.byteLength ?? 0;
        else if (c.kind <= CSV_KIND.boolean) widest += MAX_NUMBER;
        else widest += longestLabel(c.labels);
      }
      ensure(out + rows * widest + textBytes + 16); // room for 8-byte label copies
      const memory = wasm.memory.buffer;
      const descriptors = new Int32Array(memory, base, 4 * columns.length);
      const bytes = new Uint8Array(memory);
      columns.forEach((c, j) => {
        const { data, labels } = places[j];
        descriptors[4 * j] = c.kind;
        descriptors[4 * j + 1] = base + data;
        descriptors[4 * j + 2] = base + labels + 4; // past the count
        descriptors[4 * j + 3] = c.labels ? labelCount(c.labels) : 0;
        if (c.kind !== CSV_KIND.text)
          bytes.set(
            new Uint8Array(c.data.buffer, c.data.byteOffset, c.data.byteLength),
            base + data,
          );
        if (c.labels) bytes.set(c.labels, base + labels);
      });
      const end = wasm.formatRows(base, columns.length, 0, rows, base + out);
      return bytes.slice(base + out, end);
    },
  };
}

/**
 * A label table for the formatter: a count, then (offset, length) of each label's UTF-8 bytes
 * from the table's start, then the bytes. The texts are written as given (quote them first).
 * @example labelTable(['low', 'medium', 'high'])
 */
export function labelTable(texts: readonly string[]): Uint8Array {
  const encoded = texts.map((t) => Buffer.from(t, 'utf8'));
  const head = 4 + 8 * texts.length;
  const table = new Uint8Array(head + encoded.reduce((s, e) => s + e.length, 0));
  const view = new DataView(table.buffer);
  view.setUint32(0, texts.length, true);
  let at = head;
  encoded.forEach((e, i) => {
    view.setUint32(4 + 8 * i, at - 4, true);
    view.setUint32(8 + 8 * i, e.length, true);
    table.set(e, at);
    at += e.length;
  });
  return table;
}

function labelCount(table: Uint8Array): number {
  return new DataView(table.buffer, table.byteOffset, table.byteLength).getUint32(0, true);
}

function longestLabel(table: Uint8Array | null): number {
  if (table === null) return 0;
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  let longest = 0;
  for (let i = 0, n = view.getUint32(0, true); i < n; i++)
    longest = Math.max(longest, view.getUint32(8 + 8 * i, true));
  return longest;
}

function align(at: number): number {
  return (at + 15) & ~15;
}

/**
 * Fills the formatter's table of 128-bit powers of ten: for K in −292 … 324,
 * g = ⌈10^K · 2^−r⌉ with r = ⌊log₂ 10^K⌋ − 127, so that 2^127 ≤ g ≤ 2^128, stored as the high
 * then the low 64 bits (little-endian).
 */
function writePowersOfTen(memory: WasmMemory, at: number): void {
  const view = new DataView(memory.buffer);
  const low64 = (1n << 64n) - 1n;
  for (let K = -292; K <= 324; K++) {
    let g: bigint;
    if (K >= 0) {
      const p = 10n ** BigInt(K);
      const r = p.toString(2).length - 1 - 127;
      g = r >= 0 ? (p + (1n << BigInt(r)) - 1n) >> BigInt(r) : p << BigInt(-r);
    } else {
      // 10^K = 1 / P with 2^(L−1) < P < 2^L, so r = −L − 127 and g = ⌈2^(L+127) / P⌉.
      const p = 10n ** BigInt(-K);
      const length = p.toString(2).length;
      g = ((1n << BigInt(length + 127)) + p - 1n) / p;
    }
    const entry = at + (K + 292) * 16;
    view.setBigUint64(entry, g >> 64n, true);
    view.setBigUint64(entry + 8, g & low64, true);
  }
}
