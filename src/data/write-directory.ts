import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';

/**
 * Fills a directory atomically: `fill` writes into a fresh temporary sibling directory, which
 * then replaces `dir` by rename, so a failed run leaves `dir` as it was and readers never see
 * a half-written one. An existing `dir` is replaced only when `replaceable(dir)` says it may
 * be (e.g. it holds an earlier run's results); otherwise it is a UserError and nothing changes.
 * @example await writeDirectory('out', async (tmp) => writeFile(join(tmp, 'a.txt'), 'a'), { replaceable })
 */
export async function writeDirectory(
  dir: string,
  fill: (tmp: string) => Promise<void>,
  options: { replaceable?: (dir: string) => Promise<boolean> } = {},
): Promise<void> {
  const target = resolve(dir);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const exists = await stat(target).then(
    (s) => s.isDirectory() || 'file',
    () => false,
  );
  if (exists === 'file' || (exists && !(await (options.replaceable?.(target) ?? false)))) {
    throw new UserError(messages.study.outputNotOurs(dir));
  }
  const tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const tmp = join(parent, `.${basename(target)}.${tag}.tmp`);
  const old = join(parent, `.${basename(target)}.${tag}.old`);
  await mkdir(tmp);
  try {
    await fill(tmp);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  if (exists) await rename(target, old);
  try {
    await rename(tmp, target);
  } catch (e) {
    if (exists) await rename(old, target);
    await rm(tmp, { recursive: true, force: true });
    throw new UserError(messages.writeFailed(dir, e instanceof Error ? e.message : String(e)));
  }
  if (exists) await rm(old, { recursive: true, force: true });
}
