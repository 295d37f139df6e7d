import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import type { DataColumn, DataTable } from './data-table.js';
import {
  fixed,
  labelTable,
  LIMITS,
  writeRecords,
  type Kind,
  type Plan,
} from './write-dta-records.js';

const TYPE_CODES: Record<Exclude<Kind, 'str'>, number> = {
  byte: 65530,
  int: 65529,
  long: 65528,
  double: 65526,
  strL: 32768,
};
const NAME = /^[\p{L}_][\p{L}\p{N}_]{0,31}$/u;
const utf8 = new TextEncoder();

/**
 * Writes a table as a Stata .dta file of release 118 (Stata 14 and later, UTF-8, little-endian):
 * whole-number columns in the smallest of byte, int and long that holds them, other numbers as
 * double; NaN as `.` (or the `.a`–`.z` code kept in `tags`); strings as str# up to 2045 bytes
 * and strL beyond; variable labels, value labels and display formats (`%td`, `%tc`) as given.
 * The file appears atomically (a temporary file renamed). Names must be Stata names (a letter
 * or _, then letters, digits or _, at most 32 characters): any other is a UserError naming it.
 * @example await writeDta('households.dta', table)
 */
export async function writeDta(path: string, table: DataTable): Promise<void> {
  const plans = table.columns.map((c) => plan(path, c, table.rows));
  const temp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const handle = await open(temp, 'wx');
    try {
      await writeBody(handle, table, plans);
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    if (e instanceof UserError) throw e;
    throw new UserError(
      messages.writeFailed(path, e instanceof Error ? e.message.split('\n')[0] : String(e)),
    );
  }
}

function plan(path: string, column: DataColumn, rows: number): Plan {
  const fault = (what: string) =>
    new UserError(messages.dtaCannotStore(path, `column '${column.name}': ${what}`));
  if (!NAME.test(column.name))
    throw fault(
      'not a Stata name (a letter or _, then letters, digits or _, at most 32 characters)',
    );
  for (const code of column.valueLabels.keys())
    if (!Number.isInteger(code) || code < LIMITS.long[0] || code > LIMITS.long[1])
      throw fault(`value label code ${code} is not a whole number Stata can label`);
  if (column.strings) {
    const bytes = column.strings.map((s) => (s === null ? null : utf8.encode(s)));
    let width = 1;
    for (const b of bytes) if (b && b.length > width) width = b.length;
    const kind: Kind = width > 2045 ? 'strL' : 'str';
    return {
      column,
      kind,
      width: kind === 'strL' ? 8 : width,
      code: kind === 'strL' ? TYPE_CODES.strL : width,
      format: kind === 'strL' ? '%9s' : `%${Math.min(width, 2045)}s`,
      bytes,
    };
  }
  const x = column.numbers as Float64Array;
  let kind: Kind = 'byte';
  for (let i = 0; i < rows && kind !== 'double'; i++) {
    const v = x[i];
    if (v !== v) continue;
    if (!Number.isInteger(v) || Object.is(v, -0)) kind = 'double';
    else if (kind === 'byte' && (v < LIMITS.byte[0] || v > LIMITS.byte[1])) kind = 'int';
    if (kind === 'int' && (v < LIMITS.int[0] || v > LIMITS.int[1])) kind = 'long';
    if (kind === 'long' && (v < LIMITS.long[0] || v > LIMITS.long[1])) kind = 'double';
  }
  if (column.time) kind = 'double';
  const format =
    column.time === 'date'
      ? '%td'
      : column.time === 'datetime'
        ? '%tc'
        : kind === 'double'
          ? '%10.0g'
          : '%8.0g';
  const width = { byte: 1, int: 2, long: 4, double: 8 }[kind as 'byte'];
  return { column, kind, width, code: TYPE_CODES[kind as 'byte'], format, bytes: null };
}

