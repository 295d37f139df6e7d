import { describe, expect, it } from 'vitest';
import { readColumns } from '../../src/data/read.js';
import { estimateVep, type VepResult } from '../../src/vep/vep.js';
import { assertAllClose, assertClose } from '../helpers/assert-close.js';
import {
  asArray,
  fixturePath,
  loadReference,
  orNaN,
  type RefFit,
  type RefTidy,
} from './reference.js';

const TOL_V = 1e-9;

function checkEquation(
  actual: VepResult['summary']['meanEquation'],
  ref: RefTidy,
  name: string,
): void {
  expect(actual.coefficients.map((c) => c.term)).toEqual(ref.term);
  const rows = actual.coefficients;
  assertAllClose(
    rows.map((c) => c.estimate),
    ref.estimate,
    { rtol: 1e-8, atol: 1e-12, name: `${name} estimate`, names: ref.term },
  );
  assertAllClose(
    rows.map((c) => c.stdError),
    ref.std_error,
    { rtol: 1e-8, name: `${name} std_error`, names: ref.term },
  );
  assertAllClose(
    rows.map((c) => c.pValue),
    ref.p_value,
    { rtol: 1e-6, atol: 1e-12, name: `${name} p_value`, names: ref.term },
  );
}

function checkFit(r: VepResult, ref: RefFit, name: string): void {
  const s = r.summary;
  expect(s.nUsed).toBe(ref.n_used);
  expect(s.floored).toBe(ref.floored);
  expect(s.flooredFirstStep).toBe(ref.floored_first_step);
  const rows = asArray(ref.excluded.row);
  const statuses = asArray(ref.excluded.status);
  rows.forEach((row, k) =>
    expect(r.statusLabels[r.status[row - 1]], `status of row ${row}`).toBe(statuses[k]),
  );
  // Every household's v, μ and σ to 1e-9 (absolute for v, a probability).
  assertAllClose(r.vulnerability, orNaN(ref.vulnerability), {
    atol: TOL_V,
    rtol: 0,
    name: `${name} v`,
  });
  assertAllClose(r.meanLogIncome, orNaN(ref.mean_log_income), { rtol: 1e-10, name: `${name} mu` });
  assertAllClose(r.sdLogIncome, orNaN(ref.sd_log_income), { rtol: 1e-8, name: `${name} sigma` });
  checkEquation(s.meanEquation, ref.mean_equation, `${name} mean equation`);
  checkEquation(s.varianceEquation, ref.variance_equation, `${name} variance equation`);
  for (const [key, refKey] of [
    ['headcountRatio', 'headcount_ratio'],
    ['vulnerabilityRate', 'vulnerability_rate'],
    ['meanVulnerability', 'mean_vulnerability'],
    ['sdVulnerability', 'sd_vulnerability'],
  ] as const) {
    assertClose(s[key], ref[refKey], { rtol: 1e-9, atol: 1e-12, name: `${name} ${refKey}` });
  }
  assertClose(s.threshold, ref.threshold, { rtol: 1e-12, name: `${name} threshold` });
  for (const key of ['n', 'mean', 'sd', 'below', 'between', 'above'] as const) {
    assertClose(s.overall[key], ref.overall[key], {
      rtol: 1e-9,
      atol: 1e-12,
      name: `${name} overall ${key}`,
    });
  }
  for (const table of ref.by) {
    const mine = s.by.find((t) => t.column === table.column);
    expect(mine, `by ${table.column}`).toBeDefined();
    const refRows = asArray(table.rows);
    expect(mine!.rows.length).toBe(refRows.length);
    for (const refRow of refRows) {
      const row = mine!.rows.find((x) => x.group === String(refRow.group));
      expect(row, `group ${refRow.group}`).toBeDefined();
      for (const key of ['n', 'mean', 'sd', 'below', 'between', 'above'] as const) {
        assertClose(row![key], refRow[key] ?? NaN, {
          rtol: 1e-9,
          atol: 1e-12,
          name: `${name} ${table.column}=${refRow.group} ${key}`,
        });
      }
    }
  }
}

describe('estimateVep against R (test/fixtures/r/vep.R)', () => {
  const eu = loadReference('vep-eusilc');
  for (const [key, ref] of Object.entries(eu.fits)) {
    it(`eusilc households, ${key}`, async () => {
      const data = await readColumns(fixturePath(eu.data), {
        numeric: [eu.income, ...eu.x, 'weight'],
        text: ['region', 'female'],
      });
      const r = estimateVep(data, {
        income: eu.income,
        x: eu.x,
        line: eu.line,
        variance: ref.variance,
        weights: ref.weighted ? 'weight' : undefined,
        threshold: key.endsWith('relative') ? 'relative' : 0.5,
        by: ref.by.map((t) => t.column),
      });
      checkFit(r, ref, `eusilc ${key}`);
    });
  }

  const edge = loadReference('vep-edge');
  for (const [key, ref] of Object.entries(edge.fits)) {
    it(`synthetic edge cases, ${key}`, async () => {
      const weights = key.split('-')[1];
      const data = await readColumns(fixturePath(edge.data), {
        numeric: [edge.income, ...edge.x, 'w', 'w_equal'],
        text: ['county', 'all'],
      });
      const r = estimateVep(data, {
        income: edge.income,
        x: edge.x,
        line: edge.line,
        variance: ref.variance,
        weights,
        by: ['county', 'all'],
      });
      checkFit(r, ref, `edge ${key}`);
    });
  }
});
