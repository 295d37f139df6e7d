import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCEDURE_STEPS } from '../../src/domain/procedure.js';
import { caseOf, setStatus } from '../../src/monitor/cases.js';
import { importWave } from '../../src/monitor/import.js';
import { addMeasure } from '../../src/monitor/measures.js';
import { assignCadre, openCase, recordStep } from '../../src/monitor/procedure.js';
import { myCases, overdueCases } from '../../src/monitor/procedure-queue.js';
import { rowsOf } from '../../src/monitor/sql.js';
import { openStore, type Store } from '../../src/monitor/store.js';
import { addUser } from '../../src/server/users.js';
import { FIXTURE_COLUMNS, panel, writeCsv, type Row } from './fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'povrisk-procedure-'));
const OPTIONAL = ['registered_poor', 'school_dropout', 'no_medical_insurance'];
let store: Store;

/** Households H00001..H00012 over waves 2021 and 2022, every guarantee secure. */
async function seed(s: Store): Promise<void> {
  const waves = panel({ households: 12, waves: 2, seed: 3, labels: ['2021', '2022'] });
  for (const [w, rows] of waves.entries()) {
    const label = String(2021 + w);
    const file = join(dir, `w${label}.csv`);
    const secure = (r: Row): Row => ({
      ...r,
      registered_poor: 0,
      school_dropout: 0,
      no_medical_insurance: 0,
      unsafe_housing: 0,
      unsafe_water: 0,
      able_to_work: 2,
      per_capita_income: r.household_id === 'H00002' && w === 1 ? 3000 : 20000,
    });
    writeCsv(file, rows.map(secure), [...FIXTURE_COLUMNS, ...OPTIONAL]);
    await importWave(s, file, { wave: label, date: `${label}-06-30` });
  }
}

beforeAll(async () => {
  store = await openStore(join(dir, 'p.duckdb'), { user: 'wang' });
  await seed(store);
  await store.db.run("INSERT INTO areas VALUES ('x', 'county', 'x', NULL, 'x', NULL, NULL)");
  await addUser(store, { username: 'li', role: 'admin', area: 'all', password: 'password-1' });
}, 60_000);
afterAll(() => store?.close());

describe('opening a case by hand', () => {
  it('records how the case was found, with its date and user', async () => {
    const k = await openCase(store, 'H00001', { foundBy: 'self_report', date: '2022-07-01' });
    expect(k.status).toBe('flagged');
    expect(k.found_by).toBe('self_report');
    expect(k.category).toBe('marginal');
    const file = await caseOf(store, 'H00001');
    expect(file.steps).toEqual([
      {
        step: 'found',
        date: '2022-07-01',
        result: 'self_report',
        end_date: null,
        note: null,
        user_name: 'wang',
      },
    ]);
  });

  it('accepts each way of finding a case', async () => {
    for (const [i, how] of ['cadre_visit', 'department_data', 'model_alert'].entries()) {
      const id = `H0000${i + 5}`;
      const k = await openCase(store, id, { foundBy: how, date: '2022-07-01' });
      expect(k.found_by).toBe(how);
    }
  });

  it('refuses an unknown way, an unknown household, a second open case, a bad category', async () => {
    await expect(openCase(store, 'H00003', { foundBy: 'rumour' })).rejects.toThrow(
      "invalid foundBy: 'rumour' (one of self_report, cadre_visit, department_data, model_alert)",
    );
    await expect(openCase(store, 'NOPE', { foundBy: 'self_report' })).rejects.toThrow(
      "no household 'NOPE' in the store",
    );
    await expect(openCase(store, 'H00001', { foundBy: 'cadre_visit' })).rejects.toThrow(
      'household H00001 already has an open case (flagged)',
    );
    await expect(
      openCase(store, 'H00003', { foundBy: 'self_report', category: 'poor' }),
    ).rejects.toThrow("invalid category: 'poor'");
  });
});

