import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { LIANGSHAN_STUDY } from '../paper/liangshan-study.js';
import { DEMO_HOUSEHOLDS, DEMO_SEED, simulateSurvey } from '../simulate/survey.js';
import { parseStudy } from '../study/study.js';
import { writeSurvey } from '../simulate/write-survey.js';
import { messages } from '../messages.js';
import { analyzeInto, progressLine, withLang } from './analyze.js';

/**
 * Registers `povrisk demo [--out DIR] [--lang en|zh-CN] [--pdf]` (what `npm start` runs): simulates the paper's 676
 * households with the fixed seed, runs the built-in Liangshan study on them and writes the
 * outputs of `povrisk analyze` to DIR (default ./demo-output), with the simulated survey
 * (`survey.csv`) and the study (`study.yaml`) beside them. Progress goes to stderr; the
 * report's path to stdout.
 * @example registerDemo(program)
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      "Simulate the paper's 676 households and run the built-in study (what npm start runs)",
    )
    .option('--out <dir>', 'output directory', 'demo-output')
    .option('--quiet', 'no progress on stderr')
    .option('--lang <lang>', "the report's language: en (default) or zh-CN")
    .option('--pdf', 'also write report.pdf (A4, printed by headless Chromium)')
    .action(async (flags: { out: string; quiet?: boolean; lang?: string; pdf?: boolean }) => {
      const onProgress = flags.quiet ? undefined : progressLine;
      const study = withLang(
        parseStudy(LIANGSHAN_STUDY, {
          file: 'liangshan.study.yaml (built-in)',
          dir: resolve(flags.out),
        }),
        flags.lang,
      );
      const report = await analyzeInto(study, flags.out, {
        onProgress,
        pdf: flags.pdf,
        simulated: true,
        before: async (tmp) => {
          onProgress?.(
            `simulating ${DEMO_HOUSEHOLDS} households (seed ${DEMO_SEED}; simulated data, not the paper's)`,
          );
          const data = join(tmp, 'survey.csv');
          await writeSurvey(simulateSurvey({ households: DEMO_HOUSEHOLDS, seed: DEMO_SEED }), data);
          await writeFile(join(tmp, 'study.yaml'), LIANGSHAN_STUDY);
          return Object.freeze({ ...study, data: { ...study.data, path: data } });
        },
      });
      process.stdout.write(`${messages.study.wrote(report)}\n`);
    });
}
