import type { ColumnData } from '../data/read.js';
import type { Study } from '../study/study.js';
import { panelIndex } from '../vep/panel-index.js';
import {
  validateWarning,
  VALIDATE_MODELS,
  type MonitoringRuleSpec,
  type Validation,
} from '../vep/validate.js';

/** The validation of a study on panel data: both models over every pair of consecutive waves. */
export interface StudyValidation {
  /** The wave column and the household id column. */
  readonly wave: string;
  readonly id: string;
  /** The waves, in order; Tables 1–5 use the last. */
  readonly waves: readonly string[];
  readonly latest: string;
  /** `cross-section` then `history`, as `povrisk validate` computes them (with the scores). */
  readonly models: readonly Validation[];
}

/**
 * A study's data split as a panel: when `wave` names a column with two waves or more, the
 * warning is validated on every pair of consecutive waves with both models (`validateWarning`
 * with the study's income, regressors, line, weights and threshold; the cross-section VEP with
 * the study's variance equation, the history model with its own default) and the monitoring
 * rules given, and `latest` holds the rows of the latest wave, which Tables 1–5 use. Without a
 * wave column, or with one wave, `validation` is null and `latest` is the data as they are.
 * @example const { validation, latest } = studyPanel(data, study, { wave: 'wave', id: 'household_id' })
 */
export function studyPanel(
  data: ColumnData,
  study: Study,
  options: { wave: string | null; id: string | null; monitoring?: MonitoringRuleSpec },
): { validation: StudyValidation | null; latest: ColumnData } {
  const { wave, id } = options;
  if (wave === null || id === null) return { validation: null, latest: data };
  const panel = panelIndex(data.text.get(id)!, data.text.get(wave)!, {
    path: data.path,
    id,
    wave,
  });
  if (panel.waves.length < 2) return { validation: null, latest: data };
  const v = study.vep;
  const models = VALIDATE_MODELS.map((model) =>
    validateWarning(data, {
      id,
      wave,
      income: v.income,
      x: v.x,
      line: v.line,
      model,
      variance: model === 'cross-section' ? v.variance : undefined,
      weights: v.weights ?? undefined,
      threshold: typeof v.threshold === 'number' ? v.threshold : undefined,
      monitoring: options.monitoring,
    }),
  );
  const latest = panel.waves[panel.waves.length - 1];
  const waves = data.text.get(wave)!;
  const rows: number[] = [];
  for (let r = 0; r < data.rows; r++) if (waves[r] === latest) rows.push(r);
  const gather = <T>(col: ArrayLike<T>) => rows.map((r) => col[r]);
  const subset: ColumnData = Object.freeze({
    ...data,
    rows: rows.length,
    numeric: new Map(
      [...data.numeric].map(([name, col]) => [name, Float64Array.from(gather(col))]),
    ),
    text: new Map([...data.text].map(([name, col]) => [name, gather(col)])),
  });
  return {
    validation: Object.freeze({ wave, id, waves: panel.waves, latest, models }),
    latest: subset,
  };
}
