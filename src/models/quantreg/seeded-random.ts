/** A deterministic stream of uniforms on [0, 1). */
export type Uniform = () => number;

/**
 * A small, fast, seedable generator (sfc32 seeded through splitmix32), so that subsamples
 * and bootstrap draws are the same for the same seed on every machine. Uniforms carry 53 bits.
 * @example const u = seededUniform(42); u() // 0.73…
 */
export function seededUniform(seed: number): Uniform {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix() | 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  return () => (next() * 2 ** 21 + (next() >>> 11)) / 2 ** 53;
}

/**
 * m distinct indices of 0..n−1 drawn without replacement (partial Fisher–Yates), sorted.
 * @example sampleIndices(1000, 10, seededUniform(1))
 */
export function sampleIndices(n: number, m: number, u: Uniform): Int32Array {
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(u() * (n - i));
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  return perm.slice(0, m).sort();
}
