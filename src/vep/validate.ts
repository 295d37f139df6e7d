import type { ColumnData } from '../data/read.js';
import { UserError } from '../errors.js';
import { warn } from '../log.js';
import { messages } from '../messages.js';
import { auc } from './auc.js';
import { brier } from './brier.js';
import { calibration, type CalibrationBin } from './calibration.js';
import { HISTORY_VARIANCE, historyVep } from './history.js';
import { panelIndex } from './panel-index.js';
import { ruleOutcome, type RuleOutcome } from './rule-outcome.js';
import { topFlags } from './top-flags.js';
import type { VarianceModel } from './variance-equation.js';
import { estimateVep } from './vep.js';

export const VALIDATE_MODELS = ['cross-section', 'history'] as const;
export type ValidateModel = (typeof VALIDATE_MODELS)[number];

/** The monitoring rules to score alongside the model (each where the data have its columns). */
export interface MonitoringRuleSpec {
  /** `low_income`: income now below this wave's monitoring line. */
  readonly lowIncomeLine?: ((wave: string) => number) | undefined;
  /** `income_drop`: income fell by at least this share since the previous wave. */
  readonly incomeDropShare?: number | undefined;
  /** `new_shock`: one of these 0/1 columns is 1 now and was not in the previous wave. */
  readonly shockColumns?: readonly string[] | undefined;
  /** `high_vulnerability`: the rules' own VEP, fitted on wave t, v ≥ threshold. */
  readonly highVulnerability?:
    | {
        readonly threshold: number;
        readonly income: string;
        readonly x: readonly string[];
        readonly line: number;
        readonly variance: VarianceModel;
      }
    | undefined;
}

/**
 * Options of `validateWarning`. Defaults: cross-section, threshold 0.5, capacity 0.1, variance
 * linear for `cross-section` (as `povrisk vep`) and exponential for `history`.
 */
export interface ValidateOptions {
  /** Household id column (text). */
  readonly id: string;
  /** Wave column (text; ordered numerically when every value is a number). */
  readonly wave: string;
  readonly income: string;
  readonly x: readonly string[];
  readonly line: number;
  readonly model?: ValidateModel | undefined;
  /** Default: `linear` for `cross-section`, `exponential` for `history` (`HISTORY_VARIANCE`). */
  readonly variance?: VarianceModel | undefined;
  readonly weights?: string | undefined;
  readonly threshold?: number | undefined;
  readonly capacity?: number | undefined;
  readonly monitoring?: MonitoringRuleSpec | undefined;
}

/** How one wave's warning fared a wave later. */
export interface PairValidation {
  readonly from: string;
  readonly to: string;
  /** Households scored at `from` with an income at `to`. */
  readonly n: number;
  readonly nMissingOutcome: number;
  /** Households observed in both waves that could not be scored (a regressor or history missing). */
  readonly nNotScored: number;
  /** Why the pair has no scores (null when it has). */
  readonly note: string | null;
  readonly baseRate: number | null;
  readonly auc: number | null;
  readonly brier: number | null;
  /** The `poor_now` rule as a 0/1 score: its AUC and Brier score, to compare with the model's. */
  readonly poorNowAuc: number | null;
  readonly poorNowBrier: number | null;
  readonly calibration: readonly CalibrationBin[];
  readonly rules: readonly RuleOutcome[];
}

/**
 * What `povrisk validate --json` prints (each pair through `pairValidationJson`,
 * report/result-json.ts), plus the scores behind it (not printed).
 */
export interface Validation {
  readonly model: ValidateModel;
  /** The variance equation used (see `ValidateOptions.variance` for the defaults). */
  readonly variance: VarianceModel;
  readonly line: number;
  readonly threshold: number;
  readonly capacity: number;
  readonly pairs: readonly PairValidation[];
  /** Per pair, the scored households' ids, v and outcome (1 = below the line at `to`), for charts. */
  readonly scores: readonly {
    readonly ids: readonly string[];
    readonly v: Float64Array;
    readonly y: Uint8Array;
  }[];
}

const nullIfNaN = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** `Type.from(source, f)` as a plain loop (several times faster on a million rows). */
function mapTo<T extends Float64Array | Int32Array | Uint8Array>(
  Type: new (n: number) => T,
  source: ArrayLike<number>,
  f: (x: number) => number,
): T {
  const n = source.length;
  const out = new Type(n);
  for (let i = 0; i < n; i++) out[i] = f(source[i]);
  return out;
}

