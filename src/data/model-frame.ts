import { UserError } from '../errors.js';
import { fromColumns, type Matrix } from '../linalg/matrix.js';
import { messages } from '../messages.js';
import type { ColumnData } from './read.js';

/** The complete rows of a regression, ready for an estimator. */
export interface ModelFrame {
  /** Design matrix, intercept first (unless `constant` is false), column-major. */
  readonly X: Matrix;
  /** Whether X holds an intercept column (first). Absent: true. */
  readonly constant?: boolean;
  readonly y: Float64Array;
  /** Term names in column order; the intercept is `(Intercept)`. */
  readonly terms: readonly string[];
  readonly weights: Float64Array | null;
  /** Cluster codes 0..clusters-1, or null. */
  readonly cluster: Int32Array | null;
  readonly clusters: number;
  /** Original (0-based) row index of each used row. */
  readonly rowIndex: Int32Array;
  /** Rows in the file, and rows dropped for a missing value in any model column. */
  readonly rowsRead: number;
  readonly rowsDropped: number;
  /**
   * Why rows were dropped: the missing cells of each model column that has any (a row may
   * miss several), and `zero weight` rows. Empty when no row was dropped.
   */
  readonly dropped: Readonly<Record<string, number>>;
}

/**
 * The columns of a regression. `weights` and `cluster` are optional; an intercept is added
 * unless `constant` is false (default true; false is Stata's `noconstant`, R's `y ~ 0 + x`).
 */
export interface FrameSpec {
  readonly y: string;
  readonly x: readonly string[];
  readonly constant?: boolean | undefined;
  readonly weights?: string | undefined;
  readonly cluster?: string | undefined;
}

/**
 * Selects the model's columns and deletes incomplete rows listwise (a missing y, regressor,
 * weight or cluster). Rows with zero weight are dropped too, as R's `lm` leaves them out of
 * the fit; a negative weight is an error naming its row.
 * @example const frame = modelFrame(data, { y: 'wage', x: ['educ', 'exper'] });
 */
export function modelFrame(data: ColumnData, spec: FrameSpec): ModelFrame {
  const get = (name: string): Float64Array => {
    const col = data.numeric.get(name);
    if (!col)
      throw new UserError(messages.unknownColumn(data.path, name, [...data.numeric.keys()]));
    return col;
  };
  const y = get(spec.y);
  const xs = spec.x.map(get);
  const w = spec.weights ? get(spec.weights) : null;
  const clusterText = spec.cluster ? data.text.get(spec.cluster) : undefined;
  if (spec.cluster && !clusterText) {
    throw new UserError(messages.unknownColumn(data.path, spec.cluster, [...data.text.keys()]));
  }
  const n = data.rows;
  // Most files are complete: each column is checked on its own (the reader's count of missing
  // cells, or a scan), and the row mask built only when some value is missing or some weight
  // is not positive.
  const noneMissing = (name: string, col: Float64Array): boolean =>
    data.missing?.get(name) === 0 || !hasNaN(col);
  const complete =
    [spec.y, ...spec.x].every((name, j) => noneMissing(name, j === 0 ? y : xs[j - 1])) &&
    (!w || w.every((v) => v > 0)) &&
    (!clusterText || !clusterText.includes(null));
  const keep = new Uint8Array(complete ? 0 : n);
  let used = complete ? n : 0;
  for (let i = 0; i < n && !complete; i++) {
    let ok = !Number.isNaN(y[i]);
    for (let j = 0; ok && j < xs.length; j++) ok = !Number.isNaN(xs[j][i]);
    if (ok && w) {
      if (w[i] < 0)
        throw new UserError(messages.negativeWeight(data.path, spec.weights!, i + 1, w[i]));
      ok = w[i] > 0;
    }
    if (ok && clusterText) ok = clusterText[i] !== null;
    if (ok) {
      keep[i] = 1;
      used++;
    }
  }
  const dropped: Record<string, number> = {};
  if (!complete) {
    const columns: [string, Float64Array][] = [
      [spec.y, y],
      ...spec.x.map((name, j): [string, Float64Array] => [name, xs[j]]),
    ];
    if (w && spec.weights) columns.push([spec.weights, w]);
    for (const [name, col] of columns) {
      let missing = 0;
      for (let i = 0; i < n; i++) if (col[i] !== col[i]) missing++;
      if (missing > 0) dropped[name] = missing;
    }
    const zero = w ? w.filter((v) => v === 0).length : 0;
    if (zero > 0) dropped['zero weight'] = zero;
    const noCluster = clusterText ? clusterText.filter((v) => v === null).length : 0;
    if (noCluster > 0 && spec.cluster) dropped[spec.cluster] = noCluster;
  }
  const rowIndex = new Int32Array(used);
  for (let i = 0, r = 0; i < n; i++) if (complete || keep[i]) rowIndex[r++] = i;
  const pick = (col: Float64Array): Float64Array => {
    if (used === n) return col;
    const out = new Float64Array(used);
    for (let r = 0; r < used; r++) out[r] = col[rowIndex[r]];
    return out;
  };
  let cluster: Int32Array | null = null;
  let clusters = 0;
  if (clusterText) {
    cluster = new Int32Array(used);
    const codes = new Map<string, number>();
    for (let r = 0; r < used; r++) {
      const key = clusterText[rowIndex[r]] as string;
      let code = codes.get(key);
      if (code === undefined) {
        code = codes.size;
        codes.set(key, code);
      }
      cluster[r] = code;
    }
    clusters = codes.size;
  }
  const constant = spec.constant ?? true;
  return Object.freeze({
    // shared memory: a large fit factors row blocks on worker threads without copying X
    X:
      (used === n ? designInPlace(data, xs, constant) : null) ??
      fromColumns(xs.map(pick), { intercept: constant ? 'first' : 'none', storage: 'shared' }),
    constant,
    y: pick(y),
    terms: constant ? ['(Intercept)', ...spec.x] : [...spec.x],
    weights: w ? pick(w) : null,
    cluster,
    clusters,
    rowIndex,
    rowsRead: n,
    rowsDropped: n - used,
    dropped: Object.freeze(dropped),
  });
}

function hasNaN(col: Float64Array): boolean {
  for (let i = 0; i < col.length; i++) if (col[i] !== col[i]) return true;
  return false;
}

/**
 * [1, xs…] (or [xs…] without a constant) as a view of the reader's storage when the
 * regressors lie side by side right after its reserved columns
 * (`readColumns(…, { reserve: 1 })`): the last reserved column is set to ones. Null otherwise.
 */
function designInPlace(
  data: ColumnData,
  xs: readonly Float64Array[],
  constant: boolean,
): Matrix | null {
  const block = data.block;
  const n = data.rows;
  if (!block || block.reserve < 1 || xs.length === 0 || n === 0) return null;
  const at = (col: Float64Array): number =>
    col.buffer === block.data.buffer && col.length === n
      ? (col.byteOffset - block.data.byteOffset) / (8 * n)
      : -1;
  if (!xs.every((col, j) => at(col) === block.reserve + j)) return null;
  if (!constant) {
    const from = block.reserve * n;
    return { rows: n, cols: xs.length, data: block.data.subarray(from, from + xs.length * n) };
  }
  const start = (block.reserve - 1) * n;
  const X = block.data.subarray(start, start + (xs.length + 1) * n);
  X.fill(1, 0, n);
  return { rows: n, cols: xs.length + 1, data: X };
}
