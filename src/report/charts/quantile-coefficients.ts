import { coefficientPanels, type CoefficientPanel } from './coefficient-panels.js';

/** A term's tidy rows across τ (confLow/confHigh as the estimators give them). */
interface TidyLike {
  readonly term: string;
  readonly estimate: number;
  readonly confLow: number;
  readonly confHigh: number;
}

/**
 * Coefficients across quantiles as small multiples (one panel per term, intercept left out):
 * the estimate at each τ over its shaded confidence band, with the OLS estimate of the same
 * model and its interval as a dashed line over a light band, as quantreg's `plot(summary(rq))`.
 * @example quantileCoefficientsChart(fits, { ols: olsCoefficients, labels })
 */
export function quantileCoefficientsChart(
  fits: readonly { readonly tau: number; readonly coefficients: readonly TidyLike[] }[],
  options: { ols?: readonly TidyLike[]; label?: (term: string) => string; title?: string } = {},
): string {
  const terms = (fits[0]?.coefficients ?? []).map((c) => c.term).filter((t) => t !== '(Intercept)');
  const panels: CoefficientPanel[] = terms.map((term) => {
    const ref = options.ols?.find((c) => c.term === term);
    return {
      title: options.label ? options.label(term) : term,
      points: fits.flatMap((f) => {
        const c = f.coefficients.find((r) => r.term === term);
        return c ? [{ x: f.tau, estimate: c.estimate, low: c.confLow, high: c.confHigh }] : [];
      }),
      ...(ref
        ? { reference: { estimate: ref.estimate, low: ref.confLow, high: ref.confHigh } }
        : {}),
    };
  });
  const taus = fits.map((f) => f.tau);
  return coefficientPanels(panels, {
    title: options.title ?? 'Coefficients across quantiles with 95% confidence bands (dashed: OLS)',
    mode: 'band',
    xTicks: taus.map((t) => ({ x: t, label: String(t) })),
    xDomain: [Math.min(...taus), Math.max(...taus)],
    className: 'chart quantiles',
  });
}
