/**
 * Asserts |actual − expected| ≤ atol + rtol·|expected| and, on failure, prints the name, both
 * numbers, the difference and the tolerance: "se[educ]: 0.0012480271557 vs 0.0012480271559, Δ 2e-13, tol 1.2e-13".
 * @example assertClose(fit.coefficients[1], ref.coef[1], { rtol: 1e-10, name: 'coef[educ]' })
 */
export function assertClose(
  actual: number,
  expected: number,
  options: { rtol?: number; atol?: number; name?: string } = {},
): void {
  const rtol = options.rtol ?? 1e-10;
  const atol = options.atol ?? 0;
  const tol = atol + rtol * Math.abs(expected);
  const diff = Math.abs(actual - expected);
  const bothNaN = Number.isNaN(actual) && Number.isNaN(expected);
  if (!bothNaN && !(diff <= tol)) {
    throw new Error(
      `${options.name ?? 'value'}: ${actual} vs ${expected} (expected), Δ ${diff.toExponential(3)}, tol ${tol.toExponential(3)}`,
    );
  }
}

/**
 * assertClose over two equally long arrays, naming each element by `names[i]`.
 * @example assertAllClose(fit.coefficients, ref.coef, { rtol: 1e-10, names: ref.terms, name: 'coef' })
 */
export function assertAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  options: { rtol?: number; atol?: number; name?: string; names?: readonly string[] } = {},
): void {
  if (actual.length !== expected.length) {
    throw new Error(
      `${options.name ?? 'array'}: length ${actual.length} vs ${expected.length} (expected)`,
    );
  }
  for (let i = 0; i < expected.length; i++) {
    assertClose(actual[i], expected[i], {
      ...options,
      name: `${options.name ?? 'array'}[${options.names?.[i] ?? i}]`,
    });
  }
}
