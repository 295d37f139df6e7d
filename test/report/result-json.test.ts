import { describe, expect, it } from 'vitest';
import type { ColumnData } from '../../src/data/columns.js';
import { modelFrame } from '../../src/data/model-frame.js';
import { quantreg } from '../../src/models/quantreg/quantreg.js';
import { regress } from '../../src/models/regress.js';
import {
  pairValidationJson,
  quantregJson,
  regressionJson,
  snakeCase,
  snakeKeys,
  tableDescriptionJson,
  vepSummaryJson,
} from '../../src/report/result-json.js';
import { validateWarning } from '../../src/vep/validate.js';
import { estimateVep } from '../../src/vep/vep.js';

/*
 * The JSON names below are the published contract (docs/models.md, docs/vep.md,
 * docs/validation.md, and the names the R scripts in test/fixtures/r write), typed out here,
 * not derived from the code under test.
 */
const TIDY = ['term', 'estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high'];
const REGRESSION = [
  'n',
  'n_dropped',
  'df_residual',
  'r_squared',
  'adj_r_squared',
  'sigma',
  'f_test',
  'vce',
  'clusters',
  'weighted',
  'omitted',
  'coefficients',
];
const QUANTREG = [
  'se',
  'bandwidth',
  'n',
  'n_dropped',
  'df_residual',
  'weighted',
  'clusters',
  'reps',
  'fits',
];
const EQUATION = ['n', 'df_residual', 'r_squared', 'sigma', 'omitted', 'coefficients'];
const VEP = [
  'variance',
  'weighted',
  'line',
  'log_line',
  'variance_floor',
  'threshold',
  'threshold_rule',
  'bands',
  'n_rows',
  'n_used',
  'n_scored',
  'excluded',
  'floored',
  'floored_first_step',
  'zero_residuals',
  'headcount_ratio',
  'vulnerability_rate',
  'mean_vulnerability',
  'sd_vulnerability',
  'groups',
  'causes',
  'mean_equation',
  'variance_equation',
  'overall',
  'by',
];
const PAIR = [
  'from',
  'to',
  'n',
  'n_missing_outcome',
  'n_not_scored',
  'note',
  'base_rate',
  'auc',
  'brier',
  'poor_now_auc',
  'poor_now_brier',
  'calibration',
  'rules',
];

/** A seeded panel: 60 households × 3 waves, income driven by two regressors and noise. */
function panel(): ColumnData {
  let seed = 12345;
  const uniform = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
  const H = 60;
  const W = 3;
  const n = H * W;
  const size = new Float64Array(n);
  const male = new Float64Array(n);
  const income = new Float64Array(n);
  const id: string[] = [];
  const wave: string[] = [];
  const region: string[] = [];
  for (let h = 0; h < H; h++) {
    const s = 1 + Math.floor(uniform() * 6);
    const m = uniform() < 0.5 ? 0 : 1;
    for (let w = 0; w < W; w++) {
      const i = h * W + w;
      size[i] = s;
      male[i] = m;
      income[i] = Math.exp(8.5 - 0.1 * s + 0.2 * m + (0.3 + 0.05 * s) * (uniform() * 2 - 1) * 2);
      id.push(`h${h}`);
      wave.push(String(w + 1));
      region.push(h % 2 === 0 ? 'northHills' : 'southPlain');
    }
  }
  return {
    path: 'panel.csv',
    rows: n,
    numeric: new Map([
      ['size', size],
      ['male', male],
      ['income', income],
    ]),
    text: new Map([
      ['id', id],
      ['wave', wave],
      ['region', region],
    ]),
  };
}

/** Every key of every object in a JSON value, with the number of objects visited. */
function allKeys(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) allKeys(v, out);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      allKeys(v, out);
    }
  return out;
}

describe('snakeCase and snakeKeys', () => {
  it('turns each camelCase field name into the JSON name', () => {
    const cases: [string, string][] = [
      ['nUsed', 'n_used'],
      ['adjRSquared', 'adj_r_squared'],
      ['stdError', 'std_error'],
      ['poorNowAuc', 'poor_now_auc'],
      ['flooredFirstStep', 'floored_first_step'],
      ['usdPerDay', 'usd_per_day'],
      ['df1', 'df1'],
      ['sigma', 'sigma'],
    ];
    expect(cases).toHaveLength(8);
    for (const [camel, snake] of cases) expect(snakeCase(camel), camel).toBe(snake);
  });

  it('renames one level only: the keys of nested data stay as they are', () => {
    const groups = { highRisk: 0.25, 'chronic poor': 0.5 };
    const json = snakeKeys({ nUsed: 3, groups });
    expect(Object.keys(json)).toEqual(['n_used', 'groups']);
    expect(json.groups).toBe(groups);
    expect(Object.keys(json.groups)).toEqual(['highRisk', 'chronic poor']);
  });
});

