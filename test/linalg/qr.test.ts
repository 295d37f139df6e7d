import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matrix, multiply, norm2 } from '../../src/linalg/matrix.js';
import { qr, qrQty, qrQy, qrR } from '../../src/linalg/qr.js';
import { backsolve } from '../../src/linalg/triangular.js';
import { assertAllClose, assertClose } from '../helpers/assert-close.js';

/** R's qr() (LINPACK dqrdc2) from test/fixtures/r/ols-linalg.R. */
interface RefQr {
  rows: number;
  cols: number;
  x: number[];
  rank: number;
  pivot: number[];
  qraux: number[];
  qr: number[];
}
const ref = JSON.parse(
  readFileSync(new URL('../fixtures/ref/ols-linalg.json', import.meta.url), 'utf8'),
) as {
  rank_deficient: RefQr & { qty: number[]; coef: (number | null)[] };
  ill_scaled: RefQr & { y: number[]; coef: number[] };
};

const X = (r: RefQr) => matrix(r.rows, r.cols, Float64Array.from(r.x));

describe('qr (dqrdc2) vs R qr()', () => {
  it('detects the rank and pivots collinear and zero columns to the end, as R', () => {
    const r = ref.rank_deficient;
    const d = qr(X(r));
    expect(d.rank).toBe(r.rank);
    expect(Array.from(d.pivot)).toEqual(r.pivot);
  });

  it('matches R factor and Householder coefficients (1e-12 of the column scale)', () => {
    for (const r of [ref.rank_deficient, ref.ill_scaled]) {
      const d = qr(X(r));
      for (let j = 0; j < r.cols; j++) {
        const scale = norm2(Float64Array.from(r.x), j * r.rows, (j + 1) * r.rows) || 1;
        // the leading `rank` columns are determined; beyond them R keeps rounding noise
        const atol = j < r.rank ? 1e-12 * scale : 1e-12 * Math.max(...r.x.map(Math.abs));
        for (let i = 0; i < r.rows; i++) {
          assertClose(d.qr[i + j * r.rows], r.qr[i + j * r.rows], {
            rtol: 1e-12,
            atol,
            name: `qr[${i},${j}]`,
          });
        }
        if (j < r.rank) assertClose(d.qraux[j], r.qraux[j], { rtol: 1e-12, name: `qraux[${j}]` });
      }
    }
  });

  it("Q'y matches R qr.qty on the estimable part; back-substitution gives qr.coef", () => {
    const r = ref.rank_deficient;
    const d = qr(X(r));
    const a = r.x.slice(r.rows, 2 * r.rows);
    const b = r.x.slice(4 * r.rows, 5 * r.rows).map((v) => v + 3);
    const y = Float64Array.from(a, (v, i) => v * b[i]);
    const qty = qrQty(d, y);
    assertAllClose(qty.subarray(0, d.rank), r.qty.slice(0, d.rank), { rtol: 1e-12, name: 'qty' });
    // the residual part of Q'y has the same length as R's, whatever its rotation
    assertClose(norm2(qty, d.rank), norm2(Float64Array.from(r.qty), d.rank), {
      rtol: 1e-12,
      name: '|qty tail|',
    });
    const coef = backsolve(qrR(d), d.rank, qty);
    // R's qr.coef puts NA at the pivoted-out columns
    const expected = Array.from(d.pivot.subarray(0, d.rank), (j) => r.coef[j] as number);
    assertAllClose(coef, expected, { rtol: 1e-10, name: 'coef' });
    expect(Array.from(d.pivot.subarray(d.rank), (j) => r.coef[j])).toEqual([null, null]);
  });

  it("Q(Q'y) returns y (the reflections are orthogonal)", () => {
    const r = ref.ill_scaled;
    const d = qr(X(r));
    const y = Float64Array.from(r.y);
    assertAllClose(qrQy(d, qrQty(d, y)), y, { rtol: 1e-13, name: "QQ'y" });
  });

  it('solves an ill-scaled full-rank design (x in the thousands beside x²) as R', () => {
    const r = ref.ill_scaled;
    const d = qr(X(r));
    expect(d.rank).toBe(3);
    const coef = backsolve(qrR(d), 3, qrQty(d, Float64Array.from(r.y)));
    assertAllClose(coef, r.coef, { rtol: 1e-10, name: 'coef' });
  });

  it('does not modify its input, and honours tol', () => {
    const r = ref.rank_deficient;
    const A = X(r);
    const before = Float64Array.from(A.data);
    qr(A);
    expect(A.data).toEqual(before);
    // column 3 is exactly 1 + 2a: no tolerance, however small, keeps it
    expect(qr(A, { tol: 1e-14 }).rank).toBe(4);
    // a nearly collinear column is kept under R's 1e-7 but dropped under a coarse tol
    const n = 50;
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
    const z = Float64Array.from(x, (v, i) => v + 1e-5 * Math.cos(3 * i));
    const B = matrix(n, 3, new Float64Array([...new Array<number>(n).fill(1), ...x, ...z]));
    expect(qr(B).rank).toBe(3);
    expect(qr(B, { tol: 1e-3 }).rank).toBe(2);
  });

  it('handles more columns than rows and a single row', () => {
    const A = matrix(2, 3, new Float64Array([1, 2, 3, 4, 5, 7]));
    const d = qr(A);
    expect(d.rank).toBe(2);
    const one = qr(matrix(1, 2, new Float64Array([3, 4])));
    expect(one.rank).toBe(1);
  });

  it('reproduces X from Q and R on a full-rank matrix', () => {
    const r = ref.ill_scaled;
    const A = X(r);
    const d = qr(A);
    const R = qrR(d);
    for (let j = 0; j < 3; j++) {
      const rj = new Float64Array(r.rows);
      for (let i = 0; i <= j; i++) rj[i] = R[i + j * 3];
      const col = qrQy(d, rj);
      const scale = norm2(A.data, j * r.rows, (j + 1) * r.rows);
      for (let i = 0; i < r.rows; i++) {
        assertClose(col[i], A.data[i + j * r.rows], {
          atol: 1e-14 * scale,
          rtol: 0,
          name: `QR[${i},${j}]`,
        });
      }
    }
    expect(multiply(A, new Float64Array([1, 0, 0]))).toEqual(new Float64Array(r.rows).fill(1));
  });
});
