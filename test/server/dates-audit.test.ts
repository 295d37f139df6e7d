import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listEvents } from '../../src/monitor/events.js';
import { listAlerts } from '../../src/monitor/list-alerts.js';
import { login, makeStore, startServer, type Client, type Running } from './harness.js';

let s: Running;
let v: Client;
let flagged: string[];
beforeAll(async () => {
  s = await startServer(await makeStore({ households: 80, waves: 3 }));
  v = await login(s.url, 'v01');
  flagged = [
    ...new Set(
      (await listAlerts(s.store, { village: 'V01', status: 'flagged' })).map((a) => a.household_id),
    ),
  ];
});
afterAll(async () => s?.close());

/** Today in the server's local calendar, shifted by `days`. */
function day(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
const errorOf = async (r: Response) => ((await r.json()) as { error: string }).error;

/**
 * The procedure from a verified case to the county's approval (which makes it monitored), one
 * step a day from `dates[0]`: village review, public notice (5 days), township review, approval.
 */
async function approve(id: string, dates: readonly string[]): Promise<void> {
  const steps: [string, Record<string, string>][] = [
    ['village_review', { date: dates[0] }],
    ['public_notice', { date: dates[1], notice_end: dates[2] }],
    ['township_review', { date: dates[3] }],
    ['county_approval', { date: dates[4] }],
  ];
  for (const [step, body] of steps) {
    const r = await v.post(`/api/households/${id}/steps`, { step, ...body });
    expect([step, r.status, r.status === 200 ? '' : await errorOf(r)]).toEqual([step, 200, '']);
  }
}

describe('dates that cannot be faked', () => {
  test('a status dated far ahead is refused and blocks nothing', async () => {
    expect(flagged.length).toBeGreaterThanOrEqual(4);
    const id = flagged[0];
    const r = await v.post(`/api/households/${id}/status`, {
      status: 'verified',
      date: '2099-01-01',
    });
    expect(r.status).toBe(400);
    expect(await errorOf(r)).toBe(`date 2099-01-01: lies in the future (latest allowed ${day(1)})`);
    const ok = await v.post(`/api/households/${id}/status`, { status: 'verified', date: day(0) });
    expect(ok.status).toBe(200);
  });

  test('one day of clock skew is allowed, two are not', async () => {
    const id = flagged[1];
    const two = await v.post(`/api/households/${id}/status`, { status: 'verified', date: day(2) });
    expect(two.status).toBe(400);
    const one = await v.post(`/api/households/${id}/status`, { status: 'verified', date: day(1) });
    expect(one.status).toBe(200);
    expect(((await one.json()) as { status_on: string }).status_on).toBe(day(1));
  });

  test('monitored today, then risk eliminated dated next year, is refused', async () => {
    const id = flagged[2];
    const verified = await v.post(`/api/households/${id}/status`, {
      status: 'verified',
      date: day(-10),
    });
    expect(verified.status).toBe(200);
    await approve(id, [day(-9), day(-8), day(-4), day(-3), day(0)]);
    const next = `${Number(day(0).slice(0, 4)) + 1}-06-01`;
    const r = await v.post(`/api/households/${id}/status`, {
      status: 'risk eliminated',
      date: next,
    });
    expect(r.status).toBe(400);
    expect(await errorOf(r)).toMatch(/lies in the future/);
  });

  test('measures: not in the future, not before the case was opened', async () => {
    const id = flagged[3];
    const future = await v.post(`/api/households/${id}/measures`, { type: 'health', date: day(5) });
    expect(future.status).toBe(400);
    expect(await errorOf(future)).toMatch(/^date \d{4}-\d\d-\d\d: lies in the future/);
    const early = await v.post(`/api/households/${id}/measures`, {
      type: 'health',
      date: '2001-01-01',
    });
    expect(early.status).toBe(400);
    expect(await errorOf(early)).toMatch(/not before the opening of the case, \d{4}-\d\d-\d\d/);
  });

  test('the six-month rule counts from the recorded dates, not the typed ones', async () => {
    const id = flagged[3];
    expect(
      (await v.post(`/api/households/${id}/status`, { status: 'verified', date: '2023-01-01' }))
        .status,
    ).toBe(200);
    await approve(id, ['2023-01-02', '2023-01-03', '2023-01-07', '2023-01-08', '2023-01-09']);
    // the typed dates say two years of monitoring; the server recorded the move today
    const r = await v.post(`/api/households/${id}/status`, { status: 'risk eliminated' });
    expect(r.status).toBe(400);
    const msg = await errorOf(r);
    expect(msg).toContain(
      `monitoring was recorded on ${day(0)}, less than 6 months before today (${day(0)})`,
    );
    expect(msg).not.toContain('monitored since');
    // seven months later by the server's own record (simulated by moving the recorded time)
    const caseId = (
      (await (await v.get(`/api/households/${id}`)).json()) as { case: { case_id: number } }
    ).case.case_id;
    await s.store.db.run(
      `UPDATE events SET recorded_at = recorded_at - INTERVAL 7 MONTH
       WHERE entity = 'case' AND entity_id = '${caseId}' AND action IN ('status', 'step')`,
    );
    const later = await v.post(`/api/households/${id}/status`, { status: 'risk eliminated' });
    const again = later.status === 200 ? '' : await errorOf(later);
    expect(again).not.toContain('monitoring was recorded');
    expect(again).not.toContain('monitored since');
  });

  test('the event log keeps the server time beside the typed date', async () => {
    const id = flagged[1];
    const caseId = (
      (await (await v.get(`/api/households/${id}`)).json()) as { case: { case_id: number } }
    ).case.case_id;
    // `verified` is the home verification step, typed as tomorrow (one day of clock skew)
    const ev = await listEvents(s.store, { entity: 'case', entityId: String(caseId) });
    const steps = ev.filter((e) => e.action === 'step');
    expect(steps.length).toBe(1);
    expect(steps[0].after).toMatchObject({ step: 'verification', date: day(1) });
    expect(steps[0].recorded_at.slice(0, 10)).toBe(day(0));
  });
});

describe('the audit trail', () => {
  test('list reads are logged with the filter and the row count', async () => {
    const before = (await listEvents(s.store)).length;
    const r = await v.get('/api/alerts?wave=2021&limit=7&offset=1');
    const rows = (await r.json()) as unknown[];
    const added = (await listEvents(s.store)).slice(before);
    expect(added.length).toBe(1);
    expect(added[0]).toMatchObject({
      user_name: 'v01',
      action: 'list',
      entity: 'alerts',
      after: {
        filter: { wave: '2021', county: 'Xide', township: 'Xide T1', village: 'V01' },
        limit: 7,
        offset: 1,
        rows: rows.length,
        total: Number(r.headers.get('x-total-count')),
      },
    });
    expect(rows.length).toBe(7);
  });

  test('a request for another area is logged as refused', async () => {
    const before = (await listEvents(s.store)).length;
    const r = await v.get('/api/alerts?village=V03');
    expect(await r.json()).toEqual([]);
    const added = (await listEvents(s.store)).slice(before);
    expect(added.map((e) => [e.action, e.entity])).toEqual([
      ['refused', 'alerts'],
      ['list', 'alerts'],
    ]);
    expect(added[0].after).toMatchObject({ filter: { village: 'V03' } });
  });

  test('sign-in and sign-out are logged', async () => {
    const before = (await listEvents(s.store)).length;
    const w = await login(s.url, 't1');
    expect((await w.post('/api/logout')).status).toBe(204);
    const added = (await listEvents(s.store)).slice(before);
    expect(added.map((e) => [e.action, e.user_name, e.entity_id])).toEqual([
      ['login', 't1', 't1'],
      ['logout', 't1', 't1'],
    ]);
  });

  test('admins read the log filtered and paged; the read itself is logged', async () => {
    const a = await login(s.url, 'admin');
    const r = await a.get('/api/events?action=logout&limit=5');
    expect(r.status).toBe(200);
    const events = (await r.json()) as { action: string; user_name: string }[];
    const all = (await listEvents(s.store)).filter((e) => e.action === 'logout');
    expect(all.length).toBeGreaterThan(0);
    expect(events.length).toBe(Math.min(5, all.length));
    expect(r.headers.get('x-total-count')).toBe(String(all.length));
    for (const e of events) expect(e.action).toBe('logout');
    const byUser = (await (await a.get('/api/events?user=t1&entity=user')).json()) as {
      user_name: string;
    }[];
    expect(byUser.length).toBeGreaterThanOrEqual(2);
    for (const e of byUser) expect(e.user_name).toBe('t1');
    const last = (await listEvents(s.store)).at(-1)!;
    expect(last).toMatchObject({ user_name: 'admin', action: 'list', entity: 'events' });
    expect((await v.get('/api/events')).status).toBe(403);
  });
});
