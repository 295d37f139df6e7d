import { basename } from 'node:path';
import { messages } from '../messages.js';
import { closestName } from '../data/closest-name.js';
import { evaluateFormula } from './derive.js';
import type { ColumnData, ColumnInfo } from '../data/read.js';
import type { StudyGroup } from './study-schema.js';
import type { Study, StudyPath } from './study.js';

/** The file columns a study reads: numbers by study name → file column, and the id as text. */
export interface StudyColumnPlan {
  /** Study name → the data file's column, for every numeric variable read from the file. */
  readonly numeric: ReadonlyMap<string, string>;
  /** The id column in the file, read as text, or null. */
  readonly id: string | null;
  /** Study name → the data file's column, for the group columns read as text. */
  readonly text: ReadonlyMap<string, string>;
  /**
   * The wave column of a panel in the file (`data.wave`, else `wave` when the file has it and
   * the study names an id), or null.
   */
  readonly wave: string | null;
}

/**
 * True when a group's column is read as text: its levels come from the data, or some level
 * lists text values. Other groups (numbers, ranges, value labels) read it as numbers.
 * @example groupReadsText({ column: 'region', levels: 'from-data' }) // true
 */
export function groupReadsText(group: StudyGroup): boolean {
  if (group.levels === 'from-data') return true;
  if (group.levels === 'from-labels') return false;
  return group.levels.some((l) => (l.values ?? []).some((v) => typeof v === 'string'));
}

/** Every variable the study refers to, with where it is referred to. */
function references(study: Study): [StudyPath, string][] {
  const refs: [StudyPath, string][] = [];
  const list = (path: StudyPath, names: readonly string[]) =>
    names.forEach((n, i) => refs.push([[...path, i], n]));
  refs.push([['vep', 'income'], study.vep.income]);
  list(['vep', 'x'], study.vep.x);
  if (study.vep.weights) refs.push([['vep', 'weights'], study.vep.weights]);
  list(['table1'], study.table1);
  list(['explanatory'], study.explanatory);
  study.regression.models.forEach((m, k) => {
    if (m.x !== study.explanatory) list(['regression', 'models', k], m.x);
  });
  if (study.quantiles) list(['quantiles', 'x'], study.quantiles.x);
  study.groups.forEach((g, k) => {
    if (!groupReadsText(g)) refs.push([['groups', k, 'column'], g.column]);
  });
  return refs;
}

/**
 * Checks a study against the column names of its data file before any work: every variable
 * it names must be a column (through `data.columns`) or a derived variable, every formula item
 * a column or an earlier derived variable, and every mapped column must exist. The first
 * problem is a UserError naming the study file, line and key path and suggesting the closest
 * column. Returns the columns to read.
 * @example const plan = checkStudyColumns(study, await columnNames(study.data.path));
 */
export function checkStudyColumns(study: Study, available: readonly string[]): StudyColumnPlan {
  const data = basename(study.data.path);
  const derived = study.derive.map((d) => d.name);
  const fileColumn = (name: string) => study.data.columns[name] ?? name;
  const numeric = new Map<string, string>();
  const need = (path: StudyPath, name: string, defined: readonly string[]) => {
    if (defined.includes(name)) return;
    const col = fileColumn(name);
    if (!available.includes(col)) {
      const suggestion = closestName(col, [...available, ...defined]);
      study.fail(path, messages.study.noColumn(col, data, suggestion));
    }
    numeric.set(name, col);
  };
  for (const [name, col] of Object.entries(study.data.columns)) {
    if (!available.includes(col))
      study.fail(
        ['data', 'columns', name],
        messages.study.noColumn(col, data, closestName(col, available)),
      );
  }
  study.derive.forEach((d, k) => {
    const earlier = derived.slice(0, k);
    for (const item of d.columns) {
      if (earlier.includes(item)) continue;
      const col = fileColumn(item);
      if (!available.includes(col)) {
        const suggestion = closestName(col, [...available, ...earlier]);
        study.fail(
          ['derive', k, 'formula'],
          messages.study.formulaMissing(d.formula, item, data, suggestion),
        );
      }
      numeric.set(item, col);
    }
  });
  for (const [path, name] of references(study)) need(path, name, derived);
  const text = new Map<string, string>();
  study.groups.forEach((g, k) => {
    if (!groupReadsText(g)) return;
    const path = ['groups', k, 'column'];
    // A derived variable is a number: its levels come from its numbers.
    if (derived.includes(g.column)) {
      if (g.levels !== 'from-data') study.fail(path, messages.study.derivedText(g.column));
      return;
    }
    const col = fileColumn(g.column);
    if (!available.includes(col))
      study.fail(path, messages.study.noColumn(col, data, closestName(col, available)));
    text.set(g.column, col);
  });
  let id: string | null = null;
  if (study.data.id !== null) {
    id = fileColumn(study.data.id);
    if (!available.includes(id))
      study.fail(['data', 'id'], messages.study.noColumn(id, data, closestName(id, available)));
  }
  let wave: string | null = null;
  if (study.data.wave !== null) {
    wave = fileColumn(study.data.wave);
    if (!available.includes(wave))
      study.fail(
        ['data', 'wave'],
        messages.study.noColumn(wave, data, closestName(wave, available)),
      );
  } else if (id !== null && available.includes(WAVE_COLUMN)) wave = WAVE_COLUMN;
  return { numeric, id, text, wave };
}

/** The wave column's name when a study does not name one (`povrisk simulate --waves` writes it). */
export const WAVE_COLUMN = 'wave';

/**
 * The study's variables from the columns read from its file: renamed to study names, with
 * the derived variables computed in order (missing where an item is missing). The id column,
 * if any, and the group columns read as text are the text columns, under their study names;
 * the file's value labels and other column information (`info`, from .dta/.sav files) follow
 * their columns to the study names.
 * @example const cols = studyData(study, plan, await readColumns(path, { numeric: [...plan.numeric.values()] }));
 */
export function studyData(study: Study, plan: StudyColumnPlan, file: ColumnData): ColumnData {
  const numeric = new Map<string, Float64Array>();
  for (const [name, col] of plan.numeric) numeric.set(name, file.numeric.get(col) as Float64Array);
  for (const d of study.derive) {
    numeric.set(
      d.name,
      evaluateFormula(d.node, (n) => numeric.get(n) as Float64Array, file.rows),
    );
  }
  const text = new Map<string, readonly (string | null)[]>();
  if (plan.id !== null && study.data.id !== null) {
    text.set(study.data.id, file.text.get(plan.id) as readonly (string | null)[]);
  }
  for (const [name, col] of plan.text)
    text.set(name, file.text.get(col) as readonly (string | null)[]);
  if (plan.wave !== null)
    text.set(
      study.data.wave ?? WAVE_COLUMN,
      file.text.get(plan.wave) as readonly (string | null)[],
    );
  // labels of a .dta/.sav file's columns, under their study names (levels: from-labels)
  const info = new Map<string, ColumnInfo>();
  for (const [name, col] of plan.numeric) {
    const i = file.info?.get(col);
    if (i) info.set(name, i);
  }
  return Object.freeze({
    path: file.path,
    rows: file.rows,
    numeric,
    text,
    info,
  });
}
