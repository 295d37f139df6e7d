import type { OverviewAnswer, TrendRow, VillageFigures } from '../../domain/dashboard-answers.js';
import { bandSql, highBandSql } from '../../domain/bands.js';
import { rowsOf } from '../../monitor/sql.js';
import type { Store } from '../../monitor/store.js';
import { scopeSql, type Scope } from '../scope.js';

/** The overview page's figures, over the households of a scope. */
export type Overview = OverviewAnswer;

/**
 * Counts by band and category, the trend across waves and the figures by village, each
 * over the scope's households, each wave scored by its latest model.
 * @example (await overview(store, scope)).bands.high // 12
 */
export async function overview(store: Store, scope: Scope): Promise<Overview> {
  const c = store.db;
  const hh = `SELECT h.household_id, ar.county, ar.township, ar.village FROM households h
    JOIN areas ar ON ar.area_id = h.area_id WHERE ${scopeSql(scope)}`;
  const scored = `SELECT o.household_id, o.wave, o.per_capita_income, s.vulnerability AS v,
      hh.county, hh.township, hh.village
    FROM ${
      c.dialect === 'duckdb'
        ? `(SELECT household_id, wave, per_capita_income FROM observations
      QUALIFY version = max(version) OVER (PARTITION BY household_id, wave))`
        : '(SELECT household_id, wave, per_capita_income FROM current_observations)'
    } o
    JOIN hh ON hh.household_id = o.household_id
    LEFT JOIN (SELECT s.household_id, s.wave, s.vulnerability FROM risk_scores s
      JOIN (SELECT wave, max(model_id) AS model_id FROM models GROUP BY wave) m
        ON m.model_id = s.model_id) s ON s.household_id = o.household_id AND s.wave = o.wave`;
  const latest = await rowsOf(c, 'SELECT wave FROM waves ORDER BY seq DESC LIMIT 1');
  const wave = latest.length ? String(latest[0].wave) : null;
  const trend = await rowsOf(
    c,
    `WITH hh AS (${hh}), x AS (${scored}),
       al AS (SELECT a.wave, count(*) AS alerts FROM alerts a
         WHERE a.household_id IN (SELECT household_id FROM hh) GROUP BY a.wave),
       agg AS (SELECT wave, count(*) AS households, avg(v) AS mean_vulnerability,
         count(*) FILTER (WHERE ${highBandSql('v')}) AS high, avg(per_capita_income) AS mean_income
         FROM x GROUP BY wave)
     SELECT w.wave, coalesce(agg.households, 0) AS households, agg.mean_vulnerability,
       coalesce(agg.high, 0) AS high, agg.mean_income, coalesce(al.alerts, 0) AS alerts
     FROM waves w LEFT JOIN agg ON agg.wave = w.wave LEFT JOIN al ON al.wave = w.wave
     ORDER BY w.seq`,
  );
  const bands = { low: 0, medium: 0, high: 0, unscored: 0 };
  const villages: VillageFigures[] = [];
  if (wave !== null) {
    const w = `'${wave.replaceAll("'", "''")}'`;
    const byBand = await rowsOf(
      c,
      `WITH hh AS (${hh}), x AS (${scored}) SELECT ${bandSql('v')} AS band, count(*) AS n
       FROM x WHERE wave = ${w} GROUP BY 1`,
    );
    for (const r of byBand) bands[r.band as keyof typeof bands] = Number(r.n);
    villages.push(
      ...((await rowsOf(
        c,
        `WITH hh AS (${hh}), x AS (${scored} WHERE o.wave = ${w}),
           op AS (SELECT hh.county, hh.township, hh.village, count(*) AS alerts_open
             FROM alerts a JOIN cases k ON k.case_id = a.case_id
             JOIN hh ON hh.household_id = a.household_id
             WHERE k.status IN ('flagged', 'verified', 'monitored')
             GROUP BY hh.county, hh.township, hh.village),
           agg AS (SELECT hh.county, hh.township, hh.village,
             count(x.household_id) AS households, count(*) FILTER (WHERE ${highBandSql('x.v')}) AS high,
             avg(x.v) AS mean_vulnerability
             FROM hh LEFT JOIN (SELECT household_id, v FROM x) x ON x.household_id = hh.household_id
             GROUP BY hh.county, hh.township, hh.village)
         SELECT agg.*, coalesce(op.alerts_open, 0) AS alerts_open FROM agg
         LEFT JOIN op ON op.county = agg.county AND op.township = agg.township
           AND op.village = agg.village
         ORDER BY agg.county, agg.township, agg.village`,
      )) as unknown as VillageFigures[]),
    );
  }
  const categories = await rowsOf(
    c,
    `WITH hh AS (${hh}) SELECT category, count(*) AS n FROM cases k
     WHERE k.household_id IN (SELECT household_id FROM hh)
       AND k.status IN ('flagged', 'verified', 'monitored') GROUP BY category ORDER BY category`,
  );
  return Object.freeze({
    wave,
    bands,
    categories: categories.map((r) => ({ category: String(r.category), n: Number(r.n) })),
    trend: trend as unknown as TrendRow[],
    villages,
  });
}
