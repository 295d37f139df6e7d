import { readFileSync } from 'node:fs';
import { modelFrame, type ModelFrame } from '../../../src/data/model-frame.js';
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

/** A reference file and its data, loaded through our own reader and model frame. */
export interface Reference {
  y: string;
  x: string[];
  weights?: string;
  cluster?: string;
  fits: RefFit[];
  frame: ModelFrame;
  /** Path of the CSV the reference was computed on. */
  csv: string;
}

/**
 * Loads test/fixtures/ref/NAME.json and the data file it was computed on (DATA.csv).
 * @example const ref = await loadReference('qreg-sim-weighted', 'qreg-sim');
 */
export async function loadReference(name: string, dataName = name): Promise<Reference> {
  const url = new URL(`../../fixtures/ref/${name}.json`, import.meta.url);
  const ref = JSON.parse(readFileSync(url, 'utf8')) as Omit<Reference, 'frame' | 'csv'>;
  const csv = new URL(`../../fixtures/data/${dataName}.csv`, import.meta.url).pathname;
  const numeric = [ref.y, ...ref.x, ...(ref.weights ? [ref.weights] : [])];
  const data = await readColumns(csv, { numeric, text: ref.cluster ? [ref.cluster] : [] });
  const frame = modelFrame(data, {
    y: ref.y,
    x: ref.x,
    weights: ref.weights,
    cluster: ref.cluster,
  });
  return { ...ref, frame, csv };
}
