import type { StoredModelView } from '../../domain/dashboard-answers.js';
import { rowsOf } from '../../monitor/sql.js';
import type { Store } from '../../monitor/store.js';

export type { StoredModelView } from '../../domain/dashboard-answers.js';

/**
 * The most recently stored model (the store holds models of all areas: they are fitted on
 * whole waves), or null before any run.
 * @example (await latestModel(store))?.coefficients.terms // ['(Intercept)', 'head_male', …]
 */
export async function latestModel(store: Store): Promise<StoredModelView | null> {
  const rows = await rowsOf(
    store.db,
    `SELECT m.model_id, m.wave, m.method, m.poverty_line, m.n_used, m.n_scored,
       CAST(m.recorded_at AS VARCHAR) AS fitted_at, CAST(m.spec AS VARCHAR) AS spec_json,
       CAST(m.coefficients AS VARCHAR) AS coefficients_json
     FROM models m ORDER BY m.model_id DESC LIMIT 1`,
  );
  if (rows.length === 0) return null;
  const { spec_json, coefficients_json, ...r } = rows[0];
  return Object.freeze({
    ...(r as unknown as Omit<StoredModelView, 'spec' | 'coefficients'>),
    spec: JSON.parse(String(spec_json)),
    coefficients: JSON.parse(String(coefficients_json)) as StoredModelView['coefficients'],
  });
}
