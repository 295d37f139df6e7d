import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadStudy, type Study } from '../data/study.js';
import { writeDirectory } from '../data/write-directory.js';
import { messages } from '../messages.js';
import { isStudyOutput, writeStudyOutputs } from '../report/study-outputs.js';
import { checkStudyData, runStudy } from '../report/study-run.js';

interface AnalyzeFlags {
  out: string;
  data?: string;
  quiet?: boolean;
  standalone?: boolean;
}

/** Writes one progress line to stderr. @example progressLine('reading survey.csv') */
export const progressLine = (step: string): void => {
  process.stderr.write(`${messages.study.progress(step)}\n`);
};

/**
 * Runs a study into `out` atomically (a temporary sibling directory renamed into place):
 * report.html, tables/, households.csv, results.json. Returns the report's path. `latex`
 * `standalone` writes each .tex as a compilable document (default `fragment`, a float to \input).
 * @example await analyzeInto(study, 'out', { onProgress: progressLine })
 */
export async function analyzeInto(
  study: Study,
  out: string,
  options: {
    onProgress?: (step: string) => void;
    before?: (tmp: string) => Promise<Study>;
    latex?: 'fragment' | 'standalone';
  } = {},
): Promise<string> {
  await writeDirectory(
    out,
    async (tmp) => {
      const s = options.before ? await options.before(tmp) : study;
      const run = await runStudy(s, { onProgress: options.onProgress });
      options.onProgress?.('writing the report, tables, households.csv and results.json');
      await writeStudyOutputs(tmp, run, s, { latex: options.latex });
    },
    { replaceable: isStudyOutput },
  );
  return join(out, 'report.html');
}

/**
 * Registers `povrisk analyze STUDY --out DIR [--data FILE] [--quiet] [--standalone]`: validates
 * the study file (schema, columns, formulas) before any work, runs the whole pipeline and writes
 * the outputs (`--standalone`: each .tex a compilable document, see docs/tables.md).
 * @example registerAnalyze(program)
 */
export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('Run a study (YAML or JSON): VEP, Tables 1-5, report.html, tables, results.json')
    .argument('<study>', 'study file (.yaml, .yml or .json; schema: schemas/study.schema.json)')
    .requiredOption(
      '--out <dir>',
      'output directory (replaced atomically if it holds an earlier run)',
    )
    .option('--data <file>', "data file to use instead of the study's data.path")
    .option('--quiet', 'no progress on stderr')
    .option(
      '--standalone',
      'write each .tex table as a compilable document (default: a float to \\input)',
    )
    .action(async (file: string, flags: AnalyzeFlags) => {
      let study = await loadStudy(file);
      if (flags.data !== undefined)
        study = Object.freeze({ ...study, data: { ...study.data, path: resolve(flags.data) } });
      await checkStudyData(study);
      const onProgress = flags.quiet ? undefined : progressLine;
      const latex = flags.standalone ? 'standalone' : 'fragment';
      const report = await analyzeInto(study, flags.out, { onProgress, latex });
      process.stdout.write(`${messages.study.wrote(report)}\n`);
    });
}
