import type { Command } from 'commander';
import { simulateSurvey } from '../simulate/survey.js';
import { simulatePanel } from '../simulate/panel.js';
import { writeSurvey } from '../simulate/write-survey.js';
import { messages } from '../messages.js';
import { parseNumber } from './options.js';

interface SimulateFlags {
  households: string;
  seed: string;
  waves?: string;
  out: string;
}

/**
 * Registers `povrisk simulate --households N --seed S [--waves W] --out FILE`: a synthetic survey
 * shaped like the paper's (simulated, calibrated to published moments; not the paper's data).
 * @example registerSimulate(program)
 */
export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description(
      "Write a simulated survey shaped like the paper's (calibrated to its published moments)",
    )
    .option('--households <n>', 'number of households', '676')
    .option('--seed <s>', 'random seed (same seed, same file)', '2020')
    .option(
      '--waves <w>',
      'survey rounds: a panel of the same households with shocks and recoveries',
    )
    .requiredOption('--out <file>', 'output file (.csv or .parquet)')
    .action(async (flags: SimulateFlags) => {
      const households = parseNumber('--households', flags.households, {
        min: 1,
        max: 1e8,
        integer: true,
      });
      const seed = parseNumber('--seed', flags.seed, {
        min: 0,
        max: Number.MAX_SAFE_INTEGER,
        integer: true,
      });
      const waves =
        flags.waves === undefined
          ? 1
          : parseNumber('--waves', flags.waves, { min: 1, max: 100, integer: true });
      const survey =
        flags.waves === undefined
          ? simulateSurvey({ households, seed })
          : simulatePanel({ households, seed, waves });
      await writeSurvey(survey, flags.out);
      process.stderr.write(`${messages.simulated(flags.out, households, waves)}\n`);
    });
}
