/**
 * A seeded, fast pseudo-random stream: xoshiro128** (Blackman & Vigna) on 32-bit integers,
 * seeded by splitmix32, with the draws a survey simulation needs. Two streams with the same
 * seed and name give the same sequence on every platform; `Math.random` is never used.
 */
export interface Random {
  /** Uniform on (0, 1), 53 random bits, never exactly 0 or 1. */
  uniform(): number;
  /** Standard normal (Marsaglia's polar method). */
  normal(): number;
  /** Bernoulli(p): 1 with probability p, else 0. */
  bernoulli(p: number): number;
  /** Gamma(shape, scale = 1) by Marsaglia & Tsang (2000), boosted for shape < 1. */
  gamma(shape: number, scale?: number): number;
  /** Beta(a, b) as a ratio of gammas. */
  beta(a: number, b: number): number;
  /** exp(N(meanlog, sdlog²)). */
  lognormal(meanlog: number, sdlog: number): number;
  /** Poisson(λ): inversion for λ < 30, else the normal approximation (rounded, ≥ 0). */
  poisson(lambda: number): number;
  /** Binomial(n, p) as a sum of Bernoullis (small n). */
  binomial(n: number, p: number): number;
  /** Index drawn from cumulative probabilities `cdf` (last entry 1). */
  categorical(cdf: Float64Array): number;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a hash of a string, to derive a stream's seed from its name. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * A named stream of a seed: each variable of a simulation draws from its own stream, so adding
 * a variable never changes the others, and the i-th household's draw does not depend on N.
 * Any finite seed is accepted (its integer part, modulo 2^32, is used together with the name).
 * @example const rng = randomStream(2020, 'family_size'); rng.normal()
 */
export function randomStream(seed: number, name = ''): Random {
  const lo = Math.trunc(seed) >>> 0;
  const hi = Math.trunc(seed / 4294967296) >>> 0;
  const mix = splitmix32(
    (lo ^ Math.imul(hashName(name), 0x9e3779b1) ^ Math.imul(hi, 0x85ebca6b)) >>> 0,
  );
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  if ((a | b | c | d) === 0) a = 1;
  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  let spare = NaN;
  const uniform = (): number => {
    // 26 + 27 bits → a multiple of 2^-53 in [0, 1); shifted by half a step into (0, 1).
    const x = next32() >>> 6;
    const y = next32() >>> 5;
    return (x * 134217728 + y + 0.5) / 9007199254740992;
  };
  const normal = (): number => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = NaN;
      return s;
    }
    for (;;) {
      const u = 2 * uniform() - 1;
      const v = 2 * uniform() - 1;
      const r = u * u + v * v;
      if (r > 0 && r < 1) {
        const f = Math.sqrt((-2 * Math.log(r)) / r);
        spare = v * f;
        return u * f;
      }
    }
  };
  const gamma = (shape: number, scale = 1): number => {
    if (shape < 1) return gamma(shape + 1, scale) * Math.pow(uniform(), 1 / shape);
    const dd = shape - 1 / 3;
    const cc = 1 / Math.sqrt(9 * dd);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + cc * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return dd * v * scale;
      if (Math.log(u) < 0.5 * x * x + dd * (1 - v + Math.log(v))) return dd * v * scale;
    }
  };
  return {
    uniform,
    normal,
    bernoulli: (p) => (uniform() < p ? 1 : 0),
    gamma,
    beta: (a1, b1) => {
      const x = gamma(a1);
      return x / (x + gamma(b1));
    },
    lognormal: (meanlog, sdlog) => Math.exp(meanlog + sdlog * normal()),
    poisson: (lambda) => {
      if (lambda >= 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
      const u = uniform();
      let k = 0;
      let p = Math.exp(-lambda);
      let cdf = p;
      while (u > cdf && k < 1000) {
        k++;
        p *= lambda / k;
        cdf += p;
      }
      return k;
    },
    binomial: (n, p) => {
      let k = 0;
      for (let i = 0; i < n; i++) if (uniform() < p) k++;
      return k;
    },
    categorical: (cdf) => {
      const u = uniform();
      let k = 0;
      while (k < cdf.length - 1 && u >= cdf[k]) k++;
      return k;
    },
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * Cumulative probabilities of a probability mass function (normalised to sum 1).
 * @example cumulative([0.2, 0.5, 0.3]) // Float64Array [0.2, 0.7, 1]
 */
export function cumulative(pmf: readonly number[]): Float64Array {
  const total = pmf.reduce((a, b) => a + b, 0);
  const out = new Float64Array(pmf.length);
  let s = 0;
  for (let k = 0; k < pmf.length; k++) {
    s += pmf[k] / total;
    out[k] = s;
  }
  out[pmf.length - 1] = 1;
  return out;
}

/**
 * The standard normal quantile Φ⁻¹(p) by Acklam's rational approximation (relative error below
 * 1.2e-9), for thresholds of latent normals.
 * @example probit(0.975) // ≈ 1.959964
 */
export function probit(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p > 1 - 0.02425) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  return x;
}
