import { randomBytes } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectEncoding } from './text-encoding.js';

const CHUNK = 1 << 22;

/**
 * The encoding of a text file when the user gave none: UTF-8 with a byte-order mark;
 * UTF-16 (LE or BE) with theirs (Excel's "Unicode text"); UTF-8 when every byte of the file is
 * valid UTF-8; otherwise GB18030 (Excel's CSV in a Chinese locale; a superset of GBK and ASCII).
 * The whole file is checked, a block at a time, so that a Chinese name on row 900,000 counts.
 * @example await fileEncoding('villages.csv') // 'gb18030'
 */
export async function fileEncoding(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(CHUNK + 4);
    let carry = 0;
    let position = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, carry, CHUNK, position);
      const end = carry + bytesRead;
      if (position === 0) {
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf-8';
        if (buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
        if (buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be';
      }
      position += bytesRead;
      const last = bytesRead === 0;
      const block = buf.subarray(0, end);
      if (detectEncoding(block, { complete: last }) !== 'utf-8') return 'gb18030';
      if (last) return 'utf-8';
      // carry the bytes of a character cut at the block's end over to the next block
      let k = end - 1;
      while (k >= 0 && k > end - 4 && (buf[k] & 0xc0) === 0x80) k--;
      carry = k >= 0 && buf[k] >= 0xc0 ? end - k : 0;
      if (carry > 0) buf.copy(buf, 0, end - carry, end);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Writes a UTF-8 copy of a text file in another encoding to a temporary file, a block at a
 * time, and returns its path and a function that removes it. The byte-order mark is dropped.
 * @example const { path, remove } = await transcodeToUtf8('gbk.csv', 'gb18030');
 */
export async function transcodeToUtf8(
  source: string,
  encoding: string,
): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = join(tmpdir(), `povrisk-${process.pid}-${randomBytes(6).toString('hex')}.csv`);
  const remove = () => rm(path, { force: true });
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  const input = await open(source, 'r');
  try {
    const output = await open(path, 'wx');
    try {
      const buf = Buffer.alloc(CHUNK);
      for (;;) {
        const { bytesRead } = await input.read(buf, 0, CHUNK, null);
        const text = decoder.decode(buf.subarray(0, bytesRead), { stream: bytesRead > 0 });
        if (text.length > 0) await output.write(text, null, 'utf8');
        if (bytesRead === 0) break;
      }
    } finally {
      await output.close();
    }
  } catch (e) {
    await remove();
    throw e;
  } finally {
    await input.close();
  }
  return { path, remove };
}
