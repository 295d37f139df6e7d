#!/usr/bin/env node
/* global URL, fetch, performance, setTimeout, clearTimeout */
// Dashboard load test: C concurrent signed-in users (admin and village officers) of an
// N-household store, for a bounded time, against `povrisk serve` on loopback: each polls the
// alert list (--scenario alerts), or loads the dashboard's pages over and over (--scenario
// dashboard: the page, /api/me, /api/summary, /api/overview, /api/meta, the first 100 alerts
// of wave 2, /api/model). --servers K starts K server processes on one store (PostgreSQL
// only: a DuckDB file is held by one process); the users sign in concurrently, each on the
// process after the one it then loads pages from, so with K > 1 every session is used on a
// process other than the one that made it.
// Usage: node bench/server-load.mjs [--households 100000] [--connections 200] [--duration 20]
//          [--db FILE|postgres://…] [--servers 1] [--scenario alerts|dashboard] [--out FILE]
//   --db FILE builds FILE, or reuses it if it exists; --db postgres://… builds the store in
//   that database unless it already holds households; without --db a temporary DuckDB store
//   is built and removed. Run `npm run build` first.
// Prints sign-in latency, request count, throughput, errors and latency percentiles (p50,
// p95, p99) and writes them to --out (default bench/out/server-load.json).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import autocannon from 'autocannon';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist/cli/main.js');
const { values: o } = parseArgs({
  options: {
    households: { type: 'string', default: '100000' },
    connections: { type: 'string', default: '200' },
    duration: { type: 'string', default: '20' },
    db: { type: 'string' },
    servers: { type: 'string', default: '1' },
    scenario: { type: 'string', default: 'alerts' },
    out: { type: 'string', default: join(ROOT, 'bench/out/server-load.json') },
  },
});
const N = Number(o.households);
const C = Number(o.connections);
const K = Number(o.servers);
const PASSWORD = 'bench-password-1';
const ALERTS = '/api/alerts?wave=2&limit=100';
const SCENARIOS = {
  alerts: [ALERTS],
  dashboard: ['/', '/api/me', '/api/summary', '/api/overview', '/api/meta', ALERTS, '/api/model'],
};
const paths = SCENARIOS[o.scenario];
if (!paths) throw new Error(`--scenario: alerts or dashboard, not ${o.scenario}`);
const work = mkdtempSync(join(tmpdir(), 'povrisk-bench-server-'));
const db = o.db ?? join(work, 'bench.duckdb');
const postgres = /^postgres(ql)?:\/\//.test(db);
if (!(Number.isInteger(K) && K >= 1) || (!postgres && K > 1)) {
  throw new Error(`--servers ${o.servers}: 1, or more on a PostgreSQL store (--db postgres://…)`);
}
const povrisk = (args, input) =>
  execFileSync(process.execPath, [CLI, ...args], {
    input,
    stdio: ['pipe', 'pipe', 'inherit'],
  }).toString();
const seconds = (t0) => ((performance.now() - t0) / 1000).toFixed(1);
const quantile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** The village area ids of the store. */
async function villageIds() {
  const sql = "SELECT area_id FROM areas WHERE level = 'village' ORDER BY 1";
  if (postgres) {
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    try {
      return (await client.query(sql)).rows.map((r) => String(r.area_id));
    } finally {
      await client.end();
    }
  }
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRows().map((r) => String(r[0]));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const built = postgres
  ? JSON.parse(povrisk(['monitor', 'summary', '--db', db, '--json'])).households > 0
  : existsSync(db);
if (!built) {
  let t0 = performance.now();
  const panel = join(work, 'panel.csv');
  povrisk(['simulate', '--households', String(N), '--seed', '1', '--waves', '2', '--out', panel]);
  for (const wave of ['1', '2']) {
    povrisk(['monitor', 'import', panel, '--db', db, '--wave', wave, '--date', `202${wave}-06-30`]);
    povrisk(['monitor', 'run', '--db', db, '--wave', wave]);
  }
  console.log(`store of ${N} households × 2 waves built in ${seconds(t0)} s`);
  const summary = JSON.parse(povrisk(['monitor', 'summary', '--db', db, '--json']));
  console.log(`households ${summary.households}, open alerts ${summary.alerts_open}`);
  const villages = await villageIds();
  povrisk(['users', 'add', 'admin', '--role', 'admin', '--area', 'all', '--db', db], PASSWORD);
  for (const [k, v] of villages.entries()) {
    povrisk(['users', 'add', `v${k}`, '--role', 'village', '--area', v, '--db', db], PASSWORD);
  }
}

/** Starts `povrisk serve` on a free port and resolves with the process and its URL. */
function serve() {
  const server = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => {
      const m = /(http:\/\/\S+)/.exec(d.toString());
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`povrisk serve exited with ${code}`)));
  });
  return { server, url };
}

