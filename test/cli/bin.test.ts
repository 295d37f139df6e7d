import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CLI } from '../helpers/run-cli.js';

describe('the povrisk bin', () => {
  test('is executable, so `npx povrisk` runs it by its shebang', () => {
    expect(statSync(CLI).mode & 0o111).not.toBe(0);
  });

  test('`npx povrisk --help` lists every command', async () => {
    const out = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn('npx', ['--no-install', 'povrisk', '--help'], { env: process.env });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout }));
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
    // npx itself loads npm (about 2 s of CPU): on a loaded 2-core machine that alone nears a minute
  }, 180_000);
});
