import { readFileSync } from 'node:fs';
import { fromColumns, type Matrix } from '../../../src/linalg/matrix.js';
import { readColumns } from '../../../src/data/read.js';

/** One τ of a reference file written by test/fixtures/r/qreg-*.R. */
export interface RefFit {
  tau: number;
  objective: number;
  n: number;
  terms: string[];
  coefficients: number[];
  [se: string]: unknown;
}

/** A reference file and its data, loaded through our own reader. */
export interface Reference {
  y: string;
  x: string[];
  weights?: string;
  fits: RefFit[];
  X: Matrix;
  yv: Float64Array;
  w: Float64Array | null;
}

/**
 * Loads test/fixtures/ref/NAME.json and test/fixtures/data/NAME.csv.
 * @example const ref = await loadReference('qreg-engel');
 */
export async function loadReference(name: string): Promise<Reference> {
  const url = new URL(`../../fixtures/ref/${name}.json`, import.meta.url);
  const ref = JSON.parse(readFileSync(url, 'utf8')) as Omit<Reference, 'X' | 'yv' | 'w'>;
  const path = new URL(`../../fixtures/data/${name}.csv`, import.meta.url).pathname;
  const cols = [ref.y, ...ref.x, ...(ref.weights ? [ref.weights] : [])];
  const data = await readColumns(path, { numeric: cols });
  const X = fromColumns(
    ref.x.map((c) => data.numeric.get(c)!),
    { intercept: 'first' },
  );
  return {
    ...ref,
    X,
    yv: data.numeric.get(ref.y)!,
    w: ref.weights ? data.numeric.get(ref.weights)! : null,
  };
}
