import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { PG_SERVER_URL } from '../helpers/postgres.js';
import { CLI } from '../helpers/run-cli.js';
import { makeStore, PASSWORD } from './harness.js';

/** One answer, or the network error that replaced it, and when it came (ms since start). */
interface Outcome {
  readonly status: number | null;
  readonly error: string | null;
  readonly at: number;
}

const t0 = performance.now();

/** Sends one request on `agent` (a keep-alive agent); never rejects. */
function send(url: string, agent: Agent, method: string, path: string, body?: string) {
  const { hostname, port } = new URL(url);
  return new Promise<Outcome>((resolve) => {
    const req = httpRequest(
      {
        host: hostname,
        port,
        method,
        path,
        agent,
        headers: body
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
          : {},
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, error: null, at: performance.now() - t0 }),
        );
      },
    );
    req.on('error', (e) => resolve({ status: null, error: e.message, at: performance.now() - t0 }));
    req.end(body);
  });
}

/** PostgreSQL databases made here, dropped at the end. */
const databases: string[] = [];
afterAll(async () => {
  delete process.env.POVRISK_TEST_STORE;
  for (const url of databases) {
    const client = new pg.Client({ connectionString: PG_SERVER_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
    await client.end();
  }
});

describe.each([
  ['DuckDB', false],
  ['PostgreSQL', true],
] as const)('povrisk serve on %s, SIGTERM under load', (_name, postgres) => {
  test.skipIf(postgres && !PG_SERVER_URL)(
    'keep-alive connections idle and sign-ins in flight: the answers come, then exit 0 within seconds, no internal error',
    async () => {
      if (postgres) process.env.POVRISK_TEST_STORE = 'postgres';
      else delete process.env.POVRISK_TEST_STORE;
      const db = await makeStore({ households: 30, waves: 1 });
      if (postgres) databases.push(db);
      const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, TZ: 'UTC' },
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
        child.once('exit', (code) => resolve({ code, at: performance.now() - t0 })),
      );
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(d.toString());
          if (m) resolve(m[1]);
        });
        void exited.then(({ code }) => reject(new Error(`serve exited ${code}: ${stderr}`)));
      });
      // Keep-alive connections left idle (what a browser or a load tool keeps open).
      const idle = new Agent({ keepAlive: true, maxSockets: 4 });
      const warm = await Promise.all(
        Array.from({ length: 4 }, () => send(url, idle, 'GET', '/api/health')),
      );
      expect(warm.map((w) => w.status)).toEqual([200, 200, 200, 200]);
      // Sign-ins (a password hash each, so they take a while), each on its own connection.
      const busy = new Agent({ keepAlive: true, maxSockets: 12 });
      const body = JSON.stringify({ username: 'admin', password: PASSWORD });
      const answers = Array.from({ length: 12 }, () => send(url, busy, 'POST', '/api/login', body));
      await Promise.race(answers);
      child.kill('SIGTERM');
      const killedAt = performance.now() - t0;
      const outcomes = await Promise.all(answers);
      const { code, at } = await exited;
      idle.destroy();
      busy.destroy();

      expect(outcomes).toHaveLength(12);
      // None was cut: each was answered, by its handler or (not yet begun) by "closing".
      for (const o of outcomes) {
        expect(o.error).toBeNull();
        expect([200, 503]).toContain(o.status);
      }
      // Sign-ins in flight when the signal came were finished, not dropped.
      expect(outcomes.filter((o) => o.status === 200 && o.at > killedAt).length).toBeGreaterThan(0);
      expect(code).toBe(0);
      expect(at - killedAt).toBeLessThan(5000);
      expect(stderr).not.toMatch(/internal error/);
      expect(stderr).toBe('');
    },
    60_000,
  );
});