const servers = Array.from({ length: K }, serve);
try {
  const urls = await Promise.all(servers.map((s) => s.url));
  const login = async (url, username) => {
    const t0 = performance.now();
    const r = await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
    const cookie = r.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return { cookie, ms: performance.now() - t0 };
  };
  const admin = (await login(urls[0], 'admin')).cookie;
  const meta = await (await fetch(`${urls[0]}/api/meta`, { headers: { cookie: admin } })).json();
  const villages = meta.villages.length;
  // one admin in ten; the others are village officers spread over the villages. Autocannon
  // gives client k the URL urls[k % K]: user k signs in on the next process.
  const users = Array.from({ length: C }, (_, k) => (k % 10 === 0 ? 'admin' : `v${k % villages}`));
  const t0 = performance.now();
  const signedIn = await Promise.all(users.map((u, k) => login(urls[(k + 1) % K], u)));
  const cookies = signedIn.map((s) => s.cookie);
  const loginMs = signedIn.map((s) => s.ms).sort((a, b) => a - b);
  console.log(
    `${C} users signed in at once on ${K} process(es) in ${seconds(t0)} s: ` +
      `p50 ${quantile(loginMs, 0.5).toFixed(0)} ms, p95 ${quantile(loginMs, 0.95).toFixed(0)} ms`,
  );
  const cold = performance.now();
  const first = await fetch(`${urls[0]}${ALERTS}`, { headers: { cookie: admin } });
  const total = first.headers.get('x-total-count');
  console.log(
    `first (uncached) admin alert list: ${(performance.now() - cold).toFixed(0)} ms, ${total} alerts in wave 2`,
  );

  // every page answers 200 to an admin and to a village officer, on every process
  for (const [k, url] of urls.entries()) {
    for (const cookie of [cookies[0], cookies[1 % C]]) {
      for (const path of paths) {
        const r = await fetch(`${url}${path}`, { headers: { cookie } });
        if (r.status !== 200)
          throw new Error(`GET ${path} on process ${k + 1}: ${r.status} ${await r.text()}`);
      }
    }
  }
  const latencies = [];
  const failed = {};
  let next = 0;
  // each client's whole sequence carries its user's cookie (setHeaders would set the first only)
  const sequence = (cookie) =>
    paths.map((path) => ({
      method: 'GET',
      path,
      headers: { cookie },
      onResponse: (status) => {
        if (status < 200 || status > 299) failed[path] = (failed[path] ?? 0) + 1;
      },
    }));
  const run = autocannon({
    url: urls,
    connections: C,
    duration: Number(o.duration),
    requests: sequence(''),
    setupClient: (client) => client.setRequests(sequence(cookies[next++ % C])),
  });
  run.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await run;
  latencies.sort((a, b) => a - b);
  const figures = {
    households: N,
    store: postgres ? 'postgres' : 'duckdb',
    servers: K,
    scenario: o.scenario,
    paths,
    connections: C,
    duration_s: Number(o.duration),
    cores: cpus().length,
    login_p50_ms: quantile(loginMs, 0.5),
    login_p95_ms: quantile(loginMs, 0.95),
    requests: latencies.length,
    non_2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    non_2xx_by_path: failed,
    requests_per_s: Math.round(latencies.length / Number(o.duration)),
    p50_ms: quantile(latencies, 0.5),
    p95_ms: quantile(latencies, 0.95),
    p99_ms: quantile(latencies, 0.99),
    max_ms: latencies.at(-1),
  };
  console.log(
    `${o.scenario} (${paths.length} request(s) per round): ${figures.requests} requests by ${C} users ` +
      `on ${K} process(es) in ${o.duration} s (${figures.requests_per_s}/s, ${figures.non_2xx} non-2xx, ` +
      `${figures.errors} errors, ${figures.timeouts} timeouts); latency p50 ${figures.p50_ms.toFixed(1)} ms, ` +
      `p95 ${figures.p95_ms.toFixed(1)} ms, p99 ${figures.p99_ms.toFixed(1)} ms, max ${figures.max_ms.toFixed(1)} ms`,
  );
  // let each process finish the requests autocannon left in flight before it is stopped
  for (const url of urls) await fetch(`${url}${ALERTS}`, { headers: { cookie: admin } });
  mkdirSync(dirname(o.out), { recursive: true });
  writeFileSync(o.out, `${JSON.stringify(figures, null, 2)}\n`);
} finally {
  for (const [k, { server }] of servers.entries()) {
    if (server.exitCode !== null) continue;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    const timer = setTimeout(() => {
      console.error(`povrisk serve (process ${k + 1}) still running 10 s after SIGTERM: killed`);
      server.kill('SIGKILL');
    }, 10_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(work, { recursive: true, force: true });
}
