import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { CLI } from '../helpers/run-cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  bin: Record<string, string>;
};

// What `npx povrisk` does in a project: find `povrisk` in package.json's `bin`, link that file
// and execute it, so the kernel reads its shebang. The file is executed here just so (not as
// `node file`), which fails with EACCES as npx did when the build left it not executable.
// (npx itself is not run: on a fresh machine it first installs the project into ~/.npm/_npx,
// half a minute of CPU, and ~2 s of npm start-up every time after.)
describe('the povrisk bin', () => {
  test('package.json names the built CLI as the `povrisk` bin, executable, with a node shebang', () => {
    expect(Object.keys(pkg.bin)).toEqual(['povrisk']);
    expect(`${root}${pkg.bin.povrisk}`.replace('/./', '/')).toBe(CLI);
    expect(statSync(CLI).mode & 0o111).not.toBe(0);
    expect(readFileSync(CLI, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  test('`povrisk --help`, executed by its shebang, lists every command', async () => {
    const out = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(`${root}${pkg.bin.povrisk}`, ['--help'], { env: process.env }, (err, stdout) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout }),
      );
    });
    expect(out.code).toBe(0);
    for (const command of [
      'regress',
      'qreg',
      'vep',
      'validate',
      'simulate',
      'analyze',
      'demo',
      'monitor',
      'serve',
      'users',
    ]) {
      expect(out.stdout).toContain(command);
    }
  });
});
