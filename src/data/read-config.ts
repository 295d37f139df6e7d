import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';

/**
 * Reads a configuration file, `.yaml`/`.yml` as YAML and anything else as JSON, and returns what
 * it holds, unvalidated. A missing file is a UserError naming it; a file that does not parse is
 * a UserError with `invalid(path, detail)`, the first line of the parser's message.
 * @example const data = await readConfig('rules.yaml', messages.rulesInvalid);
 */
export async function readConfig(
  path: string,
  invalid: (path: string, detail: string) => string,
): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UserError(messages.fileNotFound(path));
  }
  try {
    return ['.yaml', '.yml'].includes(extname(path).toLowerCase())
      ? parseYaml(text)
      : JSON.parse(text);
  } catch (e) {
    const detail = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new UserError(invalid(path, detail));
  }
}
