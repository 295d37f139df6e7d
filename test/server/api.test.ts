import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listAlerts } from '../../src/monitor/list-alerts.js';
import { listEvents } from '../../src/monitor/events.js';
import { buildApp } from '../../src/server/app.js';
import { OPENAPI } from '../../src/server/openapi.js';
import { login, makeStore, startServer, type Running } from './harness.js';

interface Alert {
  household_id: string;
  county: string;
  village: string;
  wave: string;
  rule: string;
  status: string;
}

let db: string;
let s: Running;
// Households cycle through villages V01, V03, V12, V07 (see test/monitor/fixture.ts).
const V01 = 'H00001';
const V03 = 'H00002';

beforeAll(async () => {
  db = await makeStore({ households: 120, waves: 3 });
  s = await startServer(db);
});
afterAll(async () => s?.close());

/** Every alert of a filter, page by page (1,000 rows a page at most; at most 100 pages). */
const alertsOf = async (c: Awaited<ReturnType<typeof login>>, query = '') => {
  const rows: Alert[] = [];
  for (let page = 0; page < 100; page++) {
    const r = await c.get(`/api/alerts?limit=1000&offset=${rows.length}${query}`);
    expect(r.status).toBe(200);
    const got = (await r.json()) as Alert[];
    rows.push(...got);
    if (rows.length >= Number(r.headers.get('x-total-count')) || got.length === 0) return rows;
  }
  throw new Error('more than 100 pages of alerts');
};

describe('anonymous', () => {
  test.each(['/api/alerts', '/api/summary', '/api/overview', `/api/households/${V01}`, '/api/me'])(
    'GET %s answers 401',
    async (path) => {
      const r = await fetch(`${s.url}${path}`);
      expect(r.status).toBe(401);
      expect(((await r.json()) as { error: string }).error).toMatch(/sign in/);
    },
  );
  test('a write answers 401 and records nothing', async () => {
    const r = await fetch(`${s.url}/api/households/${V01}/measures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'health', date: '2022-07-01' }),
    });
    expect(r.status).toBe(401);
  });
  test('health and the OpenAPI document are public and documented', async () => {
    expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
    const doc = (await (await fetch(`${s.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const p of ['/api/login', '/api/alerts', '/api/households/{id}', '/api/summary']) {
      expect(doc.paths).toHaveProperty([p]);
    }
    expect(doc.paths).toHaveProperty(['/api/households/{id}/measures']);
  });
  test('every documented operation is a route of the server', () => {
    for (const [path, ops] of Object.entries(OPENAPI.paths)) {
      for (const method of Object.keys(ops)) {
        const url = path.replace('{id}', ':id');
        expect(
          s.app.hasRoute({ method: method.toUpperCase() as 'GET', url }),
          `${method} ${path}`,
        ).toBe(true);
      }
    }
  });
  test('security headers on every answer', async () => {
    const r = await fetch(`${s.url}/api/health`);
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(r.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('same-origin');
  });
  test('a wrong password answers 401 with one message', async () => {
    const r = await fetch(`${s.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'nope-nope' }),
    });
    expect(r.status).toBe(401);
    expect(await r.json()).toEqual({ error: 'wrong user name or password' });
  });
  test('the session cookie is HttpOnly and SameSite=Strict', async () => {
    const r = await fetch(`${s.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'v01', password: 'test-password-1' }),
    });
    const cookies = r.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('povrisk_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(cookies.find((c) => c.startsWith('povrisk_csrf='))).toMatch(/SameSite=Strict/);
  });
});

describe('area scope', () => {
  test('admin sees every alert of the store', async () => {
    const admin = await login(s.url, 'admin');
    const rows = await alertsOf(admin);
    expect(rows.length).toBe((await listAlerts(s.store)).length);
    expect(new Set(rows.map((r) => r.village))).toEqual(new Set(['V01', 'V03', 'V07', 'V12']));
    expect(rows).toEqual((await listAlerts(s.store)).map((r) => ({ ...r })));
    const page = await admin.get('/api/alerts?wave=2021&sort=-vulnerability&limit=5&offset=2');
    const all = (await listAlerts(s.store, { wave: '2021' }))
      .map((r) => ({ ...r }))
      .sort((a, b) => (b.vulnerability ?? -1) - (a.vulnerability ?? -1));
    expect(page.headers.get('x-total-count')).toBe(String(all.length));
    expect(((await page.json()) as Alert[]).map((r) => r.household_id)).toEqual(
      all.slice(2, 7).map((r) => r.household_id),
    );
    expect(Object.keys(rows[0]).sort()).toEqual(
      expect.arrayContaining(['household_id', 'county', 'village', 'wave', 'rule', 'reason']),
    );
    const rule = rows[rows.length - 1].rule;
    const byRule = await admin.get(`/api/alerts?rule=${rule}&limit=1000`);
    const want = rows.filter((r) => r.rule === rule);
    expect(want.length).toBeLessThan(rows.length);
    expect(byRule.headers.get('x-total-count')).toBe(String(want.length));
    expect(await byRule.json()).toEqual(want);
  });
  test('a village account sees only its village, even when asking for another', async () => {
    const v = await login(s.url, 'v01');
    const rows = await alertsOf(v);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.village))).toEqual(new Set(['V01']));
    expect(await alertsOf(v, '&village=V03')).toEqual([]);
    expect(await alertsOf(v, `&household=${V03}`)).toEqual([]);
    const meta = (await (await v.get('/api/meta')).json()) as { villages: { village: string }[] };
    expect(meta.villages.map((x) => x.village)).toEqual(['V01']);
    const sum = (await (await v.get('/api/summary')).json()) as { households: number };
    expect(sum.households).toBe(30);
    const ov = (await (await v.get('/api/overview')).json()) as { villages: { village: string }[] };
    expect(ov.villages.map((x) => x.village)).toEqual(['V01']);
  });
  test('a township sees its villages, a county its county', async () => {
    const t = await login(s.url, 't1');
    expect(new Set((await alertsOf(t)).map((r) => r.village))).toEqual(new Set(['V01']));
    const c = await login(s.url, 'xide');
    expect(new Set((await alertsOf(c)).map((r) => r.village))).toEqual(new Set(['V01', 'V03']));
    expect((await c.get(`/api/households/${V03}`)).status).toBe(200);
    expect((await c.get('/api/households/H00003')).status).toBe(404);
  });
  test("a village account can neither read nor change another village's household", async () => {
    const v = await login(s.url, 'v01');
    const before = (await listEvents(s.store)).length;
    const read = await v.get(`/api/households/${V03}`);
    expect(read.status).toBe(404);
    expect(JSON.stringify(await read.json())).not.toMatch(/per_capita_income/);
    const m = await v.post(`/api/households/${V03}/measures`, {
      type: 'health',
      date: '2022-07-01',
    });
    expect(m.status).toBe(404);
    const st = await v.post(`/api/households/${V03}/status`, { status: 'verified' });
    expect(st.status).toBe(404);
    expect((await v.get('/api/households/NO-SUCH')).status).toBe(404);
    // nothing changed; each refused attempt is in the log
    const added = (await listEvents(s.store)).slice(before);
    expect(added.map((e) => [e.user_name, e.action, e.entity, e.entity_id])).toEqual([
      ['v01', 'refused', 'household', V03],
      ['v01', 'refused', 'household', V03],
      ['v01', 'refused', 'household', V03],
      ['v01', 'refused', 'household', 'NO-SUCH'],
    ]);
  });
});

