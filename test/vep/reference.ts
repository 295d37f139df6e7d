import { readFileSync } from 'node:fs';
import type { Table2Row } from '../../src/vep/vulnerability-tally.js';

/** One fit of the R reference (test/fixtures/r/vep.R). */
export interface RefFit {
  variance: 'linear' | 'exponential';
  weighted: boolean;
  line: number;
  threshold: number;
  n_used: number;
  excluded: { row: number[] | number; status: string[] | string };
  floored: number;
  floored_first_step: number;
  mean_equation: RefTidy;
  variance_equation: RefTidy;
  headcount_ratio: number;
  vulnerability_rate: number;
  mean_vulnerability: number;
  sd_vulnerability: number;
  overall: Omit<Table2Row, 'group'>;
  by: { column: string; rows: Table2Row[] }[];
  vulnerability: (number | null)[];
  mean_log_income: (number | null)[];
  sd_log_income: (number | null)[];
}

export interface RefTidy {
  term: string[];
  estimate: number[];
  std_error: number[];
  statistic: number[];
  p_value: number[];
}

/** A reference file: the data it used and its fits by key (e.g. `linear-weighted`). */
export interface Reference {
  data: string;
  income: string;
  x: string[];
  weights?: string;
  id: string;
  by?: string[];
  line: number;
  fits: Record<string, RefFit>;
}

/** Loads test/fixtures/ref/NAME.json. */
export function loadReference(name: string): Reference {
  const url = new URL(`../fixtures/ref/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Reference;
}

/** Path of a fixture data file, from the repository root. */
export const fixturePath = (relative: string): string =>
  new URL(`../../${relative}`, import.meta.url).pathname;

/** R writes NA as null; as numbers, missing is NaN. */
export const orNaN = (xs: readonly (number | null)[]): number[] =>
  xs.map((x) => (x === null ? NaN : x));

/** jsonlite unboxes length-one arrays: make them arrays again. */
export const asArray = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);
