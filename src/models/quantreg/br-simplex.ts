import type { Matrix } from '../../linalg/matrix.js';

/** Outcome of a simplex fit: 'ok', 'nonunique' (a tie in the final reduced costs), or 'failed'. */
export type SimplexStatus = 'ok' | 'nonunique' | 'failed';

/** A vertex solution of min Σ ρ_τ(y − Xβ). */
export interface SimplexFit {
  readonly status: SimplexStatus;
  readonly coefficients: Float64Array;
  /** Row indices (0-based) of the p observations fitted exactly (the basis). */
  readonly basis: Int32Array;
  readonly pivots: number;
}

/** Options of `brSimplex`. Default tolerance: ε^(2/3), as `quantreg::rq.fit.br`. */
export interface SimplexOptions {
  readonly tol?: number;
}

/**
 * Exact linear quantile regression by the Barrodale–Roberts simplex as modified by
 * Koenker & d'Orey (1987) — the algorithm of `quantreg::rq(method = "br")`. Phase 1 brings
 * the p coefficients into the basis, choosing at each step the free column with the largest
 * |reduced cost|; phase 2 exchanges observations, letting the ratio test "pass through"
 * observations whose residual changes sign while the directional derivative stays negative.
 * The pivoting rules and their order follow the reference so that, when the solution is not
 * unique, the same vertex is returned. Cost O(pivots · n · p): meant for n up to a few
 * thousand. Never throws; see `status`.
 * @example brSimplex(X, y, 0.5).coefficients // median regression
 */
