import { open } from 'node:fs/promises';

/**
 * Rows a CSV file probably holds: its size over the mean length of the lines in its first
 * megabyte, times `margin` (default 1.25, on the high side), plus 2,048. Only a first
 * allocation, which the caller grows if the file's later lines are shorter.
 * @example await estimatedRows('households.csv', { margin: 1.05 })
 */
export async function estimatedRows(
  file: string,
  options: { margin?: number } = {},
): Promise<number> {
  const margin = options.margin ?? 1.25;
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const sample = Buffer.alloc(Math.min(size, 1 << 20));
    const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
    let lines = 0;
    for (let i = sample.indexOf(10); i >= 0 && i < bytesRead; i = sample.indexOf(10, i + 1))
      lines++;
    return lines === 0 ? 2048 : Math.ceil((size / (bytesRead / lines)) * margin) + 2048;
  } finally {
    await handle.close();
  }
}
