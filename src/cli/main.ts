#!/usr/bin/env node
import { Command, CommanderError, Help } from 'commander';
import { isOptionError, isUserError } from '../errors.js';
import { messages } from '../messages.js';
import { flagOf } from './option-flag.js';

type Register = (program: Command) => void;

/** One command: how `--help` lists it, and its module, loaded only when the command runs. */
interface CommandEntry {
  /** The command's line in `povrisk --help`: name, `[options]` and arguments. */
  readonly term: string;
  readonly description: string;
  readonly load: () => Promise<Register>;
}

/**
 * Every command. `povrisk --help` and `--version` load none of these modules, and a command
 * loads only its own: `regress` never loads the web server. To add a command, add a line.
 */
const COMMANDS: Record<string, CommandEntry> = {
  regress: {
    term: 'regress [options] <file>',
    description: 'OLS/WLS with classical, robust (HC0-HC3) or cluster-robust standard errors',
    load: async () => (await import('./regress.js')).registerRegress,
  },
  qreg: {
    term: 'qreg [options] <file>',
    description:
      'Linear quantile regression (exact, as quantreg::rq) with summary.rq standard errors',
    load: async () => (await import('./qreg.js')).registerQreg,
  },
  vep: {
    term: 'vep [options] <file>',
    description:
      'Vulnerability as expected poverty (three-step FGLS, Chaudhuri, Jalan & Suryahadi 2002)',
    load: async () => (await import('./vep.js')).registerVep,
  },
  validate: {
    term: 'validate [options] <file>',
    description: 'Does the warning work? Fit on each wave, check who is poor a wave later',
    load: async () => (await import('./validate.js')).registerValidate,
  },
  simulate: {
    term: 'simulate [options]',
    description:
      "Write a simulated survey shaped like the paper's (calibrated to its published moments)",
    load: async () => (await import('./simulate.js')).registerSimulate,
  },
  analyze: {
    term: 'analyze [options] <study>',
    description: 'Run a study (YAML or JSON): VEP, Tables 1-5, report.html, tables, results.json',
    load: async () => (await import('./analyze.js')).registerAnalyze,
  },
  demo: {
    term: 'demo [options]',
    description:
      "Simulate the paper's 676 households and run the built-in study (what npm start runs)",
    load: async () => (await import('./demo.js')).registerDemo,
  },
  monitor: {
    term: 'monitor',
    description: 'household monitoring: import survey waves, score, alert, follow cases',
    load: async () => (await import('./monitor.js')).registerMonitor,
  },
  serve: {
    term: 'serve [options]',
    description: 'serve the monitoring dashboard and its JSON API',
    load: async () => (await import('./serve.js')).registerServe,
  },
  users: {
    term: 'users',
    description: 'dashboard accounts',
    load: async () => (await import('./users.js')).registerUsers,
  },
  describe: {
    term: 'describe [options] <file>',
    description: "Codebook of a data file: rows, and each column's type, labels and missing values",
    load: async () => (await import('./describe.js')).registerDescribe,
  },
  convert: {
    term: 'convert [options] <in> <out>',
    description: 'Convert a data file between CSV, Parquet, xlsx and Stata .dta (also reads .sav)',
    load: async () => (await import('./convert.js')).registerConvert,
  },
};

/**
 * The command that argv runs (`povrisk regress …`, `povrisk help regress`), or null for the
 * program's own help, version or an unknown command.
 */
function commandOf(argv: readonly string[]): string | null {
  const words = argv.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return name !== undefined && Object.hasOwn(COMMANDS, name) ? name : null;
}

/**
 * Registers every command as its help line only (nothing loaded), for `povrisk --help`,
 * `--version` and the suggestion after an unknown command.
 */
function listCommands(program: Command): void {
  for (const [name, entry] of Object.entries(COMMANDS)) {
    program.command(name).description(entry.description);
  }
  const help = new Help();
  program.configureHelp({
    subcommandTerm: (cmd) =>
      Object.hasOwn(COMMANDS, cmd.name()) ? COMMANDS[cmd.name()].term : help.subcommandTerm(cmd),
  });
}

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
  const wanted = commandOf(argv);
  try {
    if (wanted === null) listCommands(program);
    else (await COMMANDS[wanted].load())(program);
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
