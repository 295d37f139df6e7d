import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importWave } from '../../src/monitor/import.js';
import { rulesFrom } from '../../src/monitor/rules.js';
import { runRules } from '../../src/monitor/run.js';
import { rowsOf } from '../../src/monitor/sql.js';
import { openStore } from '../../src/monitor/store.js';
import { FIXTURE_COLUMNS, panel, writeCsv, type Row } from './fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'povrisk-hardship-'));
const EXTRA = ['registered_poor', 'medical_expenditure', 'schooling_expenditure', 'disaster_loss'];

/** One wave of 40 households: registration alternates, every 5th is poor, spending varies. */
function wave(): Row[] {
  return panel({ households: 40, waves: 1, seed: 5 })[0].map((r, i) => ({
    ...r,
    wave: '2021',
    registered_poor: i % 3 === 2 ? '' : i % 2,
    per_capita_income: i % 5 === 0 ? 4000 : 12000,
    family_size: 4,
    medical_expenditure: i % 4 === 1 ? 10000 + 1000 * i : '',
    schooling_expenditure: i % 4 === 3 ? 3000 : '',
    disaster_loss: i % 7 === 6 ? 20000 : '',
  }));
}

async function alertsOf(rulesInput: unknown) {
  const db = join(dir, `${Math.random().toString(36).slice(2)}.duckdb`);
  const store = await openStore(db, { user: 't' });
  try {
    const file = join(dir, 'w.csv');
    const rows = wave();
    writeCsv(file, rows, [...FIXTURE_COLUMNS, ...EXTRA]);
    await importWave(store, file, { wave: '2021', date: '2021-06-30' });
    await runRules(store, { wave: '2021', rules: rulesFrom(rulesInput) });
    const alerts = await rowsOf(
      store.db,
      'SELECT household_id, rule, category, reason, reason_zh FROM alerts ORDER BY household_id, rule',
    );
    return { rows, alerts };
  } finally {
    store.close();
  }
}

const num = (x: string | number) => (x === '' ? 0 : Number(x));

describe('registration status and the low_income category', () => {
  it('is unstable for registered households and marginal for the others (and unknown)', async () => {
    const { rows, alerts } = await alertsOf({
      high_vulnerability: { enabled: false },
      new_shock: { enabled: false },
      high_expenditure: { enabled: false },
    });
    const low = alerts.filter((a) => a.rule === 'low_income');
    const expected = rows.filter((r) => Number(r.per_capita_income) < 6000);
    expect(low.length).toBe(expected.length);
    expect(expected.length).toBe(8);
    for (const r of expected) {
      const a = low.find((x) => x.household_id === r.household_id);
      expect(a?.category, String(r.household_id)).toBe(
        r.registered_poor === 1 ? 'unstable' : 'marginal',
      );
    }
  });

  it('follows the mapping of the rules file', async () => {
    const { alerts } = await alertsOf({
      high_vulnerability: { enabled: false },
      new_shock: { enabled: false },
      high_expenditure: { enabled: false },
      low_income: { category: { registered: 'sudden_hardship', other: 'unstable' } },
    });
    const cats = new Set(alerts.filter((a) => a.rule === 'low_income').map((a) => a.category));
    expect(cats).toEqual(new Set(['sudden_hardship', 'unstable']));
    const one = await alertsOf({
      high_vulnerability: { enabled: false },
      new_shock: { enabled: false },
      high_expenditure: { enabled: false },
      low_income: { category: 'marginal' },
    });
    expect(new Set(one.alerts.map((a) => a.category))).toEqual(new Set(['marginal']));
  });

  it('refuses a mapping without both keys', () => {
    expect(() => rulesFrom({ low_income: { category: { registered: 'unstable' } } })).toThrow(
      'rules: invalid rules file: /low_income/category must be one of unstable, marginal, sudden_hardship, or { registered: …, other: … }',
    );
  });
});

describe('high_expenditure', () => {
  const only = { high_vulnerability: { enabled: false }, new_shock: { enabled: false } };
  const total = (r: Row) =>
    num(r.medical_expenditure) + num(r.schooling_expenditure) + num(r.disaster_loss);

  it('fires when spending exceeds half the household income (default), as sudden hardship', async () => {
    const { rows, alerts } = await alertsOf({ ...only, low_income: { enabled: false } });
    const fired = alerts.filter((a) => a.rule === 'high_expenditure');
    const expected = rows.filter((r) => total(r) > 0.5 * Number(r.per_capita_income) * 4);
    expect(expected.length).toBeGreaterThan(3);
    expect(fired.map((a) => a.household_id)).toEqual(expected.map((r) => r.household_id));
    expect(new Set(fired.map((a) => a.category))).toEqual(new Set(['sudden_hardship']));
    const r = expected[0];
    const a = fired[0];
    expect(a.reason).toContain(`rigid spending ${total(r).toLocaleString('en')} CNY`);
    expect(a.reason).toContain('above 50% of household income');
    expect(a.reason_zh).toContain('刚性支出');
  });

  it('fires above a fixed amount, and with both tests on either one', async () => {
    const { rows, alerts } = await alertsOf({
      ...only,
      low_income: { enabled: false },
      high_expenditure: { share: null, amount: 25000 },
    });
    const expected = rows.filter((r) => total(r) > 25000).map((r) => r.household_id);
    expect(expected.length).toBeGreaterThan(2);
    expect(alerts.map((a) => a.household_id)).toEqual(expected);
    const both = await alertsOf({
      ...only,
      low_income: { enabled: false },
      high_expenditure: { share: 0.9, amount: 25000 },
    });
    const either = rows
      .filter((r) => total(r) > 25000 || total(r) > 0.9 * Number(r.per_capita_income) * 4)
      .map((r) => r.household_id);
    expect(both.alerts.map((a) => a.household_id)).toEqual(either);
  });

  it('refuses a rule with neither test', () => {
    expect(() => rulesFrom({ high_expenditure: { share: null, amount: null } })).toThrow(
      'rules: invalid rules file: /high_expenditure: give share or amount',
    );
  });

  it('rejects negative spending on import, naming row and column', async () => {
    const store = await openStore(join(dir, 'neg.duckdb'), { user: 't' });
    try {
      const file = join(dir, 'neg.csv');
      const rows = wave();
      rows[2] = { ...rows[2], disaster_loss: -5 };
      writeCsv(file, rows, [...FIXTURE_COLUMNS, ...EXTRA]);
      const err = await importWave(store, file, { wave: '2021' }).catch((e) => e);
      expect(err.problems).toEqual([
        { row: 3, column: 'disaster_loss', value: '-5', why: expect.stringContaining('0') },
      ]);
    } finally {
      store.close();
    }
  });
});
