import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

/**
 * `povrisk --help` is written from main.ts's command table without loading any command's
 * module (so it and `--version` start fast): each line must still say what the command's own
 * help says, and a command's help and an unknown command's suggestion must still work.
 */
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

describe('povrisk --help without loading the commands', () => {
  it("lists every command with its own help's usage and description", async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    const section = top.stdout.split('Commands:')[1] ?? '';
    const names = [...section.matchAll(/^ {2}(\w+)/gm)]
      .map((m) => m[1])
      .filter((n) => n !== 'help');
    expect(names).toEqual([
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
      'describe',
      'convert',
    ]);
    for (const name of names) {
      const own = await runCli([name, '--help']);
      expect(own.code, `${name} --help`).toBe(0);
      const [usage, , description] = own.stdout.split('\n');
      // "Usage: povrisk regress [options] <file>" is listed as "regress [options] <file>", and
      // a command with subcommands ("monitor [options] [command]") by its name
      const term = usage
        .replace(/^Usage: povrisk /, '')
        .replace(/( \[options\])? \[command\]$/, '');
      expect(squash(section), `${name}'s line`).toContain(`${term} ${squash(description)}`);
    }
  });

  it('prints the version, and suggests the nearest command for a misspelt one', async () => {
    const version = await runCli(['--version']);
    expect(version.stdout).toBe('0.1.0\n');
    const typo = await runCli(['regres', 'x.csv']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("unknown command 'regres'");
    expect(typo.stderr).toContain('regress');
  });
});
