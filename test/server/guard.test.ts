import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registeredRoutes } from '../../src/server/guard.js';
import { login, makeStore, rawRequest, startServer, type Running } from './harness.js';

let db: string;
let s: Running;
beforeAll(async () => {
  db = await makeStore({ households: 40, waves: 2 });
  s = await startServer(db);
});
afterAll(async () => s?.close());

const PUBLIC = ['GET /api/health', 'GET /api/openapi.json', 'POST /api/login'];

/** Spellings of one path that the router takes for the same route. */
function variants(path: string, authority: string): string[] {
  const encodeAll = (p: string) =>
    p
      .split('/')
      .map((seg) =>
        [...seg].map((ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
      )
      .join('/');
  const first = path.replace('/api/', '/%61pi/');
  return [
    path,
    first,
    path.replace('/api/', '/%61%70%69/'),
    path.replace(
      /\/([a-z])([^/]*)$/,
      (_, c: string, rest: string) => `/%${c.charCodeAt(0).toString(16)}${rest}`,
    ),
    encodeAll(path),
    encodeAll(path).toUpperCase(),
    `http://${authority}${path}`,
    `http://${authority}${first}`,
    `http://${authority}${encodeAll(path)}`,
  ];
}

describe('the guard follows the route, not the URL', () => {
  test('only login, health and the OpenAPI document are public', () => {
    const routes = registeredRoutes(s.app);
    const pub = routes
      .filter((r) => r.public && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(pub).toEqual(PUBLIC);
    expect(routes.filter((r) => !r.public).length).toBeGreaterThanOrEqual(10);
  });

  test('every other route, in every spelling, answers 401 to an anonymous request', async () => {
    const authority = new URL(s.url).host;
    const routes = registeredRoutes(s.app).filter((r) => !r.public);
    let sent = 0;
    for (const route of routes) {
      const path = route.url.replace(':id', 'H00001');
      const vs = variants(path, authority);
      expect(vs.length).toBe(9);
      for (const target of vs) {
        const r = await rawRequest(s.url, {
          method: route.method,
          path: target,
          body: route.method === 'POST' ? '{}' : undefined,
        });
        expect(r.status, `${route.method} ${target}: ${r.body}`).toBe(401);
        if (route.method !== 'HEAD') expect(JSON.parse(r.body).error).toMatch(/sign in/);
        sent++;
      }
    }
    expect(sent).toBe(routes.length * 9);
  });

  test('the model is not served to /%61pi/model nor to an absolute-form request line', async () => {
    for (const path of ['/%61pi/model', `http://${new URL(s.url).host}/api/model`]) {
      const r = await rawRequest(s.url, { path });
      expect(r.status, path).toBe(401);
      expect(r.body).not.toMatch(/published_table2/);
    }
  });

  test('POST /%61pi/login from another origin is refused like /api/login', async () => {
    const body = JSON.stringify({ username: 'admin', password: 'test-password-1' });
    for (const path of [
      '/api/login',
      '/%61pi/login',
      `http://${new URL(s.url).host}/%61pi/login`,
    ]) {
      const r = await rawRequest(s.url, {
        method: 'POST',
        path,
        body,
        headers: { origin: 'http://evil.example' },
      });
      expect(r.status, path).toBe(403);
    }
  });

  test('a signed-in write by another spelling still needs the CSRF token', async () => {
    const v = await login(s.url, 'v01');
    const r = await rawRequest(s.url, {
      method: 'POST',
      path: '/%61pi/logout',
      headers: { cookie: v.cookie },
    });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).error).toMatch(/CSRF/);
  });

  test("a route's roles hold in every spelling: the event log is for admin only", async () => {
    const v = await login(s.url, 'v01');
    for (const path of variants('/api/events', new URL(s.url).host)) {
      const r = await rawRequest(s.url, { path, headers: { cookie: v.cookie } });
      expect(r.status, path).toBe(403);
    }
    const a = await login(s.url, 'admin');
    expect((await a.get('/api/events')).status).toBe(200);
  });
});

describe("roles come from each route's config", () => {
  test('every route that names roles refuses a village account in every spelling (403)', async () => {
    const limited = registeredRoutes(s.app).filter((r) => r.roles !== null && r.method !== 'HEAD');
    expect(limited.map((r) => `${r.method} ${r.url} ${r.roles?.join('+')}`).sort()).toEqual([
      'GET /api/events admin',
      'POST /api/households/:id/cadre admin+county+township',
      'POST /api/waves admin+county',
    ]);
    const v = await login(s.url, 'v01');
    const authority = new URL(s.url).host;
    let sent = 0;
    for (const route of limited) {
      for (const path of variants(route.url.replace(':id', 'H00001'), authority)) {
        const r = await rawRequest(s.url, {
          method: route.method,
          path,
          headers: { cookie: v.cookie, 'x-csrf-token': v.csrf },
          body: route.method === 'POST' ? '{}' : undefined,
        });
        expect(r.status, `${route.method} ${path}: ${r.body}`).toBe(403);
        expect(JSON.parse(r.body).error).toBe(
          `a village account may not do this (only ${route.roles?.join(', ')})`,
        );
        sent++;
      }
    }
    expect(sent).toBe(limited.length * 9);
  });
});

describe('allowed hosts', () => {
  test('a Host that is not the bound address or localhost answers 421, even signed in', async () => {
    const a = await login(s.url, 'admin');
    const port = new URL(s.url).port;
    const ask = (host: string, path = '/api/me') =>
      rawRequest(s.url, { path, headers: { host, cookie: a.cookie } });
    expect((await ask(`127.0.0.1:${port}`)).status).toBe(200);
    expect((await ask(`localhost:${port}`)).status).toBe(200);
    const evil = await ask(`evil.example:${port}`);
    expect(evil.status).toBe(421);
    expect(JSON.parse(evil.body).error).toMatch(/host 'evil\.example:\d+' is not served/);
    expect((await ask('evil.example')).status).toBe(421);
    expect((await ask(`127.0.0.1:${port}`, `http://evil.example:${port}/api/me`)).status).toBe(421);
    expect((await ask(`evil.example:${port}`, '/api/health')).status).toBe(421);
  });

  test('--allowed-host names are served too', async () => {
    const t = await startServer(db, { allowedHosts: ['monitor.example.org'] });
    try {
      const port = new URL(t.url).port;
      const ask = (host: string) => rawRequest(t.url, { path: '/api/health', headers: { host } });
      expect((await ask(`monitor.example.org:${port}`)).status).toBe(200);
      expect((await ask(`MONITOR.example.org.:${port}`)).status).toBe(200);
      expect((await ask(`localhost:${port}`)).status).toBe(200);
      expect((await ask(`other.example.org:${port}`)).status).toBe(421);
    } finally {
      await t.close();
    }
  });
});
