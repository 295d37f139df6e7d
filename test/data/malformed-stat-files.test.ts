import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readColumns } from '../../src/data/read.js';
import { readTable } from '../../src/data/read-table.js';
import { isUserError } from '../../src/errors.js';

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'povrisk-bad-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const dta118 = () => Buffer.from(readFileSync('test/fixtures/dta/haven-v14.dta'));
const dta114be = () => Buffer.from(readFileSync('test/fixtures/dta/craft-114-msf.dta'));
const sav = () => Buffer.from(readFileSync('test/fixtures/dta/haven.sav'));

/** Offset of map entry k (0-13) of a 117+ file. */
const mapEntry = (b: Buffer, k: number) => b.indexOf('<map>') + 5 + 8 * k;

const cases: [string, string, () => Buffer, RegExp][] = [
  ['empty', 'empty.dta', () => Buffer.alloc(0), /file is empty/],
  [
    'not a .dta file',
    'text.dta',
    () => Buffer.from('household,income\n1,2\n'),
    /not a Stata \.dta file/,
  ],
  [
    'three bytes',
    'short.dta',
    () => Buffer.from([0x72, 0x02, 0x01]),
    /not a Stata .dta file|truncated/,
  ],
  [
    'unknown release',
    'release.dta',
    () =>
      Buffer.from(dta118().toString('latin1').replace('<release>118', '<release>999'), 'latin1'),
    /unknown release '999'/,
  ],
  [
    'unknown byte order',
    'order.dta',
    () => Buffer.from(dta118().toString('latin1').replace('LSF', 'XYZ'), 'latin1'),
    /unknown byte order 'XYZ'/,
  ],
  [
    'truncated in the data',
    'half.dta',
    () => dta118().subarray(0, dta118().length >> 1),
    /truncated/,
  ],
  ['truncated in the header', 'head.dta', () => dta118().subarray(0, 120), /truncated/],
  [
    'data offset not at <data>',
    'data-offset.dta',
    () => {
      const b = dta118();
      b.writeBigUInt64LE(200n, mapEntry(b, 9));
      return b;
    },
    /does not point at <data>/,
  ],
  [
    'value-label offset past the end',
    'labels-offset.dta',
    () => {
      const b = dta118();
      b.writeBigUInt64LE(10n ** 12n, mapEntry(b, 11));
      return b;
    },
    /points past the end/,
  ],
  [
    'value-label offset into the data',
    'labels-wrong.dta',
    () => {
      const b = dta118();
      b.writeBigUInt64LE(b.readBigUInt64LE(mapEntry(b, 9)) + 40n, mapEntry(b, 11));
      return b;
    },
    /value labels: the section does not start with <value_labels>/,
  ],
  [
    'strL offset wrong',
    'strls-offset.dta',
    () => {
      const b = dta118();
      b.writeBigUInt64LE(b.readBigUInt64LE(mapEntry(b, 9)), mapEntry(b, 10));
      return b;
    },
    /strL section does not start with <strls>/,
  ],
  [
    'a value-label table that claims more than it holds',
    'labels-count.dta',
    () => {
      const b = dta118();
      const at = b.lastIndexOf('<lbl>') + 5 + 4 + 129 + 3;
      b.writeInt32LE(1 << 28, at);
      return b;
    },
    /value labels: table '.*' declares/,
  ],
  [
    'old release, big-endian, more rows than the file holds',
    'rows.dta',
    () => {
      const b = dta114be();
      b.writeUInt32BE(1_000_000, 6);
      return b;
    },
    /truncated: 1000000 row\(s\)/,
  ],
  [
    'old release, unknown type code',
    'type.dta',
    () => {
      const b = dta114be();
      b[4 + 2 + 4 + 81 + 18] = 0;
      return b;
    },
    /variable 1 has unknown type code 0/,
  ],
  [
    '.sav: not an SPSS file',
    'text.sav',
    () => Buffer.from('x'.repeat(300)),
    /not an SPSS \.sav file/,
  ],
  ['.sav: truncated dictionary', 'dict.sav', () => sav().subarray(0, 400), /truncated/],
  ['.sav: truncated data', 'data.sav', () => sav().subarray(0, sav().length - 300), /truncated/],
];

describe('malformed .dta and .sav files: one line naming the file and the fault', () => {
  it('covers truncation, bad headers and bad offsets', () =>
    expect(cases.length).toBeGreaterThanOrEqual(15));
  for (const [what, name, bytes, why] of cases) {
    it(what, async () => {
      const path = join(tmp, name);
      writeFileSync(path, bytes());
      const readers: (() => Promise<unknown>)[] = [() => readTable(path)];
      if (!name.startsWith('strls')) readers.push(() => readColumns(path, { numeric: [] }));
      for (const read of readers) {
        let message = '';
        try {
          await read();
        } catch (e) {
          expect(isUserError(e), String(e)).toBe(true);
          message = (e as Error).message;
        }
        expect(message.startsWith(`${path}: `), message).toBe(true);
        expect(message).toMatch(why);
        expect(message).not.toContain('\n');
      }
    });
  }
});
