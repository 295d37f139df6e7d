import { coefficientPanels, type CoefficientPanel } from './coefficient-panels.js';

/** A model's coefficients with their intervals. */
interface ModelLike {
  readonly label: string;
  readonly coefficients: readonly {
    readonly term: string;
    readonly estimate: number;
    readonly confLow: number;
    readonly confHigh: number;
  }[];
}

/**
 * Coefficient stability across nested models as small multiples: one panel per term (the
 * intercept left out), the estimate and its 95% interval in every model that includes it.
 * @example coefficientStabilityChart(models.map((m) => ({ label: m.label, coefficients: m.result.coefficients })))
 */
export function coefficientStabilityChart(
  models: readonly ModelLike[],
  options: { label?: (term: string) => string; title?: string } = {},
): string {
  const terms: string[] = [];
  for (const m of models)
    for (const c of m.coefficients)
      if (c.term !== '(Intercept)' && !terms.includes(c.term)) terms.push(c.term);
  const panels: CoefficientPanel[] = terms.map((term) => ({
    title: options.label ? options.label(term) : term,
    points: models.flatMap((m, k) => {
      const c = m.coefficients.find((r) => r.term === term);
      return c ? [{ x: k, estimate: c.estimate, low: c.confLow, high: c.confHigh }] : [];
    }),
  }));
  return coefficientPanels(panels, {
    title: options.title ?? 'Coefficient stability across the nested models (95% intervals)',
    mode: 'bars',
    xTicks: models.map((m, k) => ({ x: k, label: m.label })),
    xDomain: [0, Math.max(1, models.length - 1)],
    className: 'chart stability',
  });
}
