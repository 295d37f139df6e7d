import { fromColumns } from '../../src/linalg/matrix.js';
import { ols } from '../../src/models/ols.js';
import { normalCdf } from '../../src/stats/distributions.js';

/** Table 2 style summary of vulnerabilities: mean, SD and the shares < 0.3, 0.3–0.6, > 0.6. */
export interface BandSummary {
  readonly mean: number;
  readonly sd: number;
  readonly below: number;
  readonly middle: number;
  readonly above: number;
}

/**
 * The paper's three-step FGLS vulnerability, written out independently of src/vep for the
 * simulation's calibration check: (1) OLS of ln y on X → residuals e; (2) linear variance
 * equation: regress e² on X → s₁ = max(Xθ₁, 1e-4), re-regress e² on X with weights 1/s₁² →
 * σ² = max(Xθ₂, 1e-4); (3) FGLS of ln y on X with weights 1/σ² → μ; v = Φ((ln z − μ)/σ).
 * @example quickVep(lnY, [male, size, debt, net], Math.log(2563))
 */
export function quickVep(
  lnY: Float64Array,
  regressors: readonly Float64Array[],
  lnLine: number,
): Float64Array {
  const X = fromColumns(regressors, { intercept: 'first' });
  const n = lnY.length;
  const predict = (coef: Float64Array, columns: Int32Array): Float64Array => {
    const out = new Float64Array(n);
    for (let c = 0; c < columns.length; c++) {
      const off = columns[c] * n;
      for (let i = 0; i < n; i++) out[i] += X.data[off + i] * coef[c];
    }
    return out;
  };
  const step1 = ols(X, lnY);
  const e2 = step1.residuals.map((e) => e * e);
  const t1 = ols(X, e2);
  const s1 = predict(t1.coefficients, t1.columns).map((s) => Math.max(s, 1e-4));
  const t2 = ols(X, e2, { weights: s1.map((s) => 1 / (s * s)) });
  const sigma2 = predict(t2.coefficients, t2.columns).map((s) => Math.max(s, 1e-4));
  const step3 = ols(X, lnY, { weights: sigma2.map((s) => 1 / s) });
  const mu = predict(step3.coefficients, step3.columns);
  return mu.map((m, i) => normalCdf((lnLine - m) / Math.sqrt(sigma2[i])));
}

/**
 * Mean, SD (n − 1) and band shares of vulnerabilities, with Table 2's limits (0.3 and 0.6 inclusive in the middle band).
 * @example bandSummary(v).above
 */
export function bandSummary(v: Float64Array): BandSummary {
  const n = v.length;
  let s = 0;
  let below = 0;
  let above = 0;
  for (const x of v) {
    s += x;
    if (x < 0.3) below++;
    else if (x > 0.6) above++;
  }
  const mean = s / n;
  let ss = 0;
  for (const x of v) ss += (x - mean) ** 2;
  return {
    mean,
    sd: Math.sqrt(ss / (n - 1)),
    below: below / n,
    middle: (n - below - above) / n,
    above: above / n,
  };
}
