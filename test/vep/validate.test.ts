import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readColumns } from '../../src/data/read.js';
import { setWarningSink } from '../../src/log.js';
import { validateWarning, type Validation } from '../../src/vep/validate.js';
import { assertClose } from '../helpers/assert-close.js';

/** A pair of waves as test/fixtures/r/validate.R writes it (jsonlite unboxes length-1 arrays). */
interface RefPair {
  from: number;
  to: number;
  n: number;
  n_missing_outcome?: number;
  n_not_scored?: number;
  base_rate?: number;
  auc?: number | null;
  brier?: number;
  poor_now_auc?: number | null;
  poor_now_brier?: number;
  calibration?: {
    bin: number;
    n: number;
    mean_predicted: number | null;
    observed: number | null;
  }[];
  rules?: {
    rule: string;
    flagged: number;
    caught: number;
    precision: number | null;
    recall: number | null;
  }[];
  /** The scored households' ids and v (jsonlite writes ids as numbers here). */
  ids?: (number | string)[] | number | string;
  v?: number[] | number;
}
interface Ref {
  data: string;
  x: string[];
  line: number;
  variance?: 'linear' | 'exponential';
  models: Record<string, { pairs: RefPair[] }>;
}

const load = (name: string): Ref =>
  JSON.parse(readFileSync(`test/fixtures/ref/${name}.json`, 'utf8')) as Ref;
const TOL = { rtol: 0, atol: 1e-9 };
const close = (a: number | null, e: number | null | undefined, name: string) => {
  if (e === null || e === undefined) return expect(a, name).toBeNull();
  expect(a, name).not.toBeNull();
  assertClose(a!, e, { ...TOL, name });
};

/**
 * `auc: false` for the linear variance equation on PSID: most σ sit at the floor there, many v
 * in the far tails of Φ, where R's pnorm and povrisk's normal CDF differ in the last bits and
 * reorder near-ties (v itself still agrees to 1e-9, and so do Brier and calibration).
 */
function compare(
  actual: Validation,
  expected: { pairs: RefPair[] },
  label: string,
  options: { auc: boolean } = { auc: true },
): void {
  expect(actual.pairs.length, `${label}: pairs`).toBe(expected.pairs.length);
  expected.pairs.forEach((e, k) => {
    const a = actual.pairs[k];
    const at = `${label} ${e.from}→${e.to}`;
    expect(a.from).toBe(String(e.from));
    expect(a.to).toBe(String(e.to));
    expect(a.n, `${at}: n`).toBe(e.n);
    if (e.n === 0) return expect(a.auc).toBeNull();
    expect(a.nMissingOutcome, `${at}: n_missing_outcome`).toBe(e.n_missing_outcome);
    expect(a.nNotScored, `${at}: n_not_scored`).toBe(e.n_not_scored);
    close(a.baseRate, e.base_rate, `${at}: base_rate`);
    if (options.auc) close(a.auc, e.auc, `${at}: auc`);
    close(a.brier, e.brier, `${at}: brier`);
    close(a.poorNowAuc, e.poor_now_auc, `${at}: poor_now_auc`);
    close(a.poorNowBrier, e.poor_now_brier, `${at}: poor_now_brier`);
    expect(a.calibration.length).toBe(e.calibration!.length);
    for (const b of e.calibration!) {
      const got = a.calibration[b.bin];
      expect(got.n, `${at}: calibration[${b.bin}].n`).toBe(b.n);
      close(got.meanPredicted, b.mean_predicted, `${at}: calibration[${b.bin}].mean_predicted`);
      close(got.observed, b.observed, `${at}: calibration[${b.bin}].observed`);
    }
    expect(
      a.rules.map((r) => r.rule),
      `${at}: rules`,
    ).toEqual(e.rules!.map((r) => r.rule));
    for (const r of e.rules!) {
      const got = a.rules.find((x) => x.rule === r.rule)!;
      expect([got.flagged, got.caught], `${at}: ${r.rule} flagged, caught`).toEqual([
        r.flagged,
        r.caught,
      ]);
      close(got.precision, r.precision, `${at}: ${r.rule} precision`);
      close(got.recall, r.recall, `${at}: ${r.rule} recall`);
    }
    // Every household's v, by id.
    const ids = [e.ids!].flat().map(String);
    const v = [e.v!].flat();
    expect(ids.length, `${at}: scored ids`).toBe(e.n);
    expect(v.length, `${at}: scored v`).toBe(e.n);
    const scores = actual.scores[k];
    const vOf = new Map(scores.ids.map((id, i) => [id, scores.v[i]]));
    expect(vOf.size, `${at}: scored households`).toBe(e.n);
    ids.forEach((id, i) => close(vOf.get(id)!, v[i], `${at}: v[${id}]`));
  });
}

