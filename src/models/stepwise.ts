import { modelFrame } from '../data/model-frame.js';
import type { ColumnData } from '../data/read.js';
import type { Matrix } from '../linalg/matrix.js';
import { regress, type Regression } from './regress.js';
import type { VceType } from './vcov.js';

/** One fitted model of a sequence: its label, regressors and the regression. */
export interface FittedModel {
  readonly label: string;
  readonly x: readonly string[];
  readonly result: Regression;
}

/**
 * The configured sequence of models (the paper's Table 4: the full model, then nested ones),
 * each an OLS of `y` on its own regressors, on its own complete rows, with the chosen
 * covariance (default `hc1`, Stata's `robust`).
 * @example nestedModels(data, { y: 'vulnerability', models: [{ label: '(1)', x: ['road'] }] })
 */
export function nestedModels(
  data: ColumnData,
  options: {
    y: string;
    models: readonly { label: string; x: readonly string[] }[];
    vce?: VceType;
  },
): FittedModel[] {
  return options.models.map((m) =>
    Object.freeze({
      label: m.label,
      x: m.x,
      result: regress(modelFrame(data, { y: options.y, x: m.x }), { vce: options.vce ?? 'hc1' })
        .result,
    }),
  );
}

/** Options of `stepwise`: at least one of `pr` and `pe`. */
export interface StepwiseOptions {
  readonly y: string;
  /** Candidate terms, in order (ties go to the earlier one). */
  readonly x: readonly string[];
  /** Removal level: a term with p ≥ pr leaves the model. */
  readonly pr?: number;
  /** Entry level: a term with p < pe enters the model. */
  readonly pe?: number;
  /** With both levels: forward stepwise instead of backward stepwise. Default false. */
  readonly forward?: boolean;
  /** Covariance for the p-values; default `hc1` (Stata's `robust`). */
  readonly vce?: VceType;
}

/** One step: a term added or removed, with the p-value that decided it. */
export interface StepwiseStep {
  readonly action: 'add' | 'remove';
  readonly term: string;
  readonly pValue: number;
}

/** The selection: the method, the steps in order, the selected terms and the final model. */
export interface StepwiseResult {
  readonly method:
    'backward selection' | 'forward selection' | 'backward stepwise' | 'forward stepwise';
  readonly pr: number | null;
  readonly pe: number | null;
  readonly candidates: readonly string[];
  readonly selected: readonly string[];
  readonly steps: readonly StepwiseStep[];
  readonly result: Regression;
}

/**
 * Automatic selection with Stata's `stepwise` semantics, for OLS with Wald (t) tests using the
 * chosen covariance, every model on the same rows (complete in y and all candidates):
 * - `pr` only, backward selection: fit the full model; while the least significant term has
 *   p ≥ pr, remove it and refit;
 * - `pe` only, forward selection: start from the constant; while the most significant excluded
 *   term (each tried in turn) has p < pe, add it and refit;
 * - both, backward stepwise: backward steps, and after each removal add back the most
 *   significant excluded term if p < pe;
 * - both with `forward`, forward stepwise: forward steps, and after each addition remove the
 *   least significant term if p ≥ pr.
 * A collinear candidate (omitted by the QR) counts as p = 1.
 * @example stepwise(data, { y: 'vulnerability', x: ['road', 'motivation'], pr: 0.1 }).selected
 */
export function stepwise(data: ColumnData, options: StepwiseOptions): StepwiseResult {
  const { y, x: candidates, pr, pe } = options;
  const vce = options.vce ?? 'hc1';
  if (pr === undefined && pe === undefined) throw new RangeError('stepwise: give pr, pe or both');
  const sample = completeRows(data, [y, ...candidates]);
  const fit = (terms: readonly string[]) => {
    const frame = modelFrame(sample, { y, x: terms });
    // With no regressors the design is the constant alone (fromColumns cannot size it).
    const X = terms.length > 0 ? frame.X : constant(frame.y.length);
    return regress({ ...frame, X }, { vce }).result;
  };
  const pOf = (r: Regression, term: string) =>
    r.coefficients.find((c) => c.term === term)?.pValue ?? 1;
  const steps: StepwiseStep[] = [];
  const forward = pr === undefined || (pe !== undefined && (options.forward ?? false));
  let included: string[] = forward ? [] : [...candidates];
  let current = fit(included);

  /** Removes the least significant term if p ≥ pr; true when it did. */
  const removeStep = (): boolean => {
    if (pr === undefined || included.length === 0) return false;
    let worst = -1;
    let worstP = -Infinity;
    included.forEach((t, j) => {
      const p = Number.isNaN(pOf(current, t)) ? 1 : pOf(current, t);
      if (p > worstP) [worst, worstP] = [j, p];
    });
    if (worstP < pr) return false;
    steps.push(Object.freeze({ action: 'remove', term: included[worst], pValue: worstP }));
    included = included.filter((_, j) => j !== worst);
    current = fit(included);
    return true;
  };
  /** Adds the most significant excluded term if p < pe; true when it did. */
  const addStep = (): boolean => {
    if (pe === undefined) return false;
    let best: string | null = null;
    let bestP = Infinity;
    let bestFit: Regression | null = null;
    for (const t of candidates) {
      if (included.includes(t)) continue;
      const r = fit([...ordered(candidates, [...included, t])]);
      const p = pOf(r, t);
      if (p < bestP) [best, bestP, bestFit] = [t, p, r];
    }
    if (best === null || !(bestP < pe)) return false;
    steps.push(Object.freeze({ action: 'add', term: best, pValue: bestP }));
    included = ordered(candidates, [...included, best]);
    current = bestFit as Regression;
    return true;
  };

  const limit = 4 * candidates.length + 4;
  for (let iteration = 0; iteration < limit; iteration++) {
    const moved = forward ? addStep() : removeStep();
    if (!moved) break;
    if (pr !== undefined && pe !== undefined) {
      if (forward) removeStep();
      else addStep();
    }
  }
  const method =
    pr !== undefined && pe !== undefined
      ? forward
        ? 'forward stepwise'
        : 'backward stepwise'
      : forward
        ? 'forward selection'
        : 'backward selection';
  return Object.freeze({
    method,
    pr: pr ?? null,
    pe: pe ?? null,
    candidates: Object.freeze([...candidates]),
    selected: Object.freeze([...included]),
    steps: Object.freeze(steps),
    result: current,
  });
}

function constant(n: number): Matrix {
  return { rows: n, cols: 1, data: new Float64Array(n).fill(1) };
}

/** `terms` in the order of `candidates`, so a model's columns never depend on the path to it. */
function ordered(candidates: readonly string[], terms: readonly string[]): string[] {
  return candidates.filter((c) => terms.includes(c));
}

/** The rows of `data` with every named column present (Stata's estimation sample for stepwise). */
function completeRows(data: ColumnData, names: readonly string[]): ColumnData {
  const cols = names.map((n) => data.numeric.get(n));
  const keep: number[] = [];
  for (let i = 0; i < data.rows; i++) {
    if (cols.every((c) => c === undefined || !Number.isNaN(c[i]))) keep.push(i);
  }
  if (keep.length === data.rows) return data;
  const numeric = new Map<string, Float64Array>();
  for (const n of names) {
    const c = data.numeric.get(n);
    if (c)
      numeric.set(
        n,
        Float64Array.from(keep, (i) => c[i]),
      );
  }
  return Object.freeze({ path: data.path, rows: keep.length, numeric, text: new Map() });
}
