#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { isUserError } from '../errors.js';
import { messages } from '../messages.js';
import { registerAnalyze } from './analyze.js';
import { registerDemo } from './demo.js';
import { registerMonitor } from './monitor.js';
import { registerQreg } from './qreg.js';
import { registerRegress } from './regress.js';
import { registerServe } from './serve.js';
import { registerSimulate } from './simulate.js';
import { registerUsers } from './users.js';
import { registerVep } from './vep.js';

/**
 * The `povrisk` command line. Returns the exit code: 0 on success, 1 for a user error
 * (one line on stderr), 2 for a usage error, 70 for an internal error.
 * @example process.exitCode = await main(['regress', 'data.csv', '--y', 'y', '--x', 'x']);
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command();
  program
    .name('povrisk')
    .description(
      'Vulnerability to poverty (VEP), OLS and quantile regression, and household monitoring',
    )
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) })
    .showHelpAfterError(false);
  registerRegress(program);
  registerQreg(program);
  registerVep(program);
  registerMonitor(program);
  registerServe(program);
  registerSimulate(program);
  registerUsers(program);
  registerAnalyze(program);
  registerDemo(program);
  for (const cmd of program.commands) cmd.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : 2;
    }
    if (isUserError(e)) {
      process.stderr.write(`povrisk: ${e.message}\n`);
      return 1;
    }
    const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
    process.stderr.write(`povrisk: ${messages.internal(detail)}\n`);
    if (process.env.POVRISK_DEBUG) process.stderr.write(`${e instanceof Error ? e.stack : ''}\n`);
    return 70;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 70;
  },
);
