import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadStudy, type Study } from '../study/study.js';
import { writeDirectory } from '../data/write-directory.js';
import { messages } from '../messages.js';
import { isStudyOutput, writeStudyOutputs } from '../report/study-outputs.js';
import { checkStudyData, runStudy } from '../report/study-run.js';
import { printPdf } from '../report/print-pdf.js';
import { REPORT_LANGS } from '../domain/localized.js';
import { UserError } from '../errors.js';
import { monitoringRules } from './validate.js';

interface AnalyzeFlags {
  out: string;
  data?: string;
  quiet?: boolean;
  standalone?: boolean;
  lang?: string;
  pdf?: boolean;
}

/**
 * The study with the report language of `--lang`, when given.
 * @example withLang(study, 'zh-CN').lang // 'zh-CN'
 */
export function withLang(study: Study, lang: string | undefined): Study {
  if (lang === undefined) return study;
  const found = REPORT_LANGS.find((l) => l.toLowerCase() === lang.toLowerCase());
  if (!found)
    throw new UserError(messages.badOption('--lang', lang, `one of ${REPORT_LANGS.join(', ')}`));
  return Object.freeze({ ...study, lang: found });
}

/** Writes one progress line to stderr. @example progressLine('reading survey.csv') */
export const progressLine = (step: string): void => {
  process.stderr.write(`${messages.study.progress(step)}\n`);
};

/**
 * Runs a study into `out` atomically (a temporary sibling directory renamed into place):
 * report.html, tables/, households.csv, results.json, and with `pdf` report.pdf (where Chromium
 * is missing, one line on stderr and no PDF). Returns the report's path. `latex` `standalone`
 * writes each .tex as a compilable document (default `fragment`, a float to \input).
 * @example await analyzeInto(study, 'out', { onProgress: progressLine })
 */
export async function analyzeInto(
  study: Study,
  out: string,
  options: {
    onProgress?: (step: string) => void;
    before?: (tmp: string) => Promise<Study>;
    latex?: 'fragment' | 'standalone';
    /** Also print report.pdf with headless Chromium; default false (`--pdf`). */
    pdf?: boolean;
    /** The data are simulated (a caveat in the findings); default false. */
    simulated?: boolean;
  } = {},
): Promise<string> {
  await writeDirectory(
    out,
    async (tmp) => {
      const s = options.before ? await options.before(tmp) : study;
      const run = await runStudy(s, {
        onProgress: options.onProgress,
        monitoring: monitoringRules,
      });
      options.onProgress?.('writing the report, tables, households.csv and results.json');
      await writeStudyOutputs(tmp, run, s, { latex: options.latex, simulated: options.simulated });
      if (options.pdf) {
        options.onProgress?.('printing report.pdf with headless Chromium');
        const printed = await printPdf(join(tmp, 'report.html'), join(tmp, 'report.pdf'));
        if (!printed.ok) process.stderr.write(`${messages.study.noPdf(printed.reason)}\n`);
      }
    },
    { replaceable: isStudyOutput },
  );
  return join(out, 'report.html');
}

/**
 * Registers `povrisk analyze STUDY --out DIR [--data FILE] [--lang en|zh-CN] [--pdf] [--standalone]
 * [--quiet]`: validates the study file (schema, columns, formulas) before any work, runs the whole
 * pipeline and writes the outputs (`--standalone`: each .tex a compilable document, see
 * docs/tables.md).
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
    .option(
      '--lang <lang>',
      "the report's language: en or zh-CN (default the study's lang, else en)",
    )
    .option('--pdf', 'also write report.pdf (A4, printed by headless Chromium)')
    .action(async (file: string, flags: AnalyzeFlags) => {
      let study = withLang(await loadStudy(file), flags.lang);
      if (flags.data !== undefined)
        study = Object.freeze({ ...study, data: { ...study.data, path: resolve(flags.data) } });
      await checkStudyData(study);
      const onProgress = flags.quiet ? undefined : progressLine;
      const latex = flags.standalone ? 'standalone' : 'fragment';
      const report = await analyzeInto(study, flags.out, { onProgress, latex, pdf: flags.pdf });
      process.stdout.write(`${messages.study.wrote(report)}\n`);
    });
}
