import { createTestDatabase } from '../helpers/postgres.js';
import type { FastifyInstance } from 'fastify';
import { request as httpRequest } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importWave } from '../../src/monitor/import.js';
import { runRules } from '../../src/monitor/run.js';
import { openStore, type Store } from '../../src/monitor/store.js';
import { buildApp, type AppOptions } from '../../src/server/app.js';
import { addUser } from '../../src/server/users.js';
import { panel, writeCsv } from '../monitor/fixture.js';

/** The accounts of a test store: name → [role, area]. Every password is `PASSWORD`. */
export const ACCOUNTS: Readonly<Record<string, readonly [string, string]>> = {
  admin: ['admin', 'all'],
  xide: ['county', 'Xide'],
  t1: ['township', 'Xide T1'],
  v01: ['village', 'V01'],
  v03: ['village', 'V03'],
};
export const PASSWORD = 'test-password-1';

/**
 * A monitoring store in a fresh temp folder: the monitor fixture's panel (4 villages in 3
 * counties) imported wave by wave and scored, plus the `ACCOUNTS`.
 */
export async function makeStore(
  options: { households?: number; waves?: number; seed?: number } = {},
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'povrisk-server-'));
  // POVRISK_TEST_STORE=postgres (set by the *-postgres test files): a fresh PostgreSQL database.
  const db =
    process.env.POVRISK_TEST_STORE === 'postgres'
      ? (await createTestDatabase()).url
      : join(dir, 'monitor.duckdb');
  const waves = panel({
    households: options.households ?? 120,
    waves: options.waves ?? 3,
    seed: options.seed ?? 7,
  });
  const store = await openStore(db, { user: 'setup' });
  try {
    for (let w = 0; w < waves.length; w++) {
      const file = join(dir, `wave${w + 1}.csv`);
      const wave = String(2020 + w);
      writeCsv(
        file,
        waves[w].map((row) => ({ ...row, wave })),
      );
      await importWave(store, file, { wave, date: `${wave}-06-30` });
      await runRules(store, { wave });
    }
    for (const [name, [role, area]] of Object.entries(ACCOUNTS)) {
      await addUser(store, { username: name, role, area, password: PASSWORD });
    }
  } finally {
    await store.close();
  }
  return db;
}

/** A running server on a free loopback port, with its store. */
export interface Running {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly store: Store;
  close(): Promise<void>;
}

/** Starts the dashboard server on 127.0.0.1, port 0. */
export async function startServer(db: string, options: AppOptions = {}): Promise<Running> {
  const store = await openStore(db, { user: 'server' });
  const app = await buildApp(store, { webRoot: null, ...options });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    app,
    store,
    close: async () => {
      await app.close();
      store.close();
    },
  };
}

/** A signed-in client: sends the session cookie and, on POST, the CSRF token. */
export interface Client {
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  readonly cookie: string;
  readonly csrf: string;
}

/** Signs in over HTTP and returns a client carrying the cookies. */
export async function login(url: string, username: string, password = PASSWORD): Promise<Client> {
  const r = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const cookies = r.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = ((await r.json()) as { csrf_token: string }).csrf_token;
  const cookie = cookies.join('; ');
  return {
    cookie,
    csrf,
    get: (path) => fetch(`${url}${path}`, { headers: { cookie } }),
    post: (path, body, headers = {}) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: {
          cookie,
          'x-csrf-token': csrf,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  };
}

/** An answer of `rawRequest`. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * Sends one request exactly as given: the request target is written as is (percent-escapes,
 * absolute form `http://host/path`), and the Host header may be anything.
 */
export function rawRequest(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: hostname,
        port,
        method: options.method ?? 'GET',
        path: options.path,
        agent: false,
        headers: {
          ...(options.body === undefined
            ? {}
            : {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(options.body),
              }),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`timeout: ${options.path}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}
