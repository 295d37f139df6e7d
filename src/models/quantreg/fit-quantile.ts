import type { Matrix } from '../../linalg/matrix.js';
import { brSimplex } from './br-simplex.js';
import { exactLargeFit } from './exact-large.js';

/** Solvers: `br` (simplex), `pfn` (preprocessed interior point, then an exact vertex), `auto`. */
export type QuantregMethod = 'auto' | 'br' | 'pfn';

/** An exact solution at one τ. */
export interface QuantileSolution {
  readonly coefficients: Float64Array;
  readonly status: 'ok' | 'nonunique' | 'failed';
  readonly method: 'br' | 'pfn';
}

/** Rows up to which `auto` uses the simplex (cost grows about as n²). */
export const SIMPLEX_MAX_ROWS = 5000;

/**
 * Solves min_β Σ ρ_τ(y − Xβ) exactly. `auto` (the default) takes the Barrodale–Roberts
 * simplex up to SIMPLEX_MAX_ROWS rows — the same vertex as `rq(method = "br")` — and beyond
 * that a Portnoy–Koenker preprocessed Frisch–Newton interior point followed by an exact
 * vertex (see exactLargeFit); `start`, a solution at a neighbouring τ, saves its first
 * subsample solve. Never throws.
 * @example fitQuantile(X, y, 0.9).coefficients
 */
export function fitQuantile(
  X: Matrix,
  y: Float64Array,
  tau: number,
  options: { method?: QuantregMethod; start?: Float64Array } = {},
): QuantileSolution {
  const method = options.method ?? 'auto';
  if (method === 'br' || (method === 'auto' && X.rows <= SIMPLEX_MAX_ROWS)) {
    const s = brSimplex(X, y, tau);
    return Object.freeze({ coefficients: s.coefficients, status: s.status, method: 'br' as const });
  }
  const s = exactLargeFit(X, y, tau, { start: options.start });
  return Object.freeze({ coefficients: s.coefficients, status: s.status, method: 'pfn' as const });
}