describe('writes and the event log', () => {
  test('a household read is logged with the reader', async () => {
    const v = await login(s.url, 'v01');
    const r = await v.get(`/api/households/${V01}`);
    expect(r.status).toBe(200);
    const d = (await r.json()) as {
      observations: unknown[];
      scores: unknown[];
      household: { village: string };
    };
    expect(d.household.village).toBe('V01');
    expect(d.observations.length).toBe(3);
    expect(d.scores.length).toBe(3);
    const ev = await listEvents(s.store, { entity: 'household', entityId: V01 });
    expect(ev.at(-1)).toMatchObject({ action: 'read', user_name: 'v01' });
  });
  test('a measure and a status change land in the event log as the signed-in user', async () => {
    const v = await login(s.url, 'v01');
    const id = (await alertsOf(v, '&status=flagged'))[0].household_id;
    const m = await v.post(`/api/households/${id}/measures`, {
      type: 'employment',
      date: '2022-07-01',
      amount: 3000,
      note: '公益岗位',
    });
    expect(m.status).toBe(201);
    const measure = (await m.json()) as { measure_id: number; type: string };
    expect(measure.type).toBe('employment');
    const st = await v.post(`/api/households/${id}/status`, {
      status: 'verified',
      date: '2022-07-02',
    });
    expect(st.status).toBe(200);
    expect(((await st.json()) as { status: string }).status).toBe('verified');
    const events = await listEvents(s.store);
    const mine = events.filter((e) => e.user_name === 'v01');
    expect(mine.some((e) => e.action === 'add' && e.entity === 'measure')).toBe(true);
    expect(
      mine.some(
        (e) => e.action === 'step' && (e.after as { status: string }).status === 'verified',
      ),
    ).toBe(true);
    const after = await alertsOf(v, `&household=${id}`);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((a) => a.status === 'verified')).toBe(true);
    const detail = (await (await v.get(`/api/households/${id}`)).json()) as {
      measures: unknown[];
      next_statuses: string[];
    };
    expect(detail.measures.length).toBe(1);
    expect(detail.next_statuses).toEqual(['monitored', 'dismissed']);
  });
  test('refused elimination names the failing conditions', async () => {
    const a = await login(s.url, 'admin');
    const id = (await alertsOf(a, '&status=flagged'))[0].household_id;
    const verified = await a.post(`/api/households/${id}/status`, {
      status: 'verified',
      date: '2023-07-01',
    });
    expect(verified.status).toBe(200);
    const early = await a.post(`/api/households/${id}/status`, { status: 'monitored' });
    expect(early.status).toBe(400);
    expect(((await early.json()) as { error: string }).error).toMatch(
      /cannot record county approval: village review not recorded yet/,
    );
    for (const body of [
      { step: 'village_review', date: '2023-07-02' },
      { step: 'public_notice', date: '2023-07-03', notice_end: '2023-07-09' },
      { step: 'township_review', date: '2023-07-10' },
      { step: 'county_approval', date: '2023-07-11' },
    ]) {
      const r = await a.post(`/api/households/${id}/steps`, body);
      expect(r.status, await r.clone().text()).toBe(200);
    }
    const r = await a.post(`/api/households/${id}/status`, {
      status: 'risk eliminated',
      date: '2023-07-12',
    });
    expect(r.status).toBe(400);
    const msg = ((await r.json()) as { error: string }).error;
    expect(msg).toMatch(/risk elimination refused/);
    expect(msg).toMatch(/no assistance measure recorded/);
  });
});

