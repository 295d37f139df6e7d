import { access, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeTable } from '../data/write-table.js';
import type { Study } from '../study/study.js';
import { householdTable } from '../vep/household-table.js';
import { toCsv } from './formats/csv.js';
import { toDocx } from './formats/docx.js';
import { toLatex, type LatexOptions } from './formats/latex.js';
import { toMarkdown } from './formats/markdown.js';
import { htmlReport } from './html-report.js';
import { reportSetup } from './report-setup.js';
import { studyFindings } from './study-findings.js';
import type { StudyRun } from './study-run.js';
import { studyTables } from './study-tables.js';
import type { ReportTable } from './table-model.js';
import { studyResultsJson } from './result-json.js';

type Writer = (
  t: ReportTable,
  name: string,
  latex: LatexOptions['output'],
) => Promise<string | Buffer>;
const WRITERS: Record<Study['outputs']['formats'][number], { ext: string; write: Writer }> = {
  markdown: { ext: 'md', write: async (t) => toMarkdown(t) },
  csv: { ext: 'csv', write: async (t) => toCsv(t) },
  latex: {
    ext: 'tex',
    write: async (t, name, output) => toLatex(t, { label: `tab:${name}`, output }),
  },
  docx: { ext: 'docx', write: (t) => toDocx(t) },
};

/**
 * Replaces NaN and ±Infinity by null and typed arrays by arrays, for JSON.
 * @example JSON.stringify(results, jsonReplacer)
 */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<number>);
  return value;
}

/**
 * Writes a study's outputs into `dir` (an empty directory; see `writeDirectory` for the
 * atomic swap): `report.html` (self-contained), `tables/tableN.{md,csv,tex,docx}` for the
 * study's formats, `households.csv` (the per-household VEP output) and `results.json`
 * (everything, machine-readable; `generated_at` is the run's time). The tables and the report
 * are in the study's language, the report opening with the main findings (`simulated`, default
 * false, adds the caveat that the data are simulated). `latex` `standalone` makes each .tex a
 * compilable document instead of a float to \input. Returns the files written.
 * Defaults: `now` the current time, `latex` `fragment`.
 * @example await writeStudyOutputs(tmp, run, study, { now: new Date(), latex: 'standalone' })
 */
export async function writeStudyOutputs(
  dir: string,
  run: StudyRun,
  study: Study,
  options: { now?: Date; latex?: LatexOptions['output']; simulated?: boolean } = {},
): Promise<string[]> {
  const now = (options.now ?? new Date()).toISOString();
  const setup = reportSetup(study);
  const tables = studyTables(run.results, setup);
  const written: string[] = [];
  await mkdir(join(dir, 'tables'));
  for (const [name, table] of Object.entries(tables) as [string, ReportTable | null][]) {
    if (!table) continue;
    for (const format of study.outputs.formats) {
      const w = WRITERS[format];
      const file = join('tables', `${name}.${w.ext}`);
      await writeFile(join(dir, file), await w.write(table, name, options.latex ?? 'fragment'));
      written.push(file);
    }
  }
  const idName = study.data.id ?? 'id';
  await writeTable(join(dir, 'households.csv'), householdTable(run.vep, { ids: run.ids, idName }));
  written.push('households.csv');
  const json = { generated_at: now, ...studyResultsJson(run.results) };
  await writeFile(join(dir, 'results.json'), `${JSON.stringify(json, jsonReplacer, 2)}\n`);
  written.push('results.json');
  const html = htmlReport(run.results, {
    tables,
    setup,
    generated: setup.words.generated(now),
    findings: studyFindings(run.results, setup, { simulated: options.simulated }),
    ...(run.validation ? { validation: run.validation.models } : {}),
    simulated: options.simulated ?? false,
  });
  await writeFile(join(dir, 'report.html'), html);
  written.push('report.html');
  return written;
}

/**
 * True when a directory may be replaced by a new run: it is empty or holds a `results.json`
 * (an earlier povrisk run).
 * @example await writeDirectory(out, fill, { replaceable: isStudyOutput })
 */
export async function isStudyOutput(dir: string): Promise<boolean> {
  if ((await readdir(dir)).length === 0) return true;
  return access(join(dir, 'results.json')).then(
    () => true,
    () => false,
  );
}
