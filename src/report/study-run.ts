import { basename } from 'node:path';
import { modelFrame } from '../data/model-frame.js';
import { columnNames, readColumns, type ColumnData } from '../data/read.js';
import { isXlsx, readXlsxColumns, xlsxColumnNames } from '../data/read-xlsx.js';
import {
  checkStudyColumns,
  groupReadsText,
  studyData,
  WAVE_COLUMN,
} from '../study/study-columns.js';
import type { Study } from '../study/study.js';
import { quantreg, type QuantregResult } from '../models/quantreg/quantreg.js';
import { regress, type Regression } from '../models/regress.js';
import {
  nestedModels,
  stepwise,
  type FittedModel,
  type StepwiseResult,
} from '../models/stepwise.js';
import { summarizeColumns, type VariableSummary } from './descriptive-table.js';
import { STATUS } from '../vep/status.js';
import { estimateVep, type VepResult, type VepSummary } from '../vep/vep.js';
import { localize } from '../domain/localized.js';
import { messages } from '../messages.js';
import { reportWords } from './report-words.js';
import { groupBlocks, type GroupBlock } from './study-groups.js';
import { histogram, type Histogram } from './study-histogram.js';
import { studyPanel, type StudyValidation } from './study-validation.js';
import type { MonitoringRuleSpec, PairValidation } from '../vep/validate.js';
import type { VarianceModel } from '../vep/variance-equation.js';

/** Everything a study computes, as plain data (results.json holds `studyResultsJson` of it). */
export interface StudyResults {
  readonly study: {
    readonly title: string;
    readonly description: string | null;
    readonly file: string;
    readonly data: string;
    readonly rows: number;
  };
  readonly derived: readonly { readonly name: string; readonly formula: string }[];
  readonly povertyLine: {
    readonly line: number;
    readonly usdPerDay?: number;
    readonly ppp?: number;
  };
  readonly vep: VepSummary;
  readonly vulnerabilityHistogram: Histogram;
  readonly table1: readonly VariableSummary[];
  readonly table2: readonly GroupBlock[];
  readonly table3: readonly VariableSummary[];
  readonly table4: {
    readonly dependent: 'vulnerability';
    readonly vce: string;
    readonly models: readonly FittedModel[];
    readonly stepwise: StepwiseResult | null;
  };
  readonly table5: {
    readonly dependent: 'vulnerability';
    readonly x: readonly string[];
    readonly quantreg: QuantregResult;
    /** OLS of the same regressors, the reference line of the quantile chart. */
    readonly ols: Regression;
  } | null;
  /**
   * On panel data (a wave column with two waves or more): how well the warning predicted the
   * next wave, per model, as `povrisk validate --json` prints it; null otherwise.
   */
  readonly validation: {
    readonly id: string;
    readonly wave: string;
    readonly waves: readonly string[];
    readonly latest: string;
    readonly models: readonly {
      readonly model: string;
      readonly variance: VarianceModel;
      readonly line: number;
      readonly threshold: number;
      readonly capacity: number;
      readonly pairs: readonly PairValidation[];
    }[];
  } | null;
}

/** A finished run: the results, and the per-household VEP output and ids for households.csv. */
export interface StudyRun {
  readonly results: StudyResults;
  readonly vep: VepResult;
  readonly ids: readonly (string | null)[] | undefined;
  /** The validation on panel data, with each model's scores (for the charts); else null. */
  readonly validation: StudyValidation | null;
}

/**
 * Checks a study against its data file's columns (before reading anything else), so that a
 * missing column or formula item is refused before any work. Returns the checked plan.
 * @example const plan = await checkStudyData(study);
 */
export async function checkStudyData(study: Study) {
  const { path, sheet } = study.data;
  const names = isXlsx(path) ? await xlsxColumnNames(path, { sheet }) : await columnNames(path);
  const plan = checkStudyColumns(study, names);
  // Only Stata and SPSS files carry value labels: refuse from-labels on others before reading.
  if (!/\.(dta|sav|zsav)$/i.test(path)) noValueLabels(study, null);
  return { ...plan, available: names };
}

/** Fails on the first `from-labels` group whose column has no value labels in `info`. */
function noValueLabels(study: Study, info: ColumnData['info'] | null): void {
  study.groups.forEach((g, k) => {
    if (g.levels === 'from-labels' && !(info?.get(g.column)?.valueLabels.size ?? 0))
      study.fail(
        ['groups', k, 'levels'],
        messages.study.noValueLabels(g.column, basename(study.data.path)),
      );
  });
}

/**
 * Runs a study end to end: reads and derives its variables, estimates vulnerability (VEP,
 * three-step FGLS), Tables 1–3 (descriptives, vulnerability by group), Table 4 (the configured
 * OLS models of vulnerability, plus stepwise selection when asked) and Table 5 (quantile
 * regressions). The regressions use the households of the VEP estimation sample. `onProgress`
 * hears each step's name.
 * @example const { results } = await runStudy(await loadStudy('study.yaml'));
 */
