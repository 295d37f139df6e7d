#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { isOptionError, isUserError } from '../errors.js';
import { messages } from '../messages.js';
import { flagOf } from './option-flag.js';

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when that command runs (or for the full help), so a
 * command pays only for its own dependencies: `regress` never loads the web server.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  regress: async () => (await import('./regress.js')).registerRegress,
  qreg: async () => (await import('./qreg.js')).registerQreg,
  vep: async () => (await import('./vep.js')).registerVep,
  simulate: async () => (await import('./simulate.js')).registerSimulate,
  analyze: async () => (await import('./analyze.js')).registerAnalyze,
  demo: async () => (await import('./demo.js')).registerDemo,
  monitor: async () => (await import('./monitor.js')).registerMonitor,
  serve: async () => (await import('./serve.js')).registerServe,
  users: async () => (await import('./users.js')).registerUsers,
};

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
  const wanted = argv.find((a) => !a.startsWith('-'));
  const names = wanted !== undefined && wanted in COMMANDS ? [wanted] : Object.keys(COMMANDS);
  try {
    for (const name of names) (await COMMANDS[name]())(program);
    for (const cmd of program.commands) cmd.exitOverride();
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : 2;
    }
    if (isOptionError(e)) {
      process.stderr.write(`povrisk: ${e.render(flagOf)}\n`);
      return 1;
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
  (e: unknown) => {
    process.stderr.write(
      `povrisk: ${messages.internal(e instanceof Error ? e.message : String(e))}\n`,
    );
    process.exitCode = 70;
  },
);
