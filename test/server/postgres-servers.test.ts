import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStore } from '../../src/monitor/store.js';
import {
  flaggedHousehold,
  holdCaseLock,
  PG_SERVER_URL,
  postgresSuite,
} from '../helpers/postgres.js';
import { CLI, runCli } from '../helpers/run-cli.js';
import { panel, writeCsv } from '../monitor/fixture.js';
import { login, PASSWORD } from './harness.js';

/** Starts `povrisk serve` on a free loopback port; resolves with its URL. */
function serve(db: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TZ: 'UTC' },
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(d.toString());
      if (m) resolve({ url: m[1], child });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

// Two dashboard servers on one PostgreSQL database, and the CLI beside them.
describe.skipIf(!PG_SERVER_URL)('two povrisk serve processes on one PostgreSQL database', () => {
  const suite = postgresSuite('povrisk-two-');
  const dir = suite.dir;
  let a: { url: string; child: ChildProcess };
  let b: { url: string; child: ChildProcess };
  const waves = panel({ households: 60, waves: 2, seed: 5, labels: ['2021', '2022'] });

  beforeAll(async () => {
    writeCsv(join(dir, 'w1.csv'), waves[0]);
    writeCsv(join(dir, 'w2.csv'), waves[1]);
    for (const [file, wave] of [
      ['w1.csv', '2021'],
      ['run', '2021'],
    ]) {
      const args =
        file === 'run'
          ? ['monitor', 'run', '--wave', wave, '--db', suite.db.url]
          : ['monitor', 'import', join(dir, file), '--wave', wave, '--db', suite.db.url];
      const r = await runCli(args);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    // The database from the PG* variables, as `--db` is left out.
    const url = new URL(suite.db.url);
    const user = await runCli(['users', 'add', 'admin', '--role', 'admin', '--area', 'all'], {
      input: `${PASSWORD}\n`,
      env: {
        POVRISK_DB: '',
        PGHOST: url.hostname,
        PGPORT: url.port,
        PGUSER: decodeURIComponent(url.username),
        PGDATABASE: url.pathname.slice(1),
      },
    });
    expect(user.stderr).toBe('');
    expect(user.stdout).toBe('user admin added (admin, all)\n');
    [a, b] = await Promise.all([serve(suite.db.url), serve(suite.db.url)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([stop(a?.child), stop(b?.child)]);
  });

  test('a session signed in on one is accepted by the other; both show a wave the CLI imports while they serve; sign-out holds on both', async () => {
    const onA = await login(a.url, 'admin');
    const onB = {
      get: (path: string) => fetch(`${b.url}${path}`, { headers: { cookie: onA.cookie } }),
    };
    const before = await onB.get('/api/overview');
    expect(before.status).toBe(200);
    const first = (await before.json()) as { wave: string; trend: { wave: string }[] };
    expect(first.wave).toBe('2021');
    expect(first.trend.map((t) => t.wave)).toEqual(['2021']);
    // Both cache the overview now; the CLI imports and scores the next wave meanwhile.
    // (Means to 12 digits: PostgreSQL may sum in another order once it has analysed a table.)
    const rounded = (x: unknown) =>
      JSON.stringify(x, (_, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v));
    const firstOnA = (await (await onA.get('/api/overview')).json()) as typeof first;
    expect(rounded(firstOnA)).toBe(rounded(first));
    const imported = await runCli([
      'monitor',
      'import',
      join(dir, 'w2.csv'),
      '--wave',
      '2022',
      '--db',
      suite.db.url,
      '--json',
    ]);
    expect(imported.stderr).toBe('');
    expect(JSON.parse(imported.stdout)).toMatchObject({ wave: '2022', inserted: 60 });
    const run = await runCli(['monitor', 'run', '--wave', '2022', '--db', suite.db.url, '--json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ wave: '2022', households: 60 });
    // The commit's NOTIFY reaches both servers; allow it a moment to arrive.
    for (const get of [onA.get, onB.get]) {
      let latest = '';
      for (let i = 0; i < 50 && latest !== '2022'; i++) {
        const r = (await (await get('/api/overview')).json()) as { wave: string };
        latest = r.wave;
        if (latest !== '2022') await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(latest).toBe('2022');
      const o = (await (await get('/api/overview')).json()) as { trend: { wave: string }[] };
      expect(o.trend.map((t) => t.wave)).toEqual(['2021', '2022']);
    }
    // Signed out on A: refused on B too.
    expect((await onA.post('/api/logout')).status).toBeLessThan(300);
    expect((await onB.get('/api/overview')).status).toBe(401);
  });

  test('an officer changing a case another holds gets 409 and one clear line', async () => {
    const officer = await login(b.url, 'admin');
    const store = await openStore(suite.db.url, { user: 'other officer' });
    try {
      const household = await flaggedHousehold(store);
      const other = await holdCaseLock(store, household);
      const r = await officer.post(`/api/households/${household}/status`, {
        status: 'dismissed',
        reason: 'moved away',
      });
      await other.release();
      expect(r.status).toBe(409);
      expect(await r.json()).toEqual({
        error: `the case of household ${household} is being changed by another user right now; reload it and try again`,
      });
      const again = await officer.post(`/api/households/${household}/status`, {
        status: 'dismissed',
        reason: 'moved away',
      });
      expect(again.status).toBe(200);
    } finally {
      await store.close();
    }
  });
});
