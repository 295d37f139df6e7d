import { firstNumber, type Db } from './db.js';
import { optionError, UserError } from '../errors.js';
import { messages } from '../messages.js';
import { alertOutcomes, type AlertOutcome } from './alert-outcomes.js';
import { raiseAlerts } from './alerts.js';
import { logEvent } from './events.js';
import { DEFAULT_RULES, lineForYear, vepLine, type Rules } from './rules.js';
import { appendScores, applyWave, fitWave, type StoredModel } from './score.js';
import { inTransaction, type Store } from './store.js';
import { rowsOf, sqlString } from './sql.js';
import { today } from './wave-info.js';

/** Options of `runRules`. Defaults: the built-in rules; fit a new model on the wave. */
export interface RunOptions {
  readonly wave: string;
  readonly rules?: Rules | undefined;
  /** Apply this stored model (its id) instead of fitting one on the wave. */
  readonly model?: number | undefined;
}

/** What a run did. */
export interface RunResult {
  readonly wave: string;
  readonly previous_wave: string | null;
  readonly model_id: number;
  readonly method: 'fit' | 'apply';
  readonly households: number;
  readonly scored: number;
  readonly monitoring_line: number;
  /** New alerts by rule (alerts raised by an earlier run of the wave are not repeated). */
  readonly alerts: Readonly<Record<string, number>>;
  readonly cases_opened: number;
  /** How the previous wave's alerts fared: per rule, flagged, now below the line, precision, recall. */
  readonly previous_alerts: readonly AlertOutcome[];
}

/**
 * Scores a wave and raises alerts, in one transaction: fits the VEP model on the wave's
 * current observations (or applies a stored model), stores every household's μ, σ and v,
 * saves the rules' monitoring lines, and raises the alerts the rules imply (see
 * `raiseAlerts`). The previous wave is the one imported just before this one.
 * @example await runRules(store, { wave: '2022', rules: await loadRules('rules.yaml') })
 */
export async function runRules(store: Store, options: RunOptions): Promise<RunResult> {
  const rules = options.rules ?? DEFAULT_RULES;
  // PostgreSQL plans by its statistics, which autovacuum updates only some time after an
  // import: planned on stale ones ("wave 2 has no rows"), reading a fresh wave took minutes.
  if (store.db.dialect === 'postgres') await store.db.run('ANALYZE observations, households');
  return inTransaction(store, async (c) => {
    const waves = await rowsOf(
      c,
      'SELECT wave, seq, year, CAST(wave_date AS VARCHAR) AS d FROM waves ORDER BY seq',
    );
    const k = waves.findIndex((w) => w.wave === options.wave);
    if (k < 0)
      throw new UserError(
        messages.unknownWave(
          options.wave,
          waves.map((w) => String(w.wave)),
        ),
      );
    const wave = options.wave;
    const previousWave = k > 0 ? String(waves[k - 1].wave) : null;
    const year = waves[k].year === null ? null : Number(waves[k].year);
    const lines = await saveLines(c, store.user, rules.monitoring_lines);
    const line = lineForYear(lines, year);
    const stored = options.model === undefined ? null : await storedModel(c, options.model);
    const scores = stored
      ? await applyWave(c, wave, stored)
      : await fitWave(c, wave, { ...rules.vep, line: vepLine(rules, line) });
    const modelId = await firstNumber(c, "SELECT nextval('model_seq')");
    const model = scores.model;
    const scored = await appendScores(c, modelId, wave, scores);
    await c.run(
      `INSERT INTO models VALUES (${modelId}, ${sqlString(wave)}, '${stored ? 'apply' : 'fit'}',
         ${sqlString(JSON.stringify(model.spec))}::JSON,
         ${sqlString(JSON.stringify({ terms: model.terms, beta: model.beta, theta: model.theta, floor: model.floor }))}::JSON,
         ${model.spec.line}, ${scores.nUsed}, ${scored}, ${options.model ?? 'NULL'},
         ${sqlString(store.user)}, current_localtimestamp())`,
    );
    const raised = await raiseAlerts(c, store.user, rules, {
      wave,
      previousWave,
      year,
      line,
      modelId,
      openedOn: waves[k].d === null ? today() : String(waves[k].d),
    });
    const previousAlerts =
      previousWave === null ? [] : await alertOutcomes(c, { wave, previousWave, line });
    const result: RunResult = Object.freeze({
      wave,
      previous_wave: previousWave,
      model_id: modelId,
      method: stored ? 'apply' : 'fit',
      households: scores.householdIds.length,
      scored,
      monitoring_line: line,
      alerts: Object.freeze(raised.byRule),
      cases_opened: raised.casesOpened,
      previous_alerts: previousAlerts,
    });
    await logEvent(c, store.user, { action: 'run', entity: 'wave', entityId: wave, after: result });
    return result;
  });
}

async function saveLines(
  c: Db,
  user: string,
  lines: Readonly<Record<string, number>>,
): Promise<Record<string, number>> {
  const current = await monitoringLines(c);
  for (const [year, line] of Object.entries(lines)) {
    if (current[year] === line) continue;
    await c.run(`DELETE FROM monitoring_lines WHERE year = ${Number(year)}`);
    await c.run(`INSERT INTO monitoring_lines VALUES (${Number(year)}, ${line})`);
    await logEvent(c, user, {
      action: current[year] === undefined ? 'create' : 'update',
      entity: 'monitoring_line',
      entityId: year,
      before: current[year] === undefined ? null : { line: current[year] },
      after: { line },
    });
    current[year] = line;
  }
  return current;
}

/**
 * The store's monitoring lines by year.
 * @example await monitoringLines(store.db) // { '2021': 6000 }
 */
export async function monitoringLines(c: Db): Promise<Record<string, number>> {
  const rows = await rowsOf(c, 'SELECT year, line FROM monitoring_lines ORDER BY year');
  return Object.fromEntries(rows.map((r) => [String(r.year), Number(r.line)]));
}

async function storedModel(c: Db, id: number): Promise<StoredModel> {
  const rows = await rowsOf(
    c,
    `SELECT CAST(spec AS VARCHAR) AS spec, CAST(coefficients AS VARCHAR) AS coef FROM models WHERE model_id = ${id}`,
  );
  if (rows.length === 0) throw optionError.bad('model', String(id), 'the id of a stored model');
  const coef = JSON.parse(String(rows[0].coef));
  return Object.freeze({ spec: JSON.parse(String(rows[0].spec)), ...coef });
}
