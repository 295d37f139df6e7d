#!/usr/bin/env node
/* global URL, fetch, performance */
// Dashboard load test: C concurrent signed-in users (admin and village officers) polling the
// alert list of an N-household store, for a bounded time, against `povrisk serve` on loopback.
// Usage: node bench/server-load.mjs [--households 100000] [--connections 200] [--duration 20]
//          [--db FILE]   (builds FILE, or reuses it if it exists; without --db a temporary
//          store is built and removed; run `npm run build` first)
// Prints request count, throughput and latency percentiles (p50, p95, p99) and writes
// bench/out/server-load.json.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import autocannon from 'autocannon';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist/cli/main.js');
const { values: o } = parseArgs({
  options: {
    households: { type: 'string', default: '100000' },
    connections: { type: 'string', default: '200' },
    duration: { type: 'string', default: '20' },
    db: { type: 'string' },
  },
});
const N = Number(o.households);
const C = Number(o.connections);
const PASSWORD = 'bench-password-1';
const work = mkdtempSync(join(tmpdir(), 'povrisk-bench-server-'));
const db = o.db ?? join(work, 'bench.duckdb');
const povrisk = (args, input) =>
  execFileSync(process.execPath, [CLI, ...args], {
    input,
    stdio: ['pipe', 'pipe', 'inherit'],
  }).toString();
const seconds = (t0) => ((performance.now() - t0) / 1000).toFixed(1);

if (!existsSync(db)) {
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
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  const villages = (
    await connection.runAndReadAll("SELECT area_id FROM areas WHERE level = 'village' ORDER BY 1")
  )
    .getRows()
    .map((r) => String(r[0]));
  connection.closeSync();
  instance.closeSync();
  povrisk(['users', 'add', 'admin', '--role', 'admin', '--area', 'all', '--db', db], PASSWORD);
  for (const [k, v] of villages.entries()) {
    povrisk(['users', 'add', `v${k}`, '--role', 'village', '--area', v, '--db', db], PASSWORD);
  }
}

const server = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((resolve, reject) => {
  server.stdout.on('data', (d) => {
    const m = /(http:\/\/\S+)/.exec(d.toString());
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error(`povrisk serve exited with ${code}`)));
});
try {
  const meta = async (cookie) => (await fetch(`${url}/api/meta`, { headers: { cookie } })).json();
  const login = async (username) => {
    const r = await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
    return r.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  };
  const admin = await login('admin');
  const villages = (await meta(admin)).villages.length;
  // one admin in ten; the others are village officers spread over the villages
  const users = Array.from({ length: C }, (_, k) => (k % 10 === 0 ? 'admin' : `v${k % villages}`));
  const t0 = performance.now();
  const cookies = [];
  for (const u of users) cookies.push(await login(u));
  console.log(`${C} sessions signed in in ${seconds(t0)} s`);
  // the alert queue's first page, as the dashboard asks for it
  const path = '/api/alerts?wave=2&limit=100';
  const cold = performance.now();
  const first = await fetch(`${url}${path}`, { headers: { cookie: admin } });
  const total = first.headers.get('x-total-count');
  console.log(
    `first (uncached) admin alert list: ${(performance.now() - cold).toFixed(0)} ms, ${total} alerts in wave 2`,
  );

  const latencies = [];
  let next = 0;
  const run = autocannon({
    url,
    connections: C,
    duration: Number(o.duration),
    requests: [{ method: 'GET', path }],
    setupClient: (client) => client.setHeaders({ cookie: cookies[next++ % C] }),
  });
  run.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await run;
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  const figures = {
    households: N,
    connections: C,
    duration_s: Number(o.duration),
    cores: cpus().length,
    requests: latencies.length,
    non_2xx: result.non2xx,
    errors: result.errors,
    requests_per_s: Math.round(latencies.length / Number(o.duration)),
    p50_ms: q(0.5),
    p95_ms: q(0.95),
    p99_ms: q(0.99),
    max_ms: latencies.at(-1),
  };
  console.log(
    `GET ${path}: ${figures.requests} requests by ${C} users in ${o.duration} s ` +
      `(${figures.requests_per_s}/s, ${figures.non_2xx} non-2xx, ${figures.errors} errors); ` +
      `latency p50 ${figures.p50_ms.toFixed(1)} ms, p95 ${figures.p95_ms.toFixed(1)} ms, ` +
      `p99 ${figures.p99_ms.toFixed(1)} ms, max ${figures.max_ms.toFixed(1)} ms`,
  );
  mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/out/server-load.json'), `${JSON.stringify(figures, null, 2)}\n`);
} finally {
  server.kill('SIGTERM');
  if (server.exitCode === null) await new Promise((resolve) => server.once('exit', resolve));
  if (o.db === undefined) rmSync(work, { recursive: true, force: true });
}
