/**
 * `povrisk/linalg`: Householder QR with LINPACK's pivoting, the tall-skinny QR, matrices on
 * column-major Float64Array. Loads no file reader, database or document writer.
 * @example import { qr, fromColumns } from 'povrisk/linalg';
 */
export { qr, qrQty, qrQy, qrR, type QR } from './qr.js';
export { matrix, fromColumns, type Matrix } from './matrix.js';
export { tsqr, startTsqr, type Tsqr, type TsqrStream } from './tsqr.js';
