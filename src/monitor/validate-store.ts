import type { ColumnData } from '../data/read.js';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { validateWarning, type Validation, type ValidateModel } from '../vep/validate.js';
import { SHOCK_NAMES } from './columns.js';
import { DEFAULT_RULES, lineForYear, vepLine, type Rules } from './rules.js';
import { monitoringLines } from './run.js';
import { waveColumns } from './score.js';
import type { Store } from './store.js';
import { rowsOf } from './sql.js';

/** Options of `validateStore`. Defaults: the built-in rules, cross-section, the latest line. */
export interface StoreValidateOptions {
  readonly rules?: Rules | undefined;
  readonly model?: ValidateModel | undefined;
  /** The line "falling back" is judged against; default the monitoring line of the latest wave's year. */
  readonly line?: number | undefined;
  readonly threshold?: number | undefined;
  readonly capacity?: number | undefined;
}

/**
 * `povrisk monitor validate`: `validateWarning` over the store's waves in import order (their
 * current observations), with the rules' VEP regressors, the outcome "per-capita income below
 * the line a wave later", and the rules themselves scored alongside (`high_vulnerability` with
 * its own line and threshold, `low_income` with each wave's monitoring line, `income_drop`,
 * `new_shock`). The model's v is computed at the outcome line.
 * @example await validateStore(store, { model: 'history' })
 */
export async function validateStore(
  store: Store,
  options: StoreValidateOptions = {},
): Promise<Validation> {
  const rules = options.rules ?? DEFAULT_RULES;
  const c = store.db;
  const waves = await rowsOf(c, 'SELECT wave, seq, year FROM waves ORDER BY seq');
  if (waves.length < 2)
    throw new UserError(
      messages.validate.oneWave(store.path, 'wave', String(waves[0]?.wave ?? '')),
    );
  const lines = await monitoringLines(c);
  const yearOf = new Map(
    waves.map((w) => [String(w.wave), w.year === null ? null : Number(w.year)]),
  );
  const latestLine = lineForYear(lines, yearOf.get(String(waves[waves.length - 1].wave))!);
  const line = options.line ?? latestLine;
  const names = [...new Set([rules.vep.income, ...rules.vep.x, ...SHOCK_NAMES])];
  const parts: { wave: string; ids: string[]; data: ColumnData }[] = [];
  for (const w of waves)
    parts.push({ wave: String(w.wave), ...(await waveColumns(c, String(w.wave), names)) });
  const rows = parts.reduce((s, p) => s + p.data.rows, 0);
  const numeric = new Map<string, Float64Array>();
  for (const name of names) {
    const col = new Float64Array(rows);
    let at = 0;
    for (const p of parts) {
      col.set(p.data.numeric.get(name)!, at);
      at += p.data.rows;
    }
    numeric.set(name, col);
  }
  const ids: string[] = [];
  const waveText: string[] = [];
  // Waves are ordered by import (seq): their position, zero-padded, orders them as text.
  parts.forEach((p, k) => {
    for (const id of p.ids) ids.push(id);
    for (let i = 0; i < p.data.rows; i++) waveText.push(String(k).padStart(6, '0'));
  });
  const data: ColumnData = {
    path: store.path,
    rows,
    numeric,
    text: new Map<string, readonly (string | null)[]>([
      ['household_id', ids],
      ['wave', waveText],
    ]),
  };
  const labelOf = (text: string) => parts[Number(text)].wave;
  const result = validateWarning(data, {
    id: 'household_id',
    wave: 'wave',
    income: rules.vep.income,
    x: rules.vep.x,
    line,
    model: options.model,
    // The rules' variance equation for their VEP; the history model keeps its own default.
    variance: options.model === 'history' ? undefined : rules.vep.variance,
    threshold: options.threshold,
    capacity: options.capacity,
    monitoring: {
      lowIncomeLine: rules.low_income.enabled
        ? (wave) => lineForYear(lines, yearOf.get(labelOf(wave)) ?? null)
        : undefined,
      incomeDropShare: rules.income_drop.enabled ? rules.income_drop.share : undefined,
      shockColumns: rules.new_shock.enabled ? rules.new_shock.flags : undefined,
      highVulnerability: rules.high_vulnerability.enabled
        ? // The rules' VEP at its own line, else the poverty line under the latest monitoring line.
          {
            threshold: rules.high_vulnerability.threshold,
            ...rules.vep,
            line: vepLine(rules, latestLine),
          }
        : undefined,
    },
  });
  return Object.freeze({
    ...result,
    pairs: Object.freeze(
      result.pairs.map((p) =>
        Object.freeze({
          ...p,
          from: labelOf(p.from),
          to: labelOf(p.to),
          note:
            p.note === null
              ? null
              : p.note.replaceAll(p.from, labelOf(p.from)).replaceAll(p.to, labelOf(p.to)),
        }),
      ),
    ),
  });
}
