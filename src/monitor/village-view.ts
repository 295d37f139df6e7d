import { quoteIdent } from '../data/source.js';
import { bandSql } from '../domain/bands.js';
import { INDICATOR_LABELS } from '../domain/indicator-groups.js';
import { DEFAULT_DRIVER_MEASURES, type DriverMeasures } from './driver-measures.js';
import type { AreaFilter } from './list-alerts.js';
import type { VepSpec } from './rules.js';
import { rowsOf, sqlString } from './sql.js';
import type { Store } from './store.js';
import type { VillageView } from '../domain/case-rows.js';

export type { VillageDriver, VillageRow, VillageView } from '../domain/case-rows.js';

/** Options of `villageView`. Defaults: vulnerable when v ≥ 0.5; the built-in mapping. */
export interface VillageViewOptions {
  readonly threshold?: number | undefined;
  readonly mapping?: DriverMeasures | undefined;
}

function areaWhere(area: AreaFilter): string {
  const parts = (['county', 'township', 'village'] as const).flatMap((k) =>
    area[k] === undefined ? [] : [`ar.${k} = ${sqlString(area[k])}`],
  );
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

/**
 * For each village of an area, in the store's latest wave (scored by its latest model):
 * households by vulnerability band, open cases by category, and, among its vulnerable
 * households, how often each term is the household's largest negative driver of expected
 * income (βⱼ(xⱼ − x̄ⱼ), x̄ the wave's mean as in `householdDrivers`), most common first. A
 * term common in a village points to village-level help (a road, an industry) rather than
 * case-by-case assistance.
 * @example (await villageView(store, { township: 'Xide T1' })).villages[0].drivers[0].term // 'road_hardened'
 */
export async function villageView(
  store: Pick<Store, 'db'>,
  area: AreaFilter = {},
  options: VillageViewOptions = {},
): Promise<VillageView> {
  const c = store.db;
  const threshold = options.threshold ?? 0.5;
  const mapping = options.mapping ?? DEFAULT_DRIVER_MEASURES;
  const hh = `SELECT h.household_id, ar.county, ar.township, ar.village FROM households h
    JOIN areas ar ON ar.area_id = h.area_id WHERE ${areaWhere(area)}`;
  const [latest] = await rowsOf(
    c,
    `SELECT w.wave, (SELECT max(model_id) FROM models m WHERE m.wave = w.wave) AS model_id,
       (SELECT CAST(coefficients AS VARCHAR) FROM models m WHERE m.wave = w.wave
         ORDER BY model_id DESC LIMIT 1) AS coef,
       (SELECT CAST(spec AS VARCHAR) FROM models m WHERE m.wave = w.wave
         ORDER BY model_id DESC LIMIT 1) AS spec
     FROM waves w ORDER BY w.seq DESC LIMIT 1`,
  );
  const wave = latest ? String(latest.wave) : null;
  const modelId = latest?.model_id === null || !latest ? null : Number(latest.model_id);
  const w = wave === null ? 'NULL' : sqlString(wave);
  const base = await rowsOf(
    c,
    `WITH hh AS (${hh}),
       sc AS (SELECT household_id, vulnerability AS v FROM risk_scores
         WHERE model_id = ${modelId ?? 'NULL'}),
       ob AS (SELECT household_id FROM current_observations WHERE wave = ${w}),
       b AS (SELECT hh.county, hh.township, hh.village,
         count(*) FILTER (WHERE ob.household_id IS NOT NULL) AS households,
         count(*) FILTER (WHERE ${bandSql('sc.v')} = 'low') AS low,
         count(*) FILTER (WHERE ${bandSql('sc.v')} = 'medium') AS medium,
         count(*) FILTER (WHERE ${bandSql('sc.v')} = 'high') AS high,
         count(*) FILTER (WHERE ob.household_id IS NOT NULL AND sc.v IS NULL) AS unscored,
         count(*) FILTER (WHERE sc.v >= ${threshold}) AS vulnerable
         FROM hh LEFT JOIN ob ON ob.household_id = hh.household_id
         LEFT JOIN sc ON sc.household_id = hh.household_id GROUP BY hh.county, hh.township, hh.village)
     SELECT * FROM b ORDER BY county, township, village`,
  );
  const cases = await rowsOf(
    c,
    `WITH hh AS (${hh}) SELECT hh.county, hh.township, hh.village, k.category, count(*) AS n
     FROM cases k JOIN hh ON hh.household_id = k.household_id
     WHERE k.status IN ('flagged', 'verified', 'monitored')
     GROUP BY hh.county, hh.township, hh.village, k.category`,
  );
  const drivers = latest?.spec ? await driverCounts(store, hh, latest, threshold) : [];
  const key = (r: Record<string, unknown>) => `${r.county}\u0000${r.township}\u0000${r.village}`;
  return Object.freeze({
    wave,
    model_id: modelId,
    threshold,
    villages: base.map((r) => {
      const open: Record<string, number> = {};
      for (const k of cases.filter((x) => key(x) === key(r)))
        open[String(k.category)] = Number(k.n);
      return Object.freeze({
        county: String(r.county),
        township: String(r.township),
        village: String(r.village),
        households: Number(r.households),
        bands: Object.freeze({
          low: Number(r.low),
          medium: Number(r.medium),
          high: Number(r.high),
          unscored: Number(r.unscored),
        }),
        open_cases: Object.freeze(open),
        vulnerable: Number(r.vulnerable),
        drivers: Object.freeze(
          drivers
            .filter((d) => key(d) === key(r))
            .map((d) => {
              const term = String(d.term);
              return Object.freeze({
                term,
                en: INDICATOR_LABELS[term]?.en ?? term,
                zh: INDICATOR_LABELS[term]?.zh ?? term,
                households: Number(d.n),
                measures: Object.freeze([...(mapping[term] ?? [])]),
              });
            }),
        ),
      });
    }),
  });
}

/** Per village and term: vulnerable households whose largest negative driver is the term. */
async function driverCounts(
  store: Pick<Store, 'db'>,
  hh: string,
  latest: Record<string, unknown>,
  threshold: number,
): Promise<Record<string, unknown>[]> {
  const spec = JSON.parse(String(latest.spec)) as VepSpec;
  const { beta } = JSON.parse(String(latest.coef)) as { beta: number[] };
  const w = sqlString(String(latest.wave));
  const x = spec.x.map(quoteIdent);
  const means = `SELECT ${x.map((q, j) => `avg(CAST(${q} AS DOUBLE)) AS m${j}`).join(', ')}
    FROM current_observations WHERE wave = ${w} AND ${quoteIdent(spec.income)} > 0
      AND ${x.map((q) => `${q} IS NOT NULL`).join(' AND ')}`;
  const terms = spec.x
    .map((t, j) => `{term: ${sqlString(t)}, c: ${beta[j + 1]} * (o.${x[j]} - mm.m${j})}`)
    .join(', ');
  if (store.db.dialect === 'postgres') {
    const values = spec.x
      .map((t, j) => `(${sqlString(t)}, ${beta[j + 1]} * (o.${x[j]} - mm.m${j}))`)
      .join(', ');
    return rowsOf(
      store.db,
      `WITH hh AS (${hh}), mm AS (${means}),
         d AS (SELECT hh.county, hh.township, hh.village, o.household_id, d.term, d.c
           FROM current_observations o JOIN hh ON hh.household_id = o.household_id
           JOIN risk_scores s ON s.household_id = o.household_id AND s.model_id = ${Number(latest.model_id)}
           CROSS JOIN mm CROSS JOIN LATERAL (VALUES ${values}) d (term, c)
           WHERE o.wave = ${w} AND s.vulnerability >= ${threshold}),
         top AS (SELECT county, township, village, household_id,
           (array_agg(term ORDER BY c))[1] AS term, min(c) AS c
           FROM d GROUP BY county, township, village, household_id)
       SELECT county, township, village, term, count(*) AS n FROM top WHERE c < 0
       GROUP BY county, township, village, term ORDER BY county, township, village, n DESC, term`,
    );
  }
  return rowsOf(
    store.db,
    `WITH hh AS (${hh}), mm AS (${means}),
       d AS (SELECT hh.county, hh.township, hh.village, o.household_id, unnest([${terms}]) AS d
         FROM current_observations o JOIN hh ON hh.household_id = o.household_id
         JOIN risk_scores s ON s.household_id = o.household_id AND s.model_id = ${Number(latest.model_id)}
         CROSS JOIN mm WHERE o.wave = ${w} AND s.vulnerability >= ${threshold}),
       top AS (SELECT county, township, village, household_id, arg_min(d.term, d.c) AS term,
         min(d.c) AS c FROM d GROUP BY ALL)
     SELECT county, township, village, term, count(*) AS n FROM top WHERE c < 0
     GROUP BY ALL ORDER BY county, township, village, n DESC, term`,
  );
}