export function brSimplex(
  X: Matrix,
  y: Float64Array,
  tau: number,
  options: SimplexOptions = {},
): SimplexFit {
  const toler = options.tol ?? Math.pow(2.220446049250313e-16, 2 / 3);
  const m = X.rows;
  const p = X.cols;
  const ld = m + 1; // rows 0..m-1 observations, row m reduced costs
  const w = p + 1; // columns 0..p-1 nonbasic variables, column p the right-hand side
  // Row-major tableau: t[i * w + j].
  const t = new Float64Array(ld * w);
  const rowLabel = new Int32Array(m); // ±(p + i + 1) for observation i, ±(j + 1) for coefficient j
  const colLabel = new Int32Array(p);
  for (let i = 0; i < m; i++) {
    const neg = y[i] < 0;
    for (let j = 0; j < p; j++) t[i * w + j] = neg ? -X.data[i + j * m] : X.data[i + j * m];
    t[i * w + p] = neg ? -y[i] : y[i];
    rowLabel[i] = neg ? -(p + i + 1) : p + i + 1;
  }
  const cost = m * w;
  for (let j = 0; j < p; j++) {
    colLabel[j] = j + 1;
    let c2 = 0;
    let c3 = 0;
    for (let i = 0; i < m; i++) {
      const aux = t[i * w + j];
      const s = rowLabel[i] > 0 ? 1 : -1;
      c2 += aux * (1 - s);
      c3 += aux * s;
    }
    t[cost + j] = c2 + 2 * c3 * tau;
  }
  const ratio = new Float64Array(m);
  const cand = new Int32Array(m);
  let kr = 0; // first column still in play
  let kl = 0; // first observation row not in the basis
  let kount = 0;
  let stage = true;
  let pivots = 0;
  let inCol = -1;

  const negateColumn = (j: number): void => {
    for (let i = 0; i <= m; i++) t[i * w + j] = -t[i * w + j];
    colLabel[j] = -colLabel[j];
  };
  const chooseStage1 = (): void => {
    let max = -1;
    for (let j = kr; j < p; j++) {
      if (Math.abs(colLabel[j]) <= p) {
        const d = Math.abs(t[cost + j]);
        if (d > max) {
          max = d;
          inCol = j;
        }
      }
    }
    if (t[cost + inCol] < 0) negateColumn(inCol);
  };
  /** Ratio test with pass-through; returns 'pivoted', 'none' (no candidate) or 'stop'. */
  const exchange = (): 'pivoted' | 'none' => {
    let k = 0;
    for (let i = kl; i < m; i++) {
      const d = t[i * w + inCol];
      if (d > toler) {
        ratio[k] = t[i * w + p] / d;
        cand[k] = i;
        k++;
      }
    }
    for (;;) {
      if (k <= 0) return 'none';
      let min = Number.MAX_VALUE;
      let at = 0;
      let out = 0;
      for (let c = 0; c < k; c++) {
        if (ratio[c] < min) {
          at = c;
          min = ratio[c];
          out = cand[c];
        }
      }
      ratio[at] = ratio[k - 1];
      cand[at] = cand[k - 1];
      k--;
      const pivot = t[out * w + inCol];
      if (t[cost + inCol] - pivot - pivot <= toler) {
        pivotOn(out, pivot);
        return 'pivoted';
      }
      // Pass through: the observation changes side, the directional derivative stays negative.
      for (let j = kr; j <= p; j++) {
        const d = t[out * w + j];
        t[cost + j] = t[cost + j] - d - d;
        t[out * w + j] = -d;
      }
      rowLabel[out] = -rowLabel[out];
    }
  };
  let lastOut = -1;
  const pivotOn = (out: number, pivot: number): void => {
    const ro = out * w;
    for (let j = kr; j <= p; j++) if (j !== inCol) t[ro + j] /= pivot;
    for (let i = 0; i <= m; i++) {
      if (i === out) continue;
      const ri = i * w;
      const d = t[ri + inCol];
      if (d === 0) continue;
      for (let j = kr; j <= p; j++) if (j !== inCol) t[ri + j] -= d * t[ro + j];
    }
    for (let i = 0; i <= m; i++) if (i !== out) t[i * w + inCol] = -t[i * w + inCol] / pivot;
    t[ro + inCol] = 1 / pivot;
    const label = rowLabel[out];
    rowLabel[out] = colLabel[inCol];
    colLabel[inCol] = label;
    kount++;
    pivots++;
    lastOut = out;
  };

  // Phase 1: bring every coefficient into the basis.
  while (kount + kr < p) {
    chooseStage1();
    const r = exchange();
    if (r === 'none') {
      // No observation can enter: retire this column.
      for (let i = 0; i <= m; i++) {
        const a = t[i * w + kr];
        t[i * w + kr] = t[i * w + inCol];
        t[i * w + inCol] = a;
      }
      const lab = colLabel[kr];
      colLabel[kr] = colLabel[inCol];
      colLabel[inCol] = lab;
      kr++;
      continue;
    }
    kl++;
    const a = lastOut;
    const b = kount - 1;
    if (a !== b) {
      for (let j = kr; j <= p; j++) {
        const v = t[a * w + j];
        t[a * w + j] = t[b * w + j];
        t[b * w + j] = v;
      }
      const lab = rowLabel[a];
      rowLabel[a] = rowLabel[b];
      rowLabel[b] = lab;
    }
  }
  stage = false;
  // Phase 2: exchange observations while some edge direction decreases the objective.
  for (let guard = 0; ; guard++) {
    let max = -Number.MAX_VALUE;
    for (let j = kr; j < p; j++) {
      let d = t[cost + j];
      if (d < 0) {
        if (d > -2) continue;
        d = -d - 2;
      }
      if (d > max) {
        max = d;
        inCol = j;
      }
    }
    if (max <= toler) break;
    if (t[cost + inCol] <= 0) {
      negateColumn(inCol);
      t[cost + inCol] -= 2;
    }
    if (exchange() === 'none' || guard > 50 * (m + p) || stage) {
      return freeze('failed', new Float64Array(p), new Int32Array(0), pivots);
    }
  }
  let status: SimplexStatus = 'ok';
  if (kr === 0) {
    for (let j = 0; j < p; j++) {
      const d = Math.abs(t[cost + j]);
      if (d <= toler || 2 - d <= toler) status = 'nonunique';
    }
  }
  const beta = new Float64Array(p);
  for (let i = 0; i < kl; i++) {
    const k = Math.abs(rowLabel[i]);
    beta[k - 1] = rowLabel[i] > 0 ? t[i * w + p] : -t[i * w + p];
  }
  const basis: number[] = [];
  for (let j = 0; j < p; j++) {
    const k = Math.abs(colLabel[j]);
    if (k > p) basis.push(k - p - 1);
  }
  return freeze(status, beta, Int32Array.from(basis), pivots);
}

function freeze(
  status: SimplexStatus,
  coefficients: Float64Array,
  basis: Int32Array,
  pivots: number,
): SimplexFit {
  return Object.freeze({ status, coefficients, basis, pivots });
}
