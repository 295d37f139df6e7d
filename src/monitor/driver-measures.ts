import { readConfig } from '../data/read-config.js';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import type { DriverTerm } from '../vep/drivers.js';
import { MEASURE_TYPES } from './measures.js';
import type { Suggestion } from '../domain/household-detail.js';

export type { Suggestion } from '../domain/household-detail.js';

/**
 * Kinds of help a driver can point to: the recordable measure types (帮扶措施), plus
 * `infrastructure` (roads, water, housing: village-level works, not a household measure).
 */
export const SUGGESTION_TYPES: readonly string[] = Object.freeze([
  ...MEASURE_TYPES,
  'infrastructure',
]);

/** Which kinds of help address a term when it lowers a household's expected income. */
export type DriverMeasures = Readonly<Record<string, readonly string[]>>;

/**
 * The built-in mapping from mean-equation terms (the data dictionary's names) to kinds of
 * help: a low wage share → employment; disability → health or social assistance; no
 * hardened road → infrastructure; no industrial support → industry; and so on.
 */
export const DEFAULT_DRIVER_MEASURES: DriverMeasures = Object.freeze({
  wage_share: ['employment', 'public_welfare_job'],
  able_to_work: ['employment', 'public_welfare_job'],
  disabled_count: ['health', 'social_assistance'],
  chronic_count: ['health', 'social_assistance'],
  hospitalized: ['health'],
  road_hardened: ['infrastructure'],
  industrial_support: ['industry'],
  subsistence_allowance: ['social_assistance'],
  head_education: ['education', 'employment'],
  motivation: ['industry', 'employment', 'microfinance'],
  debt: ['microfinance', 'social_assistance'],
  net_income: ['industry', 'employment'],
  family_size: ['employment', 'education'],
  head_male: ['social_assistance'],
  county_gdp_per_capita: ['industry', 'infrastructure'],
});

/**
 * Kinds of help for a household's `top` largest negative contributions to expected log
 * income (default 3), from `mapping` (default `DEFAULT_DRIVER_MEASURES`), in order of the
 * driver's size; terms without an entry suggest nothing.
 * @example suggestMeasures(drivers.mean.contributions) // [{ measure: 'employment', terms: ['wage_share'] }, …]
 */
export function suggestMeasures(
  contributions: readonly DriverTerm[],
  options: { mapping?: DriverMeasures; top?: number } = {},
): Suggestion[] {
  const mapping = options.mapping ?? DEFAULT_DRIVER_MEASURES;
  const negative = contributions
    .filter((c) => c.contribution < 0)
    .sort((a, b) => a.contribution - b.contribution)
    .slice(0, options.top ?? 3);
  const out = new Map<string, string[]>();
  for (const c of negative) {
    for (const m of mapping[c.term] ?? []) out.set(m, [...(out.get(m) ?? []), c.term]);
  }
  return [...out].map(([measure, terms]) =>
    Object.freeze({ measure, terms: Object.freeze(terms) }),
  );
}

/**
 * Validates a mapping read from a file: an object of term → list of kinds of help (each one
 * of `SUGGESTION_TYPES`). Throws a UserError naming the file and the entry.
 * @example driverMeasuresFrom({ wage_share: ['employment'] }, 'map.yaml')
 */
export function driverMeasuresFrom(input: unknown, path = 'mapping'): DriverMeasures {
  const bad = (detail: string): never => {
    throw new UserError(messages.driverMeasuresInvalid(path, detail));
  };
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return bad('expected an object of term: [measure types]');
  }
  const out: Record<string, readonly string[]> = {};
  for (const [term, list] of Object.entries(input)) {
    if (!Array.isArray(list)) return bad(`${term}: expected a list of measure types`);
    for (const m of list) {
      if (typeof m !== 'string' || !SUGGESTION_TYPES.includes(m)) {
        return bad(`${term}: '${String(m)}' is not one of ${SUGGESTION_TYPES.join(', ')}`);
      }
    }
    out[term] = Object.freeze([...(list as string[])]);
  }
  return Object.freeze(out);
}

/**
 * Reads a mapping file (`.json`, `.yaml`, `.yml`); see `driverMeasuresFrom`.
 * @example const mapping = await loadDriverMeasures('measures.yaml');
 */
export async function loadDriverMeasures(path: string): Promise<DriverMeasures> {
  const data = await readConfig(path, messages.driverMeasuresInvalid);
  return driverMeasuresFrom(data, path);
}