describe('the procedure, step by step', () => {
  it('refuses each step before the one it needs, naming the missing step', async () => {
    const missing: Record<string, string> = {
      village_review: 'home verification',
      public_notice: 'home verification',
      township_review: 'home verification',
      county_approval: 'home verification',
    };
    for (const [step, what] of Object.entries(missing)) {
      await expect(
        recordStep(store, 'H00001', step, { date: '2022-07-05', noticeEnd: '2022-07-12' }),
      ).rejects.toThrow(`not recorded yet`);
      await expect(
        recordStep(store, 'H00001', step, { date: '2022-07-05', noticeEnd: '2022-07-12' }),
      ).rejects.toThrow(`${what} not recorded yet`);
    }
  });

  it('walks found → verification → village review → notice → township → county, with every refusal', async () => {
    const id = 'H00001';
    await expect(recordStep(store, id, 'verification', { date: '2022-06-30' })).rejects.toThrow(
      'household H00001: home verification on 2022-06-30 cannot come before found (2022-07-01)',
    );
    let steps = await recordStep(store, id, 'verification', { date: '2022-07-05' });
    expect((await caseOf(store, id)).case.status).toBe('verified');
    await expect(recordStep(store, id, 'verification', { date: '2022-07-06' })).rejects.toThrow(
      'household H00001: home verification already recorded on 2022-07-05',
    );
    await expect(recordStep(store, id, 'township_review', { date: '2022-07-06' })).rejects.toThrow(
      'household H00001: cannot record township review: village review not recorded yet',
    );
    await expect(
      recordStep(store, id, 'village_review', { date: '2022-07-08', result: 'maybe' }),
    ).rejects.toThrow("invalid result: 'maybe' (one of approved, rejected)");
    steps = await recordStep(store, id, 'village_review', { date: '2022-07-08' });
    await expect(recordStep(store, id, 'public_notice', { date: '2022-07-09' })).rejects.toThrow(
      'the public notice needs its last day (noticeEnd YYYY-MM-DD)',
    );
    await expect(
      recordStep(store, id, 'public_notice', { date: '2022-07-09', noticeEnd: '2022-07-12' }),
    ).rejects.toThrow('the public notice lasted 4 day(s); at least 5 are required');
    await expect(recordStep(store, id, 'township_review', { date: '2022-07-20' })).rejects.toThrow(
      'cannot record township review: public notice not recorded yet',
    );
    steps = await recordStep(store, id, 'public_notice', {
      date: '2022-07-09',
      noticeEnd: '2022-07-15',
    });
    await expect(recordStep(store, id, 'township_review', { date: '2022-07-14' })).rejects.toThrow(
      'township review on 2022-07-14 cannot come before public notice (2022-07-15)',
    );
    await expect(recordStep(store, id, 'county_approval', { date: '2022-07-20' })).rejects.toThrow(
      'cannot record county approval: township review not recorded yet',
    );
    steps = await recordStep(store, id, 'township_review', { date: '2022-07-18' });
    steps = await recordStep(store, id, 'county_approval', { date: '2022-07-25' });
    expect(steps.map((s) => s.step)).toEqual([...PROCEDURE_STEPS]);
    expect(steps.map((s) => [s.date, s.result, s.user_name])).toEqual([
      ['2022-07-01', 'self_report', 'wang'],
      ['2022-07-05', 'confirmed', 'wang'],
      ['2022-07-08', 'approved', 'wang'],
      ['2022-07-09', 'no_objection', 'wang'],
      ['2022-07-18', 'approved', 'wang'],
      ['2022-07-25', 'approved', 'wang'],
    ]);
    expect(steps[3].end_date).toBe('2022-07-15');
    const k = (await caseOf(store, id)).case;
    expect([k.status, k.monitored_since]).toEqual(['monitored', '2022-07-25']);
    await expect(recordStep(store, id, 'county_approval', { date: '2022-07-26' })).rejects.toThrow(
      'county approval already recorded on 2022-07-25',
    );
    await expect(recordStep(store, id, 'found', {})).rejects.toThrow("invalid step: 'found'");
  });

  it('a negative result dismisses the case, naming the step', async () => {
    const id = 'H00005';
    await recordStep(store, id, 'verification', { date: '2022-07-02' });
    await recordStep(store, id, 'village_review', { date: '2022-07-03', result: 'rejected' });
    const k = (await caseOf(store, id)).case;
    expect([k.status, k.reason, k.closed_on]).toEqual([
      'dismissed',
      'village review: rejected',
      '2022-07-03',
    ]);
    await expect(
      recordStep(store, id, 'public_notice', { date: '2022-07-04', noticeEnd: '2022-07-10' }),
    ).rejects.toThrow('household H00005: the case is closed (dismissed)');
  });

  it('an objection during the notice and an unconfirmed verification dismiss too', async () => {
    await recordStep(store, 'H00006', 'verification', {
      date: '2022-07-02',
      result: 'not_confirmed',
    });
    expect((await caseOf(store, 'H00006')).case.status).toBe('dismissed');
    await recordStep(store, 'H00007', 'verification', { date: '2022-07-02' });
    await recordStep(store, 'H00007', 'village_review', { date: '2022-07-03' });
    await recordStep(store, 'H00007', 'public_notice', {
      date: '2022-07-04',
      noticeEnd: '2022-07-08',
      result: 'objection',
    });
    const k = (await caseOf(store, 'H00007')).case;
    expect([k.status, k.reason, k.closed_on]).toEqual([
      'dismissed',
      'public notice: objection',
      '2022-07-08',
    ]);
  });

  it('set-status verified and monitored go through the steps', async () => {
    await openCase(store, 'H00008', { foundBy: 'cadre_visit', date: '2022-07-01' });
    await expect(setStatus(store, 'H00008', 'monitored', { date: '2022-07-02' })).rejects.toThrow(
      "cannot move from 'flagged' to 'monitored'",
    );
    const k = await setStatus(store, 'H00008', 'verified', { date: '2022-07-02' });
    expect(k.status).toBe('verified');
    await expect(setStatus(store, 'H00008', 'monitored', { date: '2022-07-03' })).rejects.toThrow(
      'cannot record county approval: village review not recorded yet',
    );
  });
});

