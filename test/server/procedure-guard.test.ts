import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listEvents } from '../../src/monitor/events.js';
import { rowsOf } from '../../src/monitor/sql.js';
import { login, makeStore, startServer, type Client, type Running } from './harness.js';

// Issue 17's rules on issue 12's routes: dates of procedure steps, bounded and logged case
// queues, refused out-of-area attempts, and the upload's fields and Origin.

let s: Running;
let v: Client;
/** Flagged households of village V01 and one household of village V03. */
let mine: string[];
let other: string;
beforeAll(async () => {
  s = await startServer(await makeStore({ households: 80, waves: 3 }));
  v = await login(s.url, 'v01');
  const households = async (village: string, status: string) =>
    (
      await rowsOf(
        s.store.db,
        `SELECT DISTINCT k.household_id FROM cases k JOIN households h USING (household_id)
         JOIN areas a ON a.area_id = h.area_id
         WHERE a.village = '${village}' AND k.status = '${status}' ORDER BY 1`,
      )
    ).map((r) => String(r.household_id));
  mine = await households('V01', 'flagged');
  other = (await households('V03', 'flagged'))[0];
}, 120_000);
afterAll(async () => s?.close());

/** Today in the server's local calendar, shifted by `days`. */
function day(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
const errorOf = async (r: Response) => ((await r.json()) as { error: string }).error;
/** The logged events of an action (and entity), oldest first. */
const logged = async (action: string, entity?: string) =>
  (await listEvents(s.store, entity === undefined ? {} : { entity })).filter(
    (e) => e.action === action,
  );

describe('procedure steps: dates that cannot be faked', () => {
  test('a step dated after tomorrow is refused, and blocks nothing', async () => {
    expect(mine.length).toBeGreaterThanOrEqual(2);
    const id = mine[0];
    const far = await v.post(`/api/households/${id}/steps`, { step: 'verification', date: day(2) });
    expect(far.status).toBe(400);
    expect(await errorOf(far)).toBe(
      `date ${day(2)}: lies in the future (latest allowed ${day(1)})`,
    );
    const ok = await v.post(`/api/households/${id}/steps`, { step: 'verification', date: day(1) });
    expect(ok.status).toBe(200);
    const steps = (await ok.json()) as { step: string; date: string }[];
    expect(steps.map((x) => [x.step, x.date])).toEqual([
      ['found', expect.stringMatching(/^\d{4}-\d\d-\d\d$/)],
      ['verification', day(1)],
    ]);
  });

  test('a step dated before the previous step is refused, naming it', async () => {
    const id = mine[1];
    const found = (
      await rowsOf(
        s.store.db,
        `SELECT CAST(s.step_date AS VARCHAR) AS d FROM case_steps s JOIN cases k USING (case_id)
         WHERE k.household_id = '${id}' AND s.step = 'found'`,
      )
    )[0].d;
    const r = await v.post(`/api/households/${id}/steps`, {
      step: 'verification',
      date: '2001-01-01',
    });
    expect(r.status).toBe(400);
    expect(await errorOf(r)).toBe(
      `household ${id}: home verification on 2001-01-01 cannot come before found (${found})`,
    );
    // set-status verified is the same step, with the same bounds
    const far = await v.post(`/api/households/${id}/status`, {
      status: 'verified',
      date: '2099-01-01',
    });
    expect(far.status).toBe(400);
    expect(await errorOf(far)).toMatch(/^date 2099-01-01: lies in the future/);
  });

  test('a notice may end ahead, but the step after it may not be dated after tomorrow', async () => {
    const id = mine[0];
    for (const [step, date] of [
      ['village_review', day(1)],
      ['public_notice', day(1)],
    ] as const) {
      const body = step === 'public_notice' ? { step, date, notice_end: day(7) } : { step, date };
      const r = await v.post(`/api/households/${id}/steps`, body);
      expect([step, r.status]).toEqual([step, 200]);
    }
    const r = await v.post(`/api/households/${id}/steps`, {
      step: 'township_review',
      date: day(7),
    });
    expect(r.status).toBe(400);
    expect(await errorOf(r)).toMatch(/lies in the future/);
  });

  test('opening a case dated after tomorrow is refused', async () => {
    const closed = (
      await rowsOf(
        s.store.db,
        `SELECT h.household_id FROM households h JOIN areas a ON a.area_id = h.area_id
         WHERE a.village = 'V01' AND h.household_id NOT IN
           (SELECT household_id FROM cases WHERE status IN ('flagged', 'verified', 'monitored'))
         ORDER BY 1 LIMIT 1`,
      )
    )[0].household_id;
    const r = await v.post(`/api/households/${String(closed)}/open`, {
      found_by: 'self_report',
      date: day(3),
    });
    expect(r.status).toBe(400);
    expect(await errorOf(r)).toMatch(/^date \d{4}-\d\d-\d\d: lies in the future/);
  });

  test("another village's household answers 404 on every case route, logged as refused", async () => {
    const before = (await logged('refused')).length;
    for (const [path, body] of [
      ['steps', { step: 'verification' }],
      ['open', { found_by: 'self_report' }],
      ['cadre', { username: 'v01' }],
    ] as const) {
      const r = await v.post(`/api/households/${other}/${path}`, body);
      // the cadre route is for admin, county and township accounts: 403 before the area check
      expect([path, r.status]).toEqual([path, path === 'cadre' ? 403 : 404]);
    }
    const refused = (await logged('refused')).slice(before);
    expect(refused.length).toBe(2);
    for (const e of refused) {
      expect(e).toMatchObject({ user_name: 'v01', entity: 'household', entity_id: other });
    }
  });
});

describe('case queues: bounded pages, logged reads', () => {
  test('limit is at most 1,000 and finite; unknown fields are refused', async () => {
    const admin = await login(s.url, 'admin');
    for (const [path, message] of [
      ['/api/cases/overdue?limit=1001', 'query.limit: must be <= 1000'],
      ['/api/cases/mine?limit=0', 'query.limit: must be >= 1'],
      ['/api/cases/area?limit=Infinity', 'query.limit'],
      ['/api/cases/area?offset=1e20', 'query.offset'],
      ['/api/cases/mine?sort=due', 'query'],
    ]) {
      const r = await admin.get(path);
      expect([path, r.status]).toEqual([path, 400]);
      expect(await errorOf(r)).toContain(message);
    }
  });

  test('pages of the monitoring list follow limit and offset, and each read is logged', async () => {
    const admin = await login(s.url, 'admin');
    const open = Number(
      (
        await rowsOf(
          s.store.db,
          "SELECT count(*) AS n FROM cases WHERE status IN ('flagged', 'verified', 'monitored')",
        )
      )[0].n,
    );
    expect(open).toBeGreaterThanOrEqual(4);
    const all = (await (await admin.get('/api/cases/area')).json()) as { household_id: string }[];
    expect(all.length).toBe(open);
    const page = (await (await admin.get('/api/cases/area?limit=2&offset=1')).json()) as {
      household_id: string;
    }[];
    expect(page.map((r) => r.household_id)).toEqual(all.slice(1, 3).map((r) => r.household_id));
    const last = (await logged('list', 'cases')).at(-1);
    expect(last).toMatchObject({ user_name: 'admin', after: { queue: 'area', rows: 2 } });
  });

  test("a village account asking for another county's list gets nothing, logged as refused", async () => {
    const r = await v.get('/api/cases/area?county=Elsewhere');
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual([]);
    const refused = (await logged('refused', 'cases')).at(-1);
    expect(refused).toMatchObject({
      user_name: 'v01',
      after: { filter: { county: 'Elsewhere' }, reason: 'outside the account area' },
    });
  });
});

describe('the wave upload under the guard', () => {
  const upload = (c: Client, fields: Record<string, string>, headers = {}) => {
    const f = new FormData();
    for (const [k, x] of Object.entries(fields)) f.append(k, x);
    f.append('file', new Blob(['household_id\n']), 'w.csv');
    return fetch(`${s.url}/api/waves`, {
      method: 'POST',
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, ...headers },
      body: f,
    });
  };

  test('a control character in a field is refused, naming it', async () => {
    const county = await login(s.url, 'xide');
    const r = await upload(county, { wave: '2023\u0000' });
    expect(r.status).toBe(400);
    expect(await errorOf(r)).toBe('body.wave: must not contain NUL or other control characters');
  });

  test('a cross-origin upload or one without the CSRF token is refused', async () => {
    const county = await login(s.url, 'xide');
    const cross = await upload(county, { wave: '2023' }, { origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    const noToken = await upload(county, { wave: '2023' }, { 'x-csrf-token': 'wrong' });
    expect(noToken.status).toBe(403);
    expect(await errorOf(noToken)).toMatch(/CSRF/);
  });
});
