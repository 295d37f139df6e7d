import { localize, type Lang } from '../domain/localized.js';
import type { StudyGroup } from '../study/study-schema.js';

/** A group's levels over a sample: their labels and each household's level. */
export interface GroupLevels {
  readonly labels: readonly string[];
  /** The labels in English (to find the published row of the same name). */
  readonly english: readonly string[];
  /** Per row of the data: the level's index, MISSING_LEVEL or NO_LEVEL (only rows of `used`). */
  readonly level: Int32Array;
}

/** The level of a household whose value is missing. */
export const MISSING_LEVEL = -2;
/** The level of a household whose value is in no level. */
export const NO_LEVEL = -1;

/** The column of a group: numbers (NaN missing), text (null or blank missing), value labels. */
export interface GroupColumn {
  readonly numbers?: Float64Array;
  readonly text?: readonly (string | null)[];
  readonly valueLabels?: ReadonlyMap<number, string>;
}

const collator = new Intl.Collator('en', { numeric: true });

/**
 * The levels of a group over the households `used`, and each one's level. Listed levels
 * match text values exactly (blanks trimmed) and numbers by value (a text column's cell as a
 * number); a household goes to the first level that holds it. `from-data` makes one level
 * per distinct value, sorted (numerically when every value is a number), values held by
 * fewer than `min_count` households pooled into one `other` level; `from-labels` one level per
 * value label, in code order. `other` is the pooled level's label (default "Other").
 * @example groupLevels(group, { text: regions }, used, { lang: 'en' }).labels // ['North', 'South']
 */
export function groupLevels(
  group: StudyGroup,
  column: GroupColumn,
  used: readonly number[],
  options: { lang: Lang; other?: string },
): GroupLevels {
  const { numbers, text } = column;
  const rows = numbers?.length ?? text?.length ?? 0;
  const level = new Int32Array(rows).fill(NO_LEVEL);
  const isMissing = (i: number) =>
    text ? (text[i] ?? '').trim() === '' : Number.isNaN((numbers as Float64Array)[i]);
  const key = (i: number) => (text ? (text[i] as string).trim() : String(numbers?.[i]));
  const numberAt = (i: number) => (text ? Number(key(i)) : (numbers as Float64Array)[i]);
  const present = used.filter((i) => {
    if (!isMissing(i)) return true;
    level[i] = MISSING_LEVEL;
    return false;
  });
  if (group.levels === 'from-data') {
    const counts = new Map<string, number>();
    for (const i of present) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
    const numeric = [...counts.keys()].every((k) => Number.isFinite(Number(k)));
    const sorted = [...counts.keys()].sort((a, b) =>
      numeric ? Number(a) - Number(b) : collator.compare(a, b),
    );
    const min = group.min_count ?? 1;
    const kept = sorted.filter((k) => (counts.get(k) as number) >= min);
    const pooled = kept.length < sorted.length;
    const index = new Map(kept.map((k, j) => [k, j]));
    for (const i of present) level[i] = index.get(key(i)) ?? kept.length;
    const labels = Object.freeze([...kept, ...(pooled ? [options.other ?? 'Other'] : [])]);
    return Object.freeze({ labels, english: labels, level });
  }
  if (group.levels === 'from-labels') {
    const codes = [...(column.valueLabels ?? new Map<number, string>()).keys()].sort(
      (a, b) => a - b,
    );
    const index = new Map(codes.map((c, j) => [c, j]));
    for (const i of present) level[i] = index.get(numberAt(i)) ?? NO_LEVEL;
    const labels = Object.freeze(codes.map((c) => column.valueLabels?.get(c) as string));
    return Object.freeze({ labels, english: labels, level });
  }
  const levels = group.levels;
  for (const i of present) {
    const x = numberAt(i);
    const s = text ? key(i) : null;
    level[i] = levels.findIndex((l) =>
      l.values !== undefined
        ? l.values.some((v) => (typeof v === 'string' ? v === s : v === x))
        : (l.min === undefined || x >= l.min) && (l.max === undefined || x <= l.max),
    );
  }
  return Object.freeze({
    labels: Object.freeze(levels.map((l) => localize(l.label, options.lang) as string)),
    english: Object.freeze(levels.map((l) => localize(l.label, 'en') as string)),
    level,
  });
}
