import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { MISSING_CODES, type DataColumn } from '../../src/data/data-table.js';
import { assertClose } from './assert-close.js';

export interface RefColumn {
  name: string;
  label: string | null;
  format: string | null;
  time?: 'date' | 'datetime';
  value_labels?: Record<string, string>;
  numbers?: (number | null)[];
  tags?: (string | null)[];
  strings?: (string | null)[];
}
export interface Ref {
  file: string;
  rows: number;
  columns: RefColumn[];
}

/** The reference dta-ref.R wrote for a file in test/fixtures/dta. */
export const loadRef = (file: string): Ref =>
  JSON.parse(readFileSync(join('test/fixtures/ref/dta', `${file}.json`), 'utf8'));

/** Compares one column read by povrisk with what haven read, cell by cell over the reference. */
export function compareColumn(file: string, ours: DataColumn, ref: RefColumn, rows: number): void {
  const where = `${file} ${ref.name}`;
  expect(ours.label, `${where} label`).toBe(ref.label);
  expect(ours.format, `${where} format`).toBe(ref.format);
  if (ref.time) expect(ours.time, `${where} time`).toBe(ref.time);
  const labels: Record<string, string> = {};
  for (const [code, label] of ours.valueLabels) labels[String(code)] = label;
  for (const [code, label] of Object.entries(ours.missingLabels)) labels[code] = label;
  expect(labels, `${where} value labels`).toEqual(ref.value_labels ?? {});
  if (ref.strings) {
    expect(ref.strings.length).toBe(rows);
    const strings = ours.strings as (string | null)[];
    expect(strings, `${where} is text`).not.toBeNull();
    ref.strings.forEach((s, i) => expect(strings[i], `${where}[${i}]`).toBe(s));
    return;
  }
  const expected = ref.numbers as (number | null)[];
  expect(expected.length).toBe(rows);
  const numbers = ours.numbers as Float64Array;
  expect(numbers, `${where} is numeric`).not.toBeNull();
  expected.forEach((x, i) => {
    if (x === null) {
      expect(Number.isNaN(numbers[i]), `${where}[${i}] missing, got ${numbers[i]}`).toBe(true);
      const tag = ref.tags?.[i] ?? null;
      const code = ours.tags ? ours.tags[i] : 1;
      expect(MISSING_CODES[code - 1], `${where}[${i}] missing code`).toBe(tag ? `.${tag}` : '.');
    } else {
      assertClose(numbers[i], x, {
        rtol: 0,
        atol: ref.time === 'datetime' ? 1e-3 : 0,
        name: `${where}[${i}]`,
      });
    }
  });
}
