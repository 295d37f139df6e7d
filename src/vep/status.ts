import { UserError } from '../errors.js';
import { messages } from '../messages.js';

/** Status codes of a household; a missing regressor j has code `STATUS.missingRegressor + j`. */
export const STATUS = Object.freeze({
  ok: 0,
  missingIncome: 1,
  nonPositiveIncome: 2,
  missingWeight: 3,
  zeroWeight: 4,
  missingRegressor: 8,
});

/** Which households can be used, and which can be scored. */
export interface VepSample {
  /** One code per input row (see `STATUS`); `ok` rows are the estimation sample. */
  readonly status: Uint16Array;
  /** 0-based input rows of the estimation sample, in input order. */
  readonly used: Int32Array;
  /** Rows with every regressor present: these get μ, σ and v, used or not. */
  readonly scored: number;
  /** Rows whose income is positive (whatever their other columns). */
  readonly positiveIncome: number;
}

/** Column names, for messages. */
export interface SampleNames {
  readonly path: string;
  readonly x: readonly string[];
  readonly weights?: string | undefined;
}

/**
 * Sorts households into the estimation sample and the rest. The first reason found names a
 * row: a missing regressor (in `x` order), then missing income, non-positive income, a missing
 * weight, a zero weight. A negative weight is an error naming its row.
 * @example vepSample(income, [hsize, age], null, { path: 'h.csv', x: ['hsize', 'age'] }).used
 */
export function vepSample(
  income: Float64Array,
  xs: readonly Float64Array[],
  weights: Float64Array | null,
  names: SampleNames,
): VepSample {
  const n = income.length;
  const status = new Uint16Array(n);
  let usedCount = 0;
  let scored = 0;
  let positiveIncome = 0;
  for (let i = 0; i < n; i++) {
    let code: number = STATUS.ok;
    for (let j = 0; j < xs.length; j++) {
      if (Number.isNaN(xs[j][i])) {
        code = STATUS.missingRegressor + j;
        break;
      }
    }
    const y = income[i];
    if (y > 0) positiveIncome++;
    if (code === STATUS.ok) {
      scored++;
      if (Number.isNaN(y)) code = STATUS.missingIncome;
      else if (!(y > 0)) code = STATUS.nonPositiveIncome;
    }
    if (weights) {
      const w = weights[i];
      if (w < 0)
        throw new UserError(
          messages.negativeWeight(names.path, names.weights ?? 'weights', i + 1, w),
        );
      if (code === STATUS.ok) {
        if (Number.isNaN(w)) code = STATUS.missingWeight;
        else if (w === 0) code = STATUS.zeroWeight;
      }
    }
    status[i] = code;
    if (code === STATUS.ok) usedCount++;
  }
  const used = new Int32Array(usedCount);
  for (let i = 0, r = 0; i < n; i++) if (status[i] === STATUS.ok) used[r++] = i;
  return Object.freeze({ status, used, scored, positiveIncome });
}

/**
 * The words a status code stands for, as written in the `status` column.
 * @example statusLabel(STATUS.missingRegressor + 1, { x: ['hsize', 'age'] }) // 'missing age'
 */
export function statusLabel(
  code: number,
  names: { x: readonly string[]; weights?: string | undefined },
): string {
  switch (code) {
    case STATUS.ok:
      return 'ok';
    case STATUS.missingIncome:
      return 'missing income';
    case STATUS.nonPositiveIncome:
      return 'non-positive income';
    case STATUS.missingWeight:
      return `missing ${names.weights ?? 'weight'}`;
    case STATUS.zeroWeight:
      return 'zero weight';
    default:
      return `missing ${names.x[code - STATUS.missingRegressor]}`;
  }
}