describe('responsible cadre, my cases, overdue cases', () => {
  it('assigns a user, refuses an unknown one, lists my cases', async () => {
    await expect(assignCadre(store, 'H00008', 'ghost')).rejects.toThrow(
      "no user 'ghost' (add the account with povrisk users add first)",
    );
    const k = await assignCadre(store, 'H00008', 'li');
    expect(k.responsible).toBe('li');
    await assignCadre(store, 'H00001', 'li');
    const mine = await myCases(store, 'li', { asOf: '2022-07-20' });
    expect(mine.map((r) => [r.household_id, r.next_step, r.due, r.days_overdue])).toEqual([
      ['H00008', 'village_review', '2022-07-12', 8],
      ['H00001', null, null, null],
    ]);
    expect(await myCases(store, 'wang')).toEqual([]);
  });

  it('lists the overdue cases under the default and configured deadlines', async () => {
    // H00008: verified 07-02, village review due in 10 days (07-12).
    const at = (asOf: string, deadlines?: Record<string, number>) =>
      overdueCases(store, { asOf, deadlines }).then((r) =>
        r.map((x) => [x.household_id, x.next_step, x.due, x.days_overdue]),
      );
    expect(await at('2022-07-12')).toEqual([]);
    expect(await at('2022-07-13')).toEqual([['H00008', 'village_review', '2022-07-12', 1]]);
    expect(await at('2022-07-13', { village_review: 30 })).toEqual([]);
    await openCase(store, 'H00009', { foundBy: 'self_report', date: '2022-07-01' });
    expect(await at('2022-07-17', { verification: 15 })).toEqual([
      ['H00008', 'village_review', '2022-07-12', 5],
      ['H00009', 'verification', '2022-07-16', 1],
    ]);
    expect(await at('2022-07-17', { verification: 16 })).toEqual([
      ['H00008', 'village_review', '2022-07-12', 5],
    ]);
  });
});

