import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listAlerts } from '../../src/monitor/list-alerts.js';
import { login, makeStore, rawRequest, startServer, type Client, type Running } from './harness.js';

let s: Running;
let v: Client;
let id: string;
beforeAll(async () => {
  s = await startServer(await makeStore({ households: 40, waves: 2 }));
  v = await login(s.url, 'v01');
  id = (await listAlerts(s.store, { village: 'V01', status: 'flagged' }))[0].household_id;
});
afterAll(async () => s?.close());

const errorOf = async (r: Response) => ((await r.json()) as { error: string }).error;

describe('strict input', () => {
  test.each([
    ['/api/households/1%00', /^path: must not contain NUL/],
    ['/api/households/H%0a1', /^path: must not contain NUL/],
    ['/api/alerts?wave=2020%00', /^query: must not contain NUL/],
    ['/api/alerts?offset=1e20', /^query\.offset: must be <= 1000000000$/],
    ['/api/alerts?limit=Infinity', /^query\.limit: must be a finite number$/],
    ['/api/alerts?limit=-Infinity', /^query\.limit: must be a finite number$/],
    ['/api/alerts?offset=Infinity', /^query\.offset: must be a finite number$/],
    ['/api/alerts?limit=100000', /^query\.limit: must be <= 1000$/],
    ['/api/alerts?limit=NaN', /^query\.limit: must be integer$/],
    ['/api/alerts?limit=1.5', /^query\.limit: must be integer$/],
    ['/api/alerts?limit=5&limit=6', /^query\.limit: must be integer$/],
    ['/api/events?since=2021-02-30', /--since|since/],
    ['/api/summary?county=Muli', /^query\.county: is not a known field$/],
    ['/api/households/H00001?debug=1', /^query\.debug: is not a known field$/],
  ])('GET %s answers 400 naming the field', async (path, message) => {
    const a = path.startsWith('/api/events') ? await login(s.url, 'admin') : v;
    const r = await a.get(path);
    expect(r.status, path).toBe(400);
    expect(await errorOf(r)).toMatch(message);
  });

  test('-Infinity is not cached as an empty page: the next valid request gets rows', async () => {
    expect((await v.get('/api/alerts?limit=-Infinity')).status).toBe(400);
    const r = await v.get('/api/alerts?limit=5');
    expect(r.status).toBe(200);
    expect(((await r.json()) as unknown[]).length).toBe(5);
  });

  test.each([
    [{ type: 'health', date: '2022-07-01', amount: null }, /^body\.amount: must be number$/],
    [{ type: 'health', date: '2022-07-01', amount: true }, /^body\.amount: must be number$/],
    [{ type: 'health', date: '2022-07-01', amount: '3000' }, /^body\.amount: must be number$/],
    [
      { type: 'health', date: '2022-07-01', amount: 1e300 },
      /^body\.amount: must be <= 1000000000$/,
    ],
    [{ type: 'health', date: '2022-07-01', note: 'a\u0000b' }, /^body\.note: must not contain NUL/],
    [{ type: 'health', date: '2022-07-01', note: 7 }, /^body\.note: must be string$/],
    [{ type: 'health', date: 20220701 }, /^body\.date: must be string$/],
  ])('measure %j answers 400 %s, and stores nothing', async (body, message) => {
    const before = (await s.store.db.all('SELECT count(*) AS n FROM measures'))[0].n;
    const r = await v.post(`/api/households/${id}/measures`, body);
    expect(r.status).toBe(400);
    expect(await errorOf(r)).toMatch(message);
    const after = (await s.store.db.all('SELECT count(*) AS n FROM measures'))[0].n;
    expect(after).toBe(before);
  });

  test('a status reason must be text: 123 is refused', async () => {
    const r = await v.post(`/api/households/${id}/status`, { status: 'dismissed', reason: 123 });
    expect(r.status).toBe(400);
    expect(await errorOf(r)).toBe('body.reason: must be string');
  });

  test('a body sent to an endpoint that takes none answers 400', async () => {
    const w = await login(s.url, 'v03');
    const r = await w.post('/api/logout', { everyone: true });
    expect(r.status).toBe(400);
    expect(await errorOf(r)).toBe('body: this endpoint takes no body');
    expect((await w.post('/api/logout')).status).toBe(204);
  });

  test('a user name with a NUL answers 400, not 500', async () => {
    const r = await fetch(`${s.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'adm\u0000in', password: 'test-password-1' }),
    });
    expect(r.status).toBe(400);
    expect(await errorOf(r)).toMatch(/^body\.username: must not contain NUL/);
  });
});

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fuzz', () => {
  test('3,000 generated bad requests: no 5xx, and the server still answers', async () => {
    const admin = await login(s.url, 'admin');
    const rand = rng(17);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const weird = [
      '%00',
      '%0a',
      '%0d',
      '%1f',
      '%7f',
      '%ff',
      '%c0%ae',
      '%',
      '%%',
      '%zz',
      '..',
      '%2e%2e',
      '%2f',
      '%c3%a9',
      '%e4%b8%ad',
      'null',
      'undefined',
      '-1',
      '1e20',
      'Infinity',
      '-Infinity',
      'NaN',
      '0x10',
      "'",
      '"',
      ';',
      '<script>',
      '{}',
      '[]',
      '__proto__',
      'constructor',
      'a'.repeat(300),
    ];
    const values: unknown[] = [
      null,
      true,
      false,
      0,
      -1,
      1e308,
      -1e308,
      1.5,
      '',
      ' ',
      'x'.repeat(5000),
      'a\u0000b',
      '\u0007',
      '\u001b[2J',
      '\ud800',
      [],
      [1, 2],
      {},
      { a: { b: { c: {} } } },
      '=cmd|calc',
      '2099-01-01',
      '0000-00-00',
      '2022-02-30',
      -0,
      'risk eliminated',
      'flagged',
    ];
    const fields = [
      'type',
      'date',
      'amount',
      'note',
      'status',
      'reason',
      'username',
      'password',
      '__proto__',
      'constructor',
      'x',
    ];
    const paths = [
      '/api/alerts',
      '/api/alerts.csv',
      '/api/events',
      '/api/households/H00001',
      '/api/households/H00001/measures',
      '/api/households/H00001/status',
      '/api/login',
      '/api/logout',
      '/api/me',
      '/api/summary',
      '/api/overview',
      '/api/meta',
      '/api/model',
      '/api/nothing',
      '/%61pi/alerts',
      '/api/households/',
    ];
    const queryKeys = [
      'limit',
      'offset',
      'wave',
      'village',
      'sort',
      'status',
      'since',
      'user',
      'x',
    ];
    const N = 3000;
    const statuses = new Map<number, number>();
    const requests = Array.from({ length: N }, (_, k) => {
      let path = pick(paths);
      if (rand() < 0.3) path = path.replace(/[A-Za-z0-9]$/, pick(weird));
      if (rand() < 0.6) {
        const q = Array.from(
          { length: 1 + Math.floor(rand() * 3) },
          () => `${pick(queryKeys)}=${pick(weird)}`,
        );
        path += `?${q.join('&')}`;
      }
      const post = rand() < 0.5;
      let body: string | undefined;
      if (post) {
        const kind = rand();
        if (kind < 0.1) body = '{"a":';
        else if (kind < 0.15) body = '[1,2,3]';
        else if (kind < 0.2) body = '"text"';
        else if (kind < 0.25) body = '{"a":1e999}';
        else if (kind < 0.3) body = `{"__proto__":{"x":1}}`;
        else {
          const o: Record<string, unknown> = {};
          for (let f = Math.floor(rand() * 5); f > 0; f--) o[pick(fields)] = pick(values);
          body = JSON.stringify(o);
        }
      }
      const who = k % 3 === 0 ? undefined : k % 3 === 1 ? v : admin;
      const headers: Record<string, string> = {};
      if (who) headers.cookie = who.cookie;
      if (who && rand() < 0.8) headers['x-csrf-token'] = who.csrf;
      if (post && rand() < 0.1)
        headers['content-type'] = pick([
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/json; charset=latin1',
        ]);
      return {
        method: post ? 'POST' : pick(['GET', 'GET', 'HEAD', 'DELETE', 'PUT']),
        path,
        body,
        headers,
      };
    });
    let next = 0;
    const failures: string[] = [];
    const worker = async () => {
      while (next < requests.length) {
        const q = requests[next++];
        if (q.path.includes('logout')) q.path = q.path.replace('logout', 'me');
        let r;
        try {
          r = await rawRequest(s.url, q);
        } catch (e) {
          failures.push(`${q.method} ${q.path} ${q.body ?? ''} → ${String(e)}`);
          continue;
        }
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status >= 500)
          failures.push(`${q.method} ${q.path} ${q.body ?? ''} → ${r.status} ${r.body}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(failures).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(N);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
    expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
    expect((await admin.get('/api/summary')).status).toBe(200);
  }, 180_000);
});
