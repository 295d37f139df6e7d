import { linearPredictor } from './linear-predictor.js';
import { wlsColumns, type WlsFit } from './wls.js';

/** Forms of the variance equation. */
export const VARIANCE_MODELS = ['linear', 'exponential'] as const;
export type VarianceModel = (typeof VARIANCE_MODELS)[number];

/** Harvey's correction −E[ln χ²₁] = γ + ln 2: E[ln e²] = ln σ² − 1.2703628454614782. */
export const HARVEY_CORRECTION = 1.2703628454614782;

/** A fitted variance equation of squared log-income residuals. */
export interface VarianceEquation {
  readonly model: VarianceModel;
  /** The final regression: of e² with weights w / s₁² (linear), or of ln e² with weights w (exponential). */
  readonly fit: WlsFit;
  /** θ over all design terms (0 for omitted terms). */
  readonly theta: Float64Array;
  readonly floor: number;
  /** Households of the sample whose first-step fitted variance Xθ₁ fell below the floor (linear). */
  readonly flooredFirstStep: number;
  /** Residuals exactly zero, whose ln e² was replaced by the smallest positive one (exponential). */
  readonly zeroResiduals: number;
}

/** Options of `varianceEquation`. Defaults: `model: 'linear'`, `floor: 1e-4`, no weights. */
export interface VarianceEquationOptions {
  readonly model?: VarianceModel;
  readonly floor?: number;
  readonly weights?: Float64Array | null;
  readonly terms?: readonly string[];
}

/**
 * Step 2 of the three-step FGLS (Amemiya 1977; Chaudhuri, Jalan & Suryahadi 2002), on the
 * regressor columns `xs` at the estimation sample's `rows` and first-step residuals e:
 * - `linear` (the paper's eq. 3): WLS of e² on X with weights w → θ₁; s₁ = max(Xθ₁, floor);
 *   then WLS of e² on X with weights w / s₁² → θ.
 * - `exponential`: WLS of ln e² on X with weights w → θ; σ² = exp(Xθ + 1.2703628454614782).
 * Predict σ² with `predictVariance`.
 * @example const eq = varianceEquation(xs, used, fit1.residuals, { model: 'linear', floor: 1e-4 });
 */
export function varianceEquation(
  xs: readonly Float64Array[],
  rows: Int32Array,
  residuals: Float64Array,
  options: VarianceEquationOptions = {},
): VarianceEquation {
  const model = options.model ?? 'linear';
  const floor = options.floor ?? 1e-4;
  const w = options.weights ?? null;
  const terms = options.terms;
  const n = residuals.length;
  const e2 = new Float64Array(n);
  for (let i = 0; i < n; i++) e2[i] = residuals[i] * residuals[i];
  if (model === 'linear') {
    const first = wlsColumns(xs, rows, e2, {
      weights: w,
      keep: 'fitted',
      ...(terms ? { terms } : {}),
    });
    const w2 = new Float64Array(n);
    let flooredFirstStep = 0;
    for (let i = 0; i < n; i++) {
      let s = first.fitted[i];
      if (!(s >= floor)) {
        s = floor;
        flooredFirstStep++;
      }
      w2[i] = (w ? w[i] : 1) / (s * s);
    }
    const fit = wlsColumns(xs, rows, e2, {
      weights: w2,
      keep: 'fitted',
      ...(terms ? { terms } : {}),
    });
    return Object.freeze({
      model,
      fit,
      theta: fit.full,
      floor,
      flooredFirstStep,
      zeroResiduals: 0,
    });
  }
  let smallest = Infinity;
  let zeroResiduals = 0;
  for (let i = 0; i < n; i++) {
    if (e2[i] > 0 && e2[i] < smallest) smallest = e2[i];
    if (e2[i] === 0) zeroResiduals++;
  }
  const le2 = new Float64Array(n);
  for (let i = 0; i < n; i++) le2[i] = Math.log(e2[i] > 0 ? e2[i] : smallest);
  const fit = wlsColumns(xs, rows, le2, {
    weights: w,
    keep: 'fitted',
    ...(terms ? { terms } : {}),
  });
  return Object.freeze({
    model,
    fit,
    theta: fit.full,
    floor,
    flooredFirstStep: 0,
    zeroResiduals,
  });
}

/** Fitted variances σ² of every row, and how many rows with all regressors hit the floor. */
export interface PredictedVariance {
  readonly sigma2: Float64Array;
  readonly floored: number;
}

/**
 * σ² = max(Xθ, floor) (linear) or exp(Xθ + Harvey's correction) (exponential) for each of
 * `rows` rows of the regressor columns; NaN where a regressor is missing. `options.xb`, Xθ
 * already computed for those rows (see `fitPredictor`), is used, and written over, instead.
 * Only the equation's model, θ and floor are read: a stored model scores a new wave with them.
 * @example predictVariance(eq, [hsize, age], hsize.length).sigma2
 */
export function predictVariance(
  eq: Pick<VarianceEquation, 'model' | 'theta' | 'floor'>,
  xs: readonly Float64Array[],
  rows: number,
  options: { xb?: Float64Array } = {},
): PredictedVariance {
  const sigma2 = options.xb ?? linearPredictor(xs, eq.theta, rows);
  let floored = 0;
  if (eq.model === 'linear') {
    for (let i = 0; i < rows; i++) {
      if (sigma2[i] < eq.floor) {
        sigma2[i] = eq.floor;
        floored++;
      }
    }
  } else {
    for (let i = 0; i < rows; i++) sigma2[i] = Math.exp(sigma2[i] + HARVEY_CORRECTION);
  }
  return Object.freeze({ sigma2, floored });
}
