import { writeFileSync } from 'node:fs';
import { OBSERVATION_NAMES, SHOCK_NAMES } from '../../src/monitor/columns.js';

/** A seeded uniform generator (mulberry32), so fixtures are the same on every machine. */
export function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Row = Record<string, string | number>;

const VILLAGES = [
  ['Xide', 'Xide T1', 'V01'],
  ['Xide', 'Xide T2', 'V03'],
  ['Muli', 'Muli T7', 'V12'],
  ['Yanyuan', 'Yanyuan T4', 'V07'],
];

/**
 * A small panel shaped like the project's data dictionary: `waves` waves of `households`
 * households, log income linear in the VEP regressors with heteroskedastic noise, and random
 * shock flags. Columns: household_id, county, township, village, wave, then every
 * observation column.
 */
export function panel(options: {
  households: number;
  waves: number;
  seed: number;
  labels?: readonly string[];
}): Row[][] {
  const u = uniform(options.seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  const out: Row[][] = [];
  const base = Array.from({ length: options.households }, (_, i) => {
    const [county, township, village] = VILLAGES[i % VILLAGES.length];
    return {
      household_id: `H${String(i + 1).padStart(5, '0')}`,
      county,
      township,
      village,
      head_male: u() < 0.9 ? 1 : 0,
      family_size: 1 + Math.floor(u() * 7),
      debt: Math.round(u() * 60000),
      able_to_work: Math.floor(u() * 4),
      level: normal(),
    };
  });
  for (let w = 1; w <= options.waves; w++) {
    out.push(
      base.map((h) => {
        const net = Math.round(20000 + 15000 * u());
        const sd = 0.2 + 0.08 * h.family_size;
        const lny =
          9.3 +
          0.1 * h.head_male -
          0.08 * h.family_size -
          3e-6 * h.debt +
          1e-5 * net +
          0.3 * h.level +
          sd * normal();
        const row: Row = {
          household_id: h.household_id,
          county: h.county,
          township: h.township,
          village: h.village,
          wave: options.labels?.[w - 1] ?? w,
          per_capita_income: Math.round(Math.exp(lny) * 100) / 100,
          able_to_work: h.able_to_work,
          head_male: h.head_male,
          family_size: h.family_size,
          debt: h.debt,
          net_income: net,
          subsistence_allowance: Math.floor(u() * 3),
          industrial_support: u() < 0.8 ? 1 : 0,
          road_hardened: u() < 0.9 ? 1 : 0,
          county_gdp_per_capita: 19675,
          motivation: Math.floor(u() * 8) / 2,
          head_ethnicity: Math.floor(u() * 3),
          disabled_count: u() < 0.13 ? 1 : 0,
          hospitalized: u() < 0.22 ? 1 : 0,
          chronic_count: u() < 0.05 ? 1 : 0,
          wage_share: Math.round(u() * 100) / 100,
          head_education: 1 + Math.floor(u() * 2),
        };
        for (const s of SHOCK_NAMES) row[s] = u() < 0.08 ? 1 : 0;
        return row;
      }),
    );
  }
  return out;
}

/** Column order of fixture files. */
export const FIXTURE_COLUMNS = [
  'household_id',
  'county',
  'township',
  'village',
  'wave',
  ...OBSERVATION_NAMES,
];

/** Writes rows as CSV (no quoting needed for fixture values). */
export function writeCsv(
  path: string,
  rows: readonly Row[],
  columns: readonly string[] = FIXTURE_COLUMNS,
): void {
  const lines = [
    columns.join(','),
    ...rows.map((r) => columns.map((c) => String(r[c] ?? '')).join(',')),
  ];
  writeFileSync(path, `${lines.join('\n')}\n`);
}
