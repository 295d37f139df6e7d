import { variableLabel } from '../paper/dictionary.js';
import type { Study } from '../study/study.js';
import { localize, type Lang } from '../domain/localized.js';
import { reportWords, type ReportWords } from './report-words.js';

/** How a study's report is worded: its language, titles, labels and comparison. */
export interface ReportSetup {
  readonly lang: Lang;
  readonly words: ReportWords;
  /** Show the published study's panels, columns and notes (`compare: liangshan-2020`). */
  readonly compare: boolean;
  readonly titles: ReportWords['titles'];
  /** The outcome's name in running text ("vulnerability to poverty"). */
  readonly outcome: string;
  /** The dependent variable's label in the notes of Tables 4 and 5. */
  readonly dependent: string;
  readonly currency: string | null;
  /** The period of income and line ("per person per year"). */
  readonly period: string;
  /** The study's own variable labels in this language. */
  readonly labels: Readonly<Record<string, string>>;
  /** A variable's label: the study's, else the data dictionary's, else its name. */
  readonly label: (name: string) => string;
}

/**
 * The report's wording for a study: the study file's titles, outcome, dependent variable,
 * currency, period and labels in the language `lang` (default the study's `lang`), with the
 * neutral defaults of `reportWords` where it gives none.
 * @example reportSetup(study, { lang: 'zh-CN' }).titles.table1 // '表1 描述性统计'
 */
export function reportSetup(study: Study, options: { lang?: Lang } = {}): ReportSetup {
  const lang = options.lang ?? study.lang;
  const w = study.wording;
  const words = reportWords(lang, { unit: localize(w.unit, lang) });
  const pick = (table: keyof ReportWords['titles']) =>
    localize(w.titles[table], lang) ?? words.titles[table];
  const labels: Record<string, string> = {};
  for (const [name, text] of Object.entries(study.labels)) {
    const l = localize(text, lang);
    if (l !== null) labels[name] = l;
  }
  return Object.freeze({
    lang,
    words,
    compare: study.compare === 'liangshan-2020',
    titles: Object.freeze({
      table1: pick('table1'),
      table2: pick('table2'),
      table3: pick('table3'),
      table4: pick('table4'),
      table5: pick('table5'),
    }),
    outcome: localize(w.outcome, lang) ?? words.outcome,
    dependent: localize(w.dependent, lang) ?? words.dependent,
    currency: study.vep.currency,
    period: localize(study.vep.period, lang) ?? words.period,
    labels: Object.freeze(labels),
    label: (name: string) => labels[name] ?? variableLabel(name, { lang }),
  });
}
