import type { MetaAnswer, VillageRef } from '../../domain/dashboard-answers.js';
import { RISK_BANDS } from '../../domain/bands.js';
import { CATEGORY_NAMES } from '../../domain/categories.js';
import { LABELS } from '../../domain/labels.js';
import { FOUND_BY, PROCEDURE_STEPS, STEP_RESULTS } from '../../domain/procedure.js';
import { CASE_STATUSES } from '../../monitor/case-status.js';
import { MEASURE_TYPES } from '../../monitor/measures.js';
import { rowsOf } from '../../monitor/sql.js';
import type { Store } from '../../monitor/store.js';
import { scopeSql, type Scope } from '../scope.js';

/**
 * What the dashboard's filters and forms offer: the waves (oldest first), the villages of
 * the scope, the rules that raised alerts, and the domain's constants (`src/domain/`: measure
 * types, case statuses, categories, procedure steps, how a case is found, step results, the
 * bands with their edge rule, and the Chinese and English labels).
 * @example (await meta(store, scope)).villages[0] // { county: 'Xide', township: 'Xide T1', village: 'V01' }
 */
export async function meta(store: Store, scope: Scope): Promise<MetaAnswer> {
  const c = store.db;
  const waves = await rowsOf(
    c,
    'SELECT wave, CAST(wave_date AS VARCHAR) AS date FROM waves ORDER BY seq',
  );
  const villages = await rowsOf(
    c,
    `SELECT county, township, village FROM areas ar WHERE level = 'village' AND ${scopeSql(scope)}
     ORDER BY county, township, village`,
  );
  const rules = await rowsOf(c, 'SELECT DISTINCT rule FROM alerts ORDER BY rule');
  return Object.freeze({
    waves: waves as unknown as MetaAnswer['waves'],
    villages: villages as unknown as VillageRef[],
    rules: rules.map((r) => String(r.rule)),
    measure_types: MEASURE_TYPES,
    statuses: CASE_STATUSES,
    categories: CATEGORY_NAMES,
    steps: PROCEDURE_STEPS,
    found_by: FOUND_BY,
    step_results: STEP_RESULTS,
    bands: {
      ...RISK_BANDS,
      rule: `low < ${RISK_BANDS.low} <= medium <= ${RISK_BANDS.high} < high`,
    },
    labels: LABELS,
  });
}
