import { normalQuantile } from '../../stats/distributions.js';

/** Bandwidth rules of `quantreg::bandwidth.rq`. */
export const BANDWIDTHS = ['hall-sheather', 'bofinger'] as const;
export type Bandwidth = (typeof BANDWIDTHS)[number];

/** Standard normal density φ(x). @example dnorm(0) // 0.3989 */
export function dnorm(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/**
 * The quantile-scale bandwidth h of `quantreg::bandwidth.rq(tau, n, hs)`: Hall–Sheather
 * (`hs = TRUE`, the default, with α = 0.05) n^(-1/3) z_{1−α/2}^(2/3) (1.5 φ² / (2x² + 1))^(1/3),
 * or Bofinger n^(-1/5) (4.5 φ⁴ / (2x² + 1)²)^(1/5), where x = Φ⁻¹(τ) and φ = φ(x).
 * Defaults: `method: 'hall-sheather'`, `alpha: 0.05`.
 * @example bandwidthRq(0.5, 235) // 0.1216…
 */
export function bandwidthRq(
  tau: number,
  n: number,
  options: { method?: Bandwidth; alpha?: number } = {},
): number {
  const x0 = normalQuantile(tau);
  const f0 = dnorm(x0);
  if ((options.method ?? 'hall-sheather') === 'hall-sheather') {
    const z = normalQuantile(1 - (options.alpha ?? 0.05) / 2);
    return n ** (-1 / 3) * z ** (2 / 3) * ((1.5 * f0 ** 2) / (2 * x0 ** 2 + 1)) ** (1 / 3);
  }
  return n ** -0.2 * ((4.5 * f0 ** 4) / (2 * x0 ** 2 + 1) ** 2) ** 0.2;
}

/**
 * Halves h until τ ± h lies in [0, 1], as summary.rq does before fitting at τ ± h.
 * @example shrinkToUnit(0.98, 0.05) // 0.0125
 */
export function shrinkToUnit(tau: number, h: number): number {
  let b = h;
  while (tau - b < 0 || tau + b > 1) b /= 2;
  return b;
}