async function writeBody(
  handle: Awaited<ReturnType<typeof open>>,
  table: DataTable,
  plans: readonly Plan[],
): Promise<void> {
  const K = plans.length;
  const N = table.rows;
  let written = 0;
  const put = async (b: Uint8Array) => {
    await handle.write(b, 0, b.length, written);
    written += b.length;
  };
  const tag = (s: string) => put(utf8.encode(s));
  const u16 = (v: number) => {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(v);
    return b;
  };
  const u64 = (v: number) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    return b;
  };
  const map = new Array<number>(14).fill(0);
  const label = fixed(table.label, 321);
  const labelLength = label.indexOf(0) < 0 ? 320 : label.indexOf(0);
  await tag('<stata_dta><header><release>118</release><byteorder>LSF</byteorder><K>');
  await put(u16(K));
  await tag('</K><N>');
  await put(u64(N));
  await tag('</N><label>');
  await put(u16(labelLength));
  await put(label.subarray(0, labelLength));
  await tag('</label><timestamp>');
  await put(Uint8Array.of(17));
  await tag(stataTimestamp(new Date()));
  await tag('</timestamp></header>');
  map[1] = written;
  const mapAt = written + '<map>'.length;
  await tag('<map>');
  await put(new Uint8Array(14 * 8));
  await tag('</map>');
  map[2] = written;
  await tag('<variable_types>');
  for (const p of plans) await put(u16(p.code));
  await tag('</variable_types>');
  map[3] = written;
  await tag('<varnames>');
  for (const p of plans) await put(fixed(p.column.name, 129));
  await tag('</varnames>');
  map[4] = written;
  await tag('<sortlist>');
  await put(new Uint8Array(2 * (K + 1)));
  await tag('</sortlist>');
  map[5] = written;
  await tag('<formats>');
  for (const p of plans) await put(fixed(p.format, 57));
  await tag('</formats>');
  const labelled = plans.filter(
    (p) =>
      p.bytes === null &&
      (p.column.valueLabels.size > 0 || Object.keys(p.column.missingLabels).length > 0),
  );
  map[6] = written;
  await tag('<value_label_names>');
  for (const p of plans) await put(fixed(labelled.includes(p) ? p.column.name : '', 129));
  await tag('</value_label_names>');
  map[7] = written;
  await tag('<variable_labels>');
  for (const p of plans) await put(fixed(p.column.label ?? '', 321));
  await tag('</variable_labels>');
  map[8] = written;
  await tag('<characteristics></characteristics>');
  map[9] = written;
  await tag('<data>');
  await writeRecords(put, plans, N);
  await tag('</data>');
  map[10] = written;
  await tag('<strls>');
  for (const [j, p] of plans.entries()) {
    if (p.kind !== 'strL') continue;
    const bytes = p.bytes as (Uint8Array | null)[];
    for (let i = 0; i < N; i++) {
      const b = bytes[i];
      if (b === null) continue;
      const head = Buffer.alloc(3 + 4 + 8 + 1 + 4);
      head.write('GSO', 0, 'latin1');
      head.writeUInt32LE(j + 1, 3);
      head.writeBigUInt64LE(BigInt(i + 1), 7);
      head.writeUInt8(0x82, 15);
      head.writeUInt32LE(b.length + 1, 16);
      await put(head);
      await put(b);
      await put(Uint8Array.of(0));
    }
  }
  await tag('</strls>');
  map[11] = written;
  await tag('<value_labels>');
  for (const p of labelled) await put(labelTable(p.column));
  await tag('</value_labels>');
  map[12] = written;
  await tag('</stata_dta>');
  map[13] = written;
  const mapBytes = Buffer.alloc(14 * 8);
  map.forEach((v, k) => mapBytes.writeBigUInt64LE(BigInt(v), 8 * k));
  await handle.write(mapBytes, 0, mapBytes.length, mapAt);
}

function stataTimestamp(d: Date): string {
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}