/**
 * Does the warning predict who falls below the line? For each pair of consecutive waves
 * (t, t+1) of a long panel (one row per household and wave): fits the model on wave t
 * (`cross-section`: `estimateVep`, exactly `povrisk vep`; `history`: `historyVep`, which needs
 * wave t−1 too), scores every household observed in both waves that has all regressors (and
 * for `history` a positive income at t or before: its permanent income), and compares with the outcome income_{t+1} < line.
 * Households without an income at t+1 are left out and counted. Reports AUC (Mann–Whitney,
 * `auc`), Brier score, a ten-bin calibration table and, per rule, flagged / caught / precision
 * / recall: `vep` (v ≥ threshold), `poor_now` (income_t < line), `top` (the ceil(capacity·n)
 * highest v, ties by id) and the monitoring rules given. Measures are unweighted household
 * counts; `weights` enter the fit only.
 * @example validateWarning(data, { id: 'household_id', wave: 'wave', income: 'inc', x: ['size'], line: 2563 })
 */
export function validateWarning(data: ColumnData, options: ValidateOptions): Validation {
  const model = options.model ?? 'cross-section';
  const threshold = options.threshold ?? 0.5;
  const capacity = options.capacity ?? 0.1;
  const text = (name: string) => {
    const c = data.text.get(name);
    if (!c) throw new UserError(messages.unknownColumn(data.path, name, [...data.text.keys()]));
    return c;
  };
  const num = (name: string) => {
    const c = data.numeric.get(name);
    if (!c) throw new UserError(messages.unknownColumn(data.path, name, [...data.numeric.keys()]));
    return c;
  };
  const panel = panelIndex(text(options.id), text(options.wave), {
    path: data.path,
    id: options.id,
    wave: options.wave,
  });
  const { waves, rowOf } = panel;
  const W = waves.length;
  if (W < 2)
    throw new UserError(messages.validate.oneWave(data.path, options.wave, waves[0] ?? ''));
  const H = panel.ids.length;
  const income = num(options.income);
  const m = options.monitoring ?? {};
  const hv = m.highVulnerability;
  const needed = new Set([
    options.income,
    ...options.x,
    ...(options.weights ? [options.weights] : []),
  ]);
  if (hv) for (const c of [hv.income, ...hv.x]) needed.add(c);
  for (const c of needed) num(c);
  const shocks = (m.shockColumns ?? []).map(num);

  const pairs: PairValidation[] = [];
  const scores: { ids: readonly string[]; v: Float64Array; y: Uint8Array }[] = [];
  for (let a = 0; a + 1 < W; a++) {
    const from = waves[a];
    const to = waves[a + 1];
    // Households of wave t, and the subset of the input's columns for them.
    const members: number[] = [];
    for (let h = 0; h < H; h++) if (rowOf[h * W + a] >= 0) members.push(h);
    const rowsT = mapTo(Int32Array, members, (h) => rowOf[h * W + a]);
    const gather = (col: Float64Array) => mapTo(Float64Array, rowsT, (r) => col[r]);
    const waveData: ColumnData = Object.freeze({
      path: `${data.path} (wave ${from})`,
      rows: rowsT.length,
      numeric: new Map([...needed].map((c) => [c, gather(num(c))])),
      text: new Map(),
    });
    const incomeAt = (h: number, w: number) => {
      const r = w >= 0 ? rowOf[h * W + w] : -1;
      return r >= 0 ? income[r] : NaN;
    };
    let v: Float64Array | null = null;
    let note: string | null = null;
    try {
      if (model === 'history') {
        if (a === 0) note = messages.validate.noHistory(from);
        else {
          const permanentUpTo = (h: number, w: number) => {
            let sum = 0;
            let count = 0;
            for (let s = 0; s <= w; s++) {
              const y = incomeAt(h, s);
              if (y > 0) {
                sum += Math.log(y);
                count++;
              }
            }
            return count > 0 ? sum / count : NaN;
          };
          v = historyVep(waveData, {
            income: options.income,
            x: options.x,
            line: options.line,
            weights: options.weights,
            variance: options.variance,
            pastPermanent: mapTo(Float64Array, members, (h) => permanentUpTo(h, a - 1)),
            permanent: mapTo(Float64Array, members, (h) => permanentUpTo(h, a)),
          }).vulnerability;
        }
      } else {
        v = estimateVep(waveData, {
          income: options.income,
          x: options.x,
          line: options.line,
          weights: options.weights,
          variance: options.variance,
        }).vulnerability;
      }
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      note = messages.validate.pairFailed(from, to, e.message);
    }
    if (note !== null) warn(note);
    let hvScores: Float64Array | null = null;
    if (hv) {
      try {
        hvScores = estimateVep(waveData, { ...hv, threshold: undefined }).vulnerability;
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
      }
    }
    // The scored households: in both waves, with a v, and with an income at t+1.
    const k: number[] = [];
    let missingOutcome = 0;
    let notScored = 0;
    for (let j = 0; j < members.length; j++) {
      const h = members[j];
      if (rowOf[h * W + a + 1] < 0) continue;
      if (v === null || Number.isNaN(v[j])) notScored++;
      else if (Number.isNaN(incomeAt(h, a + 1))) missingOutcome++;
      else k.push(j);
    }
    if (missingOutcome > 0) warn(messages.validate.missingOutcome(missingOutcome, from, to));
    const n = k.length;
    const vs = mapTo(Float64Array, k, (j) => v![j]);
    const y = mapTo(Uint8Array, k, (j) => (incomeAt(members[j], a + 1) < options.line ? 1 : 0));
    const ids = k.map((j) => panel.ids[members[j]]);
    const flag = (f: (j: number, h: number) => boolean) =>
      mapTo(Uint8Array, k, (j) => (f(j, members[j]) ? 1 : 0));
    const poorNow = flag((_, h) => incomeAt(h, a) < options.line);
    const poorNowScore = Float64Array.from(poorNow);
    const rules: RuleOutcome[] = [
      ruleOutcome(
        'vep',
        flag((j) => v![j] >= threshold),
        y,
      ),
      ruleOutcome('poor_now', poorNow, y),
      ruleOutcome('top', topFlags(vs, ids, { capacity }), y),
    ];
    if (hvScores) {
      const s = hvScores;
      rules.push(
        ruleOutcome(
          'high_vulnerability',
          flag((j) => s[j] >= hv!.threshold),
          y,
        ),
      );
    }
    if (m.lowIncomeLine) {
      const z = m.lowIncomeLine(from);
      rules.push(
        ruleOutcome(
          'low_income',
          flag((_, h) => incomeAt(h, a) < z),
          y,
        ),
      );
    }
    if (m.incomeDropShare !== undefined && a > 0) {
      const share = m.incomeDropShare;
      const drop = (h: number) => {
        const before = incomeAt(h, a - 1);
        return before > 0 && (before - incomeAt(h, a)) / before >= share;
      };
      rules.push(
        ruleOutcome(
          'income_drop',
          flag((_, h) => drop(h)),
          y,
        ),
      );
    }
    if (shocks.length > 0) {
      const isNew = (h: number) =>
        shocks.some((c) => {
          const now = rowOf[h * W + a];
          const before = a > 0 ? rowOf[h * W + a - 1] : -1;
          return c[now] === 1 && !(before >= 0 && c[before] === 1);
        });
      rules.push(
        ruleOutcome(
          'new_shock',
          flag((_, h) => isNew(h)),
          y,
        ),
      );
    }
    let events = 0;
    for (let i = 0; i < n; i++) events += y[i];
    pairs.push(
      Object.freeze({
        from,
        to,
        n,
        nMissingOutcome: missingOutcome,
        nNotScored: notScored,
        note,
        baseRate: n > 0 ? events / n : null,
        auc: nullIfNaN(auc(vs, y)),
        brier: nullIfNaN(brier(vs, y)),
        poorNowAuc: nullIfNaN(auc(poorNowScore, y)),
        poorNowBrier: nullIfNaN(brier(poorNowScore, y)),
        calibration: calibration(vs, y),
        rules: Object.freeze(rules),
      }),
    );
    scores.push(Object.freeze({ ids: Object.freeze(ids), v: vs, y }));
  }
  return Object.freeze({
    model,
    variance: options.variance ?? (model === 'history' ? HISTORY_VARIANCE : 'linear'),
    line: options.line,
    threshold,
    capacity,
    pairs: Object.freeze(pairs),
    scores: Object.freeze(scores),
  });
}