describe('the JSON of each result type', () => {
  const data = panel();

  it('regress and qreg: the documented names, in order', () => {
    const frame = modelFrame(data, { y: 'income', x: ['size', 'male'] });
    const r = regressionJson(regress(frame, { vce: 'hc1' }).result);
    expect(Object.keys(r)).toEqual(REGRESSION);
    expect(Object.keys(r.f_test)).toEqual(['statistic', 'df1', 'df2', 'p_value']);
    expect(r.coefficients).toHaveLength(3);
    for (const row of r.coefficients) expect(Object.keys(row)).toEqual(TIDY);
    const q = quantregJson(quantreg(frame, { taus: [0.25, 0.75] }));
    expect(Object.keys(q)).toEqual(QUANTREG);
    expect(q.fits).toHaveLength(2);
    for (const fit of q.fits) {
      expect(Object.keys(fit)).toEqual(['tau', 'objective', 'n', 'coefficients']);
      expect(fit.coefficients).toHaveLength(3);
      for (const row of fit.coefficients) expect(Object.keys(row)).toEqual(TIDY);
    }
  });

  it('vep: the documented names; groups, causes and excluded keep their label keys', () => {
    const vep = estimateVep(data, {
      income: 'income',
      x: ['size', 'male'],
      line: 4000,
      by: ['region'],
    });
    const s = vepSummaryJson(vep.summary);
    expect(Object.keys(s)).toEqual(VEP);
    expect(s.groups).toBe(vep.summary.groups);
    expect(s.causes).toBe(vep.summary.causes);
    expect(s.excluded).toBe(vep.summary.excluded);
    for (const e of [s.mean_equation, s.variance_equation]) {
      expect(Object.keys(e)).toEqual(EQUATION);
      expect(e.coefficients).toHaveLength(3);
      for (const row of e.coefficients) expect(Object.keys(row)).toEqual(TIDY);
    }
    expect(s.by).toHaveLength(1);
    expect(s.by[0].rows.map((row) => row.group)).toEqual(['northHills', 'southPlain']);
    const keys = allKeys(JSON.parse(JSON.stringify(s)));
    expect(keys.length).toBeGreaterThan(100);
    expect(keys.filter((k) => /[A-Z]/.test(k))).toEqual([]);
  });

  it('validate: each pair, its calibration bins and its rules', () => {
    const v = validateWarning(data, {
      id: 'id',
      wave: 'wave',
      income: 'income',
      x: ['size', 'male'],
      line: 4000,
    });
    const pairs = v.pairs.map(pairValidationJson);
    expect(pairs).toHaveLength(2);
    for (const p of pairs) {
      expect(Object.keys(p)).toEqual(PAIR);
      expect(p.calibration.length).toBeGreaterThan(0);
      for (const b of p.calibration)
        expect(Object.keys(b)).toEqual(['bin', 'n', 'mean_predicted', 'observed']);
      expect(p.rules.length).toBeGreaterThan(0);
      for (const r of p.rules)
        expect(Object.keys(r)).toEqual(['rule', 'flagged', 'caught', 'precision', 'recall']);
    }
  });

  it('describe: value labels and missing codes keep their keys', () => {
    const valueLabels = { 1: 'male', 2: 'female' };
    const missingCodes = { '.a': 2 };
    const d = tableDescriptionJson({
      file: 'x.dta',
      rows: 5,
      label: null,
      columns: [
        {
          name: 'headSex',
          type: 'byte',
          label: null,
          format: '%8.0g',
          valueLabels,
          missing: 2,
          missingCodes,
        },
      ],
    });
    expect(Object.keys(d)).toEqual(['file', 'rows', 'label', 'columns']);
    expect(d.columns).toHaveLength(1);
    expect(Object.keys(d.columns[0])).toEqual([
      'name',
      'type',
      'label',
      'format',
      'value_labels',
      'missing',
      'missing_codes',
    ]);
    expect(d.columns[0].name).toBe('headSex');
    expect(d.columns[0].value_labels).toBe(valueLabels);
    expect(d.columns[0].missing_codes).toBe(missingCodes);
  });
});