export async function runStudy(
  study: Study,
  options: {
    onProgress?: (step: string) => void;
    monitoring?: (columns: ReadonlySet<string>, income: string) => MonitoringRuleSpec;
  } = {},
): Promise<StudyRun> {
  const progress = options.onProgress ?? (() => {});
  const plan = await checkStudyData(study);
  progress(`reading ${basename(study.data.path)}`);
  // On a panel, the monitoring rules whose columns the file has are scored too.
  const monitoring =
    plan.wave !== null && options.monitoring
      ? options.monitoring(new Set(plan.available), study.vep.income)
      : undefined;
  const ruleColumns = monitoring
    ? [
        ...(monitoring.shockColumns ?? []),
        ...(monitoring.highVulnerability
          ? [monitoring.highVulnerability.income, ...monitoring.highVulnerability.x]
          : []),
      ]
    : [];
  const columns = {
    numeric: [...new Set([...plan.numeric.values(), ...ruleColumns])],
    text: [
      ...new Set([
        ...(plan.id !== null ? [plan.id] : []),
        ...(plan.wave !== null ? [plan.wave] : []),
        ...plan.text.values(),
      ]),
    ],
  };
  const file = isXlsx(study.data.path)
    ? await readXlsxColumns(study.data.path, { ...columns, sheet: study.data.sheet })
    : await readColumns(study.data.path, columns);
  const read = studyData(study, plan, file);
  const extra = ruleColumns.filter((c) => !read.numeric.has(c));
  const all: ColumnData = extra.length
    ? {
        ...read,
        numeric: new Map([
          ...read.numeric,
          ...extra.map((c) => [c, file.numeric.get(c)!] as const),
        ]),
      }
    : read;
  if (plan.wave !== null) progress('checking the warning on each pair of waves');
  const { validation, latest: data } = studyPanel(all, study, {
    wave: plan.wave === null ? null : (study.data.wave ?? WAVE_COLUMN),
    id: study.data.id,
    monitoring,
  });
  progress(`estimating vulnerability (${data.rows} households)`);
  const vep = estimateVep(data, {
    income: study.vep.income,
    x: study.vep.x,
    line: study.vep.line,
    weights: study.vep.weights ?? undefined,
    variance: study.vep.variance,
    floor: study.vep.floor,
    threshold: study.vep.threshold,
    bands: study.vep.bands,
  });
  const used = vep.status.reduce<number[]>((a, s, i) => (s === STATUS.ok ? (a.push(i), a) : a), []);
  const v = new Float64Array(data.rows).fill(NaN);
  for (const i of used) v[i] = vep.vulnerability[i];
  const analysis: ColumnData = Object.freeze({
    ...data,
    numeric: new Map([...data.numeric, ['vulnerability', v]]),
  });
  const weights = study.vep.weights ? (data.numeric.get(study.vep.weights) ?? null) : null;
  const pick = (names: readonly string[]) =>
    Object.fromEntries(names.map((n) => [n, analysis.numeric.get(n) as Float64Array]));

  progress('Tables 1-3: descriptive statistics and vulnerability by group');
  noValueLabels(study, data.info ?? null);
  const table2 = groupBlocks(v, weights, used, {
    groups: study.groups,
    columns: (g) => ({
      ...(groupReadsText(g) && plan.text.has(g.column)
        ? { text: data.text.get(g.column) }
        : { numbers: analysis.numeric.get(g.column) }),
      valueLabels: data.info?.get(g.column)?.valueLabels,
    }),
    bands: study.vep.bands,
    overall: vep.summary.overall,
    lang: study.lang,
    compare: study.compare === 'liangshan-2020',
    other: reportWords(study.lang).other,
    overallLabel: reportWords(study.lang).overall,
  });
  progress(`Table 4: ${study.regression.models.length} OLS model(s) of vulnerability`);
  const models = nestedModels(analysis, {
    y: 'vulnerability',
    models: study.regression.models,
    vce: study.regression.vce,
  });
  const sw = study.regression.stepwise;
  const selection = sw
    ? stepwise(analysis, {
        y: 'vulnerability',
        x: study.explanatory,
        pr: sw.pr,
        pe: sw.pe,
        forward: sw.forward,
        vce: study.regression.vce,
      })
    : null;
  let table5: StudyResults['table5'] = null;
  if (study.quantiles) {
    const q = study.quantiles;
    progress(`Table 5: quantile regressions at tau = ${q.taus.join(', ')}`);
    const frame = modelFrame(analysis, { y: 'vulnerability', x: q.x });
    table5 = Object.freeze({
      dependent: 'vulnerability' as const,
      x: q.x,
      quantreg: quantreg(frame, {
        taus: q.taus,
        se: q.se,
        reps: q.reps,
        seed: q.seed,
        yName: 'vulnerability',
      }),
      ols: regress(frame, { vce: study.regression.vce }).result,
    });
  }
  const results: StudyResults = Object.freeze({
    study: Object.freeze({
      title: localize(study.title, study.lang) as string,
      description: localize(study.description, study.lang),
      file: basename(study.file),
      data: basename(study.data.path),
      rows: data.rows,
    }),
    derived: study.derive.map((d) => Object.freeze({ name: d.name, formula: d.formula })),
    povertyLine: Object.freeze({ ...study.vep.lineSpec, line: study.vep.line }),
    vep: vep.summary,
    vulnerabilityHistogram: histogram(v, { bins: 20 }),
    table1: summarizeColumns(pick(study.table1)),
    table2,
    table3: summarizeColumns(pick(study.explanatory)),
    table4: Object.freeze({
      dependent: 'vulnerability' as const,
      vce: study.regression.vce,
      models,
      stepwise: selection,
    }),
    table5,
    validation: validation
      ? Object.freeze({
          id: validation.id,
          wave: validation.wave,
          waves: validation.waves,
          latest: validation.latest,
          models: validation.models.map((m) =>
            Object.freeze({
              model: m.model,
              variance: m.variance,
              line: m.line,
              threshold: m.threshold,
              capacity: m.capacity,
              pairs: m.pairs,
            }),
          ),
        })
      : null,
  });
  return Object.freeze({
    results,
    vep,
    ids: study.data.id !== null ? data.text.get(study.data.id) : undefined,
    validation,
  });
}
