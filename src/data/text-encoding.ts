import { isUtf8 } from 'node:buffer';
import { optionError } from '../errors.js';

/** Text encodings povrisk reads, by the name a user may give to `--encoding`. */
export const ENCODINGS = [
  'utf-8',
  'gb18030',
  'gbk',
  'gb2312',
  'big5',
  'windows-1252',
  'latin1',
  'shift_jis',
  'euc-kr',
] as const;

/**
 * The WHATWG name of a user's `--encoding` value (case and `_`/`-` ignored: `GBK`, `cp936`,
 * `utf8`), or a UserError naming the option. GBK and GB2312 are read as GB18030, their superset.
 * @example encodingName('GBK') // 'gb18030'
 */
export function encodingName(value: string): string {
  const v = value.trim().toLowerCase().replaceAll('_', '-');
  const alias: Record<string, string> = {
    utf8: 'utf-8',
    gbk: 'gb18030',
    gb2312: 'gb18030',
    cp936: 'gb18030',
    latin1: 'windows-1252',
    'latin-1': 'windows-1252',
    'iso-8859-1': 'windows-1252',
    cp1252: 'windows-1252',
    'shift-jis': 'shift_jis',
  };
  const name = alias[v] ?? v;
  try {
    new TextDecoder(name);
  } catch {
    throw optionError.bad('encoding', value, `one of ${ENCODINGS.join(', ')}`);
  }
  return name;
}

/**
 * A decoder for fixed-width, NUL-padded text fields (Stata `str#`, names, labels): the bytes up
 * to the first NUL, decoded in `encoding` (default UTF-8). ASCII is decoded by hand, which is
 * several times faster than TextDecoder on short cells.
 * @example fixedText('windows-1252')(bytes, 0, 9) // 'income'
 */
export function fixedText(
  encoding = 'utf-8',
): (bytes: Uint8Array, start: number, width: number) => string {
  const decoder = new TextDecoder(encoding);
  return (bytes, start, width) => {
    let end = start;
    const stop = Math.min(start + width, bytes.length);
    let ascii = true;
    while (end < stop && bytes[end] !== 0) {
      if (bytes[end] > 0x7f) ascii = false;
      end++;
    }
    if (!ascii) return decoder.decode(bytes.subarray(start, end));
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]);
    return s;
  };
}

/**
 * The encoding of a text file's bytes when none is given: UTF-8 when they are valid UTF-8
 * (with or without a byte-order mark), otherwise GB18030 (what Excel writes for a Chinese
 * locale, a superset of GBK and ASCII). `complete` says whether `bytes` is the whole file; when
 * it is not, a multi-byte character cut at the end is not held against UTF-8.
 * @example detectEncoding(Buffer.from('县,乡\n'), { complete: true }) // 'utf-8'
 */
export function detectEncoding(
  bytes: Uint8Array,
  options: { complete?: boolean } = {},
): 'utf-8' | 'gb18030' {
  let end = bytes.length;
  if (!(options.complete ?? true)) {
    // Step back over a trailing, possibly incomplete, UTF-8 sequence (at most 3 bytes).
    let k = end - 1;
    while (k >= 0 && k > end - 4 && (bytes[k] & 0xc0) === 0x80) k--;
    if (k >= 0 && bytes[k] >= 0xc0) end = k;
  }
  return isUtf8(bytes.subarray(0, end)) ? 'utf-8' : 'gb18030';
}
