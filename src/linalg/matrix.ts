/**
 * A dense column-major matrix: element (i, j) lives at `data[i + j * rows]`.
 * Columns are contiguous, so a data column becomes a regressor by a copy of one block.
 * @example const X = matrix(3, 2, new Float64Array([1, 1, 1, 0.5, 1.5, 2.5]));
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/**
 * Wraps (or allocates) column-major storage as a Matrix.
 * @example matrix(2, 2) // 2×2 zeros
 */
export function matrix(rows: number, cols: number, data?: Float64Array): Matrix {
  const storage = data ?? new Float64Array(rows * cols);
  if (storage.length !== rows * cols) {
    throw new RangeError(`matrix: data has ${storage.length} elements, expected ${rows * cols}`);
  }
  return { rows, cols, data: storage };
}

/**
 * Builds a column-major matrix from columns, optionally prefixed by a column of ones.
 * Defaults: `intercept: 'none'`, `storage: 'heap'`; `'shared'` puts the numbers in a
 * SharedArrayBuffer, which worker threads read without a copy.
 * @example fromColumns([x1, x2], { intercept: 'first' })
 */
export function fromColumns(
  columns: readonly Float64Array[],
  options: { intercept?: 'first' | 'none'; storage?: 'heap' | 'shared' } = {},
): Matrix {
  const intercept = (options.intercept ?? 'none') === 'first';
  const rows = columns.length > 0 ? columns[0].length : 0;
  const cols = columns.length + (intercept ? 1 : 0);
  const data =
    options.storage === 'shared'
      ? new Float64Array(new SharedArrayBuffer(rows * cols * 8))
      : new Float64Array(rows * cols);
  let offset = 0;
  if (intercept) {
    data.fill(1, 0, rows);
    offset = rows;
  }
  for (const column of columns) {
    if (column.length !== rows) throw new RangeError('fromColumns: columns differ in length');
    data.set(column, offset);
    offset += rows;
  }
  return { rows, cols, data };
}

/**
 * Column j of a matrix as a view (no copy).
 * @example column(X, 0)
 */
export function column(a: Matrix, j: number): Float64Array {
  return a.data.subarray(j * a.rows, (j + 1) * a.rows);
}

/**
 * y = A x for a column-major A.
 * @example multiply(X, beta) // fitted values
 */
export function multiply(a: Matrix, x: Float64Array): Float64Array {
  const out = new Float64Array(a.rows);
  const { rows, cols, data } = a;
  for (let j = 0; j < cols; j++) {
    const xj = x[j];
    if (xj === 0) continue;
    const off = j * rows;
    for (let i = 0; i < rows; i++) out[i] += data[off + i] * xj;
  }
  return out;
}

/**
 * Dot product of two equally long vectors (strided views are taken with subarray).
 * @example dot(x, y)
 */
export function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/**
 * Euclidean norm, safe from overflow and underflow (as BLAS dnrm2): the plain sum of
 * squares is used when it is comfortably inside the double range, else a scaled sum.
 * @example norm2(new Float64Array([3, 4])) // 5
 */
export function norm2(x: Float64Array, start = 0, end = x.length): number {
  let ssq = 0;
  for (let i = start; i < end; i++) ssq += x[i] * x[i];
  // 2^-900 < ssq < 2^900: no square overflowed, and those that underflowed are negligible.
  if (ssq > 1.2e-271 && ssq < 8.5e270) return Math.sqrt(ssq);
  if (Number.isNaN(ssq)) return NaN;
  return scaledNorm2(x, start, end); // zeros, tiny or huge entries
}

function scaledNorm2(x: Float64Array, start: number, end: number): number {
  let scale = 0;
  let ssq = 1;
  for (let i = start; i < end; i++) {
    const v = x[i];
    if (v !== 0) {
      const a = Math.abs(v);
      if (scale < a) {
        const r = scale / a;
        ssq = 1 + ssq * r * r;
        scale = a;
      } else {
        const r = a / scale;
        ssq += r * r;
      }
    }
  }
  return scale * Math.sqrt(ssq);
}