const quiet = () => setWarningSink(() => undefined);

describe('validateWarning against R (test/fixtures/r/validate.R)', () => {
  const sim = load('validate-sim');
  for (const model of ['cross-section', 'history'] as const) {
    it(`simulated panel with gaps, ties and missing cells: ${model}`, async () => {
      const data = await readColumns(sim.data, {
        numeric: [...sim.x, 'per_capita_income', 'shock_illness'],
        text: ['id', 'wave'],
      });
      const previous = quiet();
      try {
        const result = validateWarning(data, {
          id: 'id',
          wave: 'wave',
          income: 'per_capita_income',
          x: sim.x,
          line: sim.line,
          model,
          monitoring: {
            lowIncomeLine: () => 6000,
            incomeDropShare: 0.3,
            shockColumns: ['shock_illness'],
            highVulnerability: {
              threshold: 0.6,
              income: 'per_capita_income',
              x: sim.x,
              line: 6000 / 1.5,
              variance: 'linear',
            },
          },
        });
        compare(result, sim.models[model], model);
      } finally {
        setWarningSink(previous);
      }
    });
  }

  const psid = load('validate-psid');
  const results = new Map<string, Validation>();
  // `variance` undefined: the default options (cross-section linear, history exponential).
  const runs = [
    { label: 'cross-section, exponential', model: 'cross-section', variance: 'exponential' },
    { label: 'cross-section, default (linear)', model: 'cross-section', variance: undefined },
    { label: 'history, default (exponential)', model: 'history', variance: undefined },
  ] as const;
  const refOf = { 'cross-section': 'cross-section', history: 'history' } as const;
  for (const run of runs) {
    it(`PSID 1976–1982 (a real panel): ${run.label}`, async () => {
      const data = await readColumns(psid.data, {
        numeric: [...psid.x, 'relative_wage'],
        text: ['id', 'year'],
      });
      const previous = quiet();
      try {
        const result = validateWarning(data, {
          id: 'id',
          wave: 'year',
          income: 'relative_wage',
          x: psid.x,
          line: psid.line,
          variance: run.variance,
          model: run.model,
        });
        const linear = run.variance === undefined && run.model === 'cross-section';
        const ref = linear ? 'cross-section-linear' : refOf[run.model];
        compare(result, psid.models[ref], run.label, { auc: !linear });
        results.set(run.label, result);
      } finally {
        setWarningSink(previous);
      }
    });
  }

  it('on PSID with the default options, history beats the cross-section VEP and poor_now on AUC and Brier in every pair it scores', () => {
    const cross = results.get('cross-section, default (linear)')!;
    const history = results.get('history, default (exponential)')!;
    expect(history.variance).toBe('exponential');
    expect(cross.variance).toBe('linear');
    const scored = history.pairs.filter((p) => p.n > 0);
    expect(scored.length).toBe(5); // 1977→1978 … 1981→1982 (1976→1977 has no earlier wave)
    let pairs = 0;
    for (const h of scored) {
      const c = cross.pairs.find((p) => p.from === h.from)!;
      const at = `${h.from}→${h.to}`;
      expect(h.auc!, `${at}: AUC history vs cross-section`).toBeGreaterThan(c.auc!);
      expect(h.auc!, `${at}: AUC history vs poor_now`).toBeGreaterThan(h.poorNowAuc!);
      expect(h.brier!, `${at}: Brier history vs cross-section`).toBeLessThan(c.brier!);
      expect(h.brier!, `${at}: Brier history vs poor_now`).toBeLessThan(h.poorNowBrier!);
      pairs++;
    }
    expect(pairs).toBe(5);
  });
});