describe('input validation', () => {
  test.each([
    [{ type: 'cash', date: '2022-07-01' }, /^body\.type: must be one of industry, employment/],
    [{ type: 'health', date: '2022-13-01' }, /date|--date/],
    [{ type: 'health', date: '1 July' }, /^body\.date: must be a date YYYY-MM-DD$/],
    [{ date: '2022-07-01' }, /^body\.type: is required$/],
    [{ type: 'health', date: '2022-07-01', amount: -5 }, /^body\.amount: must be >= 0$/],
    [{ type: 'health', date: '2022-07-01', colour: 'red' }, /^body\.colour: is not a known field$/],
  ])('measure %j answers 400 %s', async (body, message) => {
    const v = await login(s.url, 'v01');
    const r = await v.post(`/api/households/${V01}/measures`, body);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toMatch(message);
  });
  test('bad alert filters answer 400', async () => {
    const v = await login(s.url, 'v01');
    const r = await v.get('/api/alerts?limit=0');
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toMatch(/^query\.limit: must be >= 1$/);
    const st = await v.get('/api/alerts?status=gone');
    expect(((await st.json()) as { error: string }).error).toMatch(
      /^query\.status: must be one of flagged/,
    );
  });
  test('dismissing without a reason is refused', async () => {
    const v = await login(s.url, 'v01');
    const id = (await alertsOf(v, '&status=flagged'))[0].household_id;
    const r = await v.post(`/api/households/${id}/status`, { status: 'dismissed' });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toMatch(/reason is required/);
  });
});

describe('CSRF and sessions', () => {
  test('a write without the CSRF token, or from another origin, answers 403', async () => {
    const v = await login(s.url, 'v01');
    const body = { type: 'health', date: '2022-07-01' };
    const noToken = await v.post(`/api/households/${V01}/measures`, body, { 'x-csrf-token': '' });
    expect(noToken.status).toBe(403);
    const wrong = await v.post(`/api/households/${V01}/measures`, body, {
      'x-csrf-token': 'x'.repeat(43),
    });
    expect(wrong.status).toBe(403);
    const foreign = await v.post(`/api/households/${V01}/measures`, body, {
      origin: 'http://evil.example',
    });
    expect(foreign.status).toBe(403);
    const site = await v.post(`/api/households/${V01}/measures`, body, {
      'sec-fetch-site': 'cross-site',
    });
    expect(site.status).toBe(403);
  });
  test('logout ends the session', async () => {
    const v = await login(s.url, 'v01');
    expect((await v.post('/api/logout')).status).toBe(204);
    expect((await v.get('/api/me')).status).toBe(401);
  });
  test('sessions expire when idle and after the absolute limit', async () => {
    let t = 1_000_000;
    // a second app on the same open store, with a clock the test moves
    const app = await buildApp(s.store, {
      webRoot: null,
      sessions: { idleMs: 60_000, absoluteMs: 150_000, now: () => t },
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const v = await login(url, 'v01');
      t += 59_000;
      expect((await v.get('/api/me')).status).toBe(200);
      t += 61_000;
      expect((await v.get('/api/me')).status).toBe(401);
      const w = await login(url, 'v01');
      for (let k = 0; k < 3; k++) {
        t += 50_000;
        expect((await w.get('/api/me')).status).toBe(200);
      }
      t += 10_000;
      expect((await w.get('/api/me')).status).toBe(401);
    } finally {
      await app.close();
    }
  });
  test('failed sign-ins are rate limited', async () => {
    const app = await buildApp(s.store, { webRoot: null, limiter: { perAccount: 3 } });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const attempt = (password: string) =>
      fetch(`${url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'v03', password }),
      });
    try {
      for (let k = 0; k < 3; k++) expect((await attempt('wrong-wrong')).status).toBe(401);
      const limited = await attempt('test-password-1');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});