describe('elimination, measures and the transition period', () => {
  it('records housing and drinking-water measures with an end date, and refuses a reversed one', async () => {
    const m = await addMeasure(store, 'H00001', {
      type: 'drinking_water',
      date: '2022-08-01',
      end_date: '2022-12-31',
      amount: 800,
    });
    expect([m.type, m.date, m.end_date]).toEqual(['drinking_water', '2022-08-01', '2022-12-31']);
    expect((await addMeasure(store, 'H00001', { type: 'housing', date: '2022-08-02' })).type).toBe(
      'housing',
    );
    await expect(
      addMeasure(store, 'H00001', { type: 'housing', date: '2022-08-02', end_date: '2022-08-01' }),
    ).rejects.toThrow("endDate 2022-08-01 is before the measure's date 2022-08-02");
  });

  it('refuses elimination naming each guarantee that is not secure or not recorded', async () => {
    const c = store.db;
    // The six-month rule also counts from the day the server recorded the county's approval:
    // move that record seven months back, as if the steps had been entered then.
    await c.run(
      `UPDATE events SET recorded_at = recorded_at - INTERVAL 7 MONTH
       WHERE entity = 'case' AND action IN ('status', 'step') AND entity_id IN
         (SELECT CAST(case_id AS VARCHAR) FROM cases WHERE household_id = 'H00001')`,
    );
    await c.run(
      `UPDATE observations SET school_dropout = 1, no_medical_insurance = NULL, unsafe_housing = 1,
         unsafe_water = 1 WHERE household_id = 'H00001' AND wave = '2022'`,
    );
    const err = await setStatus(store, 'H00001', 'risk eliminated', { date: '2023-02-01' }).catch(
      (e: Error) => e.message,
    );
    expect(err).toBe(
      'household H00001: risk elimination refused: compulsory education (义务教育) not secure in wave 2022; ' +
        'basic medical care (基本医疗) not recorded in wave 2022; safe housing (住房安全) not secure in wave 2022; ' +
        'safe drinking water (饮水安全) not secure in wave 2022',
    );
    for (const [flag, label] of [
      ['school_dropout', 'compulsory education'],
      ['no_medical_insurance', 'basic medical care'],
      ['unsafe_housing', 'safe housing'],
      ['unsafe_water', 'safe drinking water'],
    ]) {
      const set = ['school_dropout', 'no_medical_insurance', 'unsafe_housing', 'unsafe_water']
        .map((f) => `${f} = ${f === flag ? 1 : 0}`)
        .join(', ');
      await c.run(`UPDATE observations SET ${set} WHERE household_id = 'H00001' AND wave = '2022'`);
      const one = await setStatus(store, 'H00001', 'risk eliminated', { date: '2023-02-01' }).catch(
        (e: Error) => e.message,
      );
      expect(one).toBe(
        `household H00001: risk elimination refused: ${label} (${
          {
            school_dropout: '义务教育',
            no_medical_insurance: '基本医疗',
            unsafe_housing: '住房安全',
            unsafe_water: '饮水安全',
          }[flag]
        }) not secure in wave 2022`,
      );
    }
    await c.run(
      `UPDATE observations SET unsafe_water = 0 WHERE household_id = 'H00001' AND wave = '2022'`,
    );
    const k = await setStatus(store, 'H00001', 'risk eliminated', { date: '2023-02-01' });
    expect(k.status).toBe('risk eliminated');
  });

  it('keeps recording measures during the transition period after elimination, not after', async () => {
    const m = await addMeasure(store, 'H00001', { type: 'employment', date: '2023-06-01' });
    expect(m.type).toBe('employment');
    await expect(
      addMeasure(store, 'H00001', { type: 'employment', date: '2024-02-02' }),
    ).rejects.toThrow(
      'household H00001: the risk was eliminated on 2023-02-01; measures may be recorded until 2024-02-01 (the transition period)',
    );
    await expect(
      addMeasure(
        store,
        'H00001',
        { type: 'employment', date: '2024-02-02' },
        { transitionMonths: 24 },
      ),
    ).resolves.toBeTruthy();
    await expect(
      addMeasure(store, 'H00005', { type: 'employment', date: '2022-08-01' }),
    ).rejects.toThrow('household H00005: the case is closed (dismissed)');
  });

  it('every step and assignment is in the event log with its user', async () => {
    const rows = await rowsOf(
      store.db,
      `SELECT action, count(*) AS n FROM events WHERE entity = 'case' AND user_name = 'wang'
       GROUP BY action ORDER BY action`,
    );
    const n = Object.fromEntries(rows.map((r) => [r.action, Number(r.n)]));
    expect(n.open).toBe(6);
    expect(n.assign).toBe(2);
    expect(n.step).toBeGreaterThanOrEqual(11);
  });
});
