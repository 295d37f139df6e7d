import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rowsOf } from '../../src/monitor/sql.js';
import { FIXTURE_COLUMNS, panel, writeCsv, type Row } from '../monitor/fixture.js';
import { CLI, runCli } from '../helpers/run-cli.js';
import { login, makeStore, startServer, type Client, type Running } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'povrisk-monitoring-api-'));
let db: string;
let s: Running;

/** Wave 2022 of the harness's households (120, villages V01, V03, V12, V07). */
function wave2022(): Row[] {
  return panel({ households: 120, waves: 4, seed: 7 })[3].map((r) => ({ ...r, wave: '2023' }));
}

function form(file: Buffer, name: string, fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([new Uint8Array(file)]), name);
  return f;
}

const upload = (c: Client, body: FormData) =>
  fetch(`${s.url}/api/waves`, {
    method: 'POST',
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf },
    body,
  });

beforeAll(async () => {
  db = await makeStore({ households: 120, waves: 3 });
  s = await startServer(db);
}, 120_000);
afterAll(async () => {
  await s?.close();
});

describe('POST /api/waves', () => {
  test('refuses township and village accounts with 403', async () => {
    const csv = join(dir, 'w.csv');
    writeCsv(csv, wave2022());
    for (const who of ['t1', 'v01']) {
      const c = await login(s.url, who);
      const r = await upload(c, form(readFileSync(csv), 'w.csv', { wave: '2023' }));
      expect(r.status, who).toBe(403);
      expect((await r.json()).error).toMatch(/may not do this \(only admin, county\)/);
    }
  });

  test('lists every bad cell and changes nothing', async () => {
    const rows = wave2022();
    rows[4] = { ...rows[4], family_size: 0 };
    rows[9] = { ...rows[9], unsafe_water: 3, head_male: 'x' };
    const csv = join(dir, 'bad.csv');
    writeCsv(csv, rows);
    const before = await rowsOf(s.store.db, 'SELECT count(*) AS n FROM observations');
    const c = await login(s.url, 'admin');
    const r = await upload(c, form(readFileSync(csv), 'bad.csv', { wave: '2023' }));
    expect(r.status).toBe(400);
    const body = await r.json();
    expect(body.error).toBe('bad.csv: 2 invalid row(s) (3 problem(s)); nothing was imported');
    expect(body.problems.map((p: { row: number; column: string }) => [p.row, p.column])).toEqual([
      [5, 'family_size'],
      [10, 'head_male'],
      [10, 'unsafe_water'],
    ]);
    const after = await rowsOf(s.store.db, 'SELECT count(*) AS n FROM observations');
    expect(after).toEqual(before);
  });

  test("a county account's file may hold only its county's households", async () => {
    const rows = wave2022();
    const csv = join(dir, 'all-counties.csv');
    writeCsv(csv, rows);
    const c = await login(s.url, 'xide');
    const r = await upload(c, form(readFileSync(csv), 'all-counties.csv', { wave: '2023' }));
    expect(r.status).toBe(400);
    const body = await r.json();
    const outside = rows.flatMap((x, i) => (x.county === 'Xide' ? [] : [i + 1]));
    expect(outside.length).toBeGreaterThan(10);
    expect(body.problems.map((p: { row: number }) => p.row)).toEqual(outside);
    expect(body.problems[0].why).toBe(
      'outside your county (Xide): a county account imports its own households only',
    );
  });

  test('refuses an upload without a wave or a file, in one line', async () => {
    const c = await login(s.url, 'admin');
    const f = new FormData();
    f.append('wave', '2023');
    expect((await upload(c, f)).status).toBe(400);
    const csv = join(dir, 'w.csv');
    const r = await upload(c, form(readFileSync(csv), 'w.csv', {}));
    expect(await r.json()).toEqual({ error: "the upload needs the field 'wave'" });
  });

  test('imports an xlsx wave and scores it while the server keeps serving', async () => {
    const rows = wave2022();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('wave');
    sheet.addRow(FIXTURE_COLUMNS);
    for (const r of rows) sheet.addRow(FIXTURE_COLUMNS.map((k) => r[k]));
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const c = await login(s.url, 'admin');
    const [r, health] = await Promise.all([
      upload(c, form(xlsx, 'wave 2023.xlsx', { wave: '2023', date: '2023-06-30' })),
      c.get('/api/summary'),
    ]);
    expect(health.status).toBe(200);
    const body = await r.json();
    expect(r.status, JSON.stringify(body)).toBe(200);
    expect(body.import).toMatchObject({ wave: '2023', rows: 120, inserted: 120, changed: true });
    expect(body.import.file).toBe('wave_2023.xlsx');
    expect(body.run).toMatchObject({ wave: '2023', households: 120 });
    const stored = await rowsOf(
      s.store.db,
      "SELECT count(*) AS n FROM observations WHERE wave = '2023'",
    );
    expect(Number(stored[0].n)).toBe(120);
    const imports = await rowsOf(
      s.store.db,
      "SELECT file, user_name FROM imports WHERE wave = '2023'",
    );
    expect(imports).toEqual([{ file: 'upload: wave_2023.xlsx', user_name: 'admin' }]);
  });
});

describe('the procedure over the API', () => {
  test('opens a case by self-report, refuses steps out of order, walks to monitored, lists my and overdue cases', async () => {
    const c = await login(s.url, 'v01');
    const first = await rowsOf(
      s.store.db,
      `SELECT h.household_id, k.status FROM households h JOIN areas a ON a.area_id = h.area_id
       LEFT JOIN cases k ON k.household_id = h.household_id
         AND k.status IN ('flagged', 'verified', 'monitored')
       WHERE a.village = 'V01' ORDER BY 1 LIMIT 1`,
    );
    const id = String(first[0].household_id);
    if (first[0].status !== null) {
      const d = await c.post(`/api/households/${id}/status`, {
        status: 'dismissed',
        date: '2023-06-30',
        reason: 'closed to test a self-report',
      });
      expect(d.status).toBe(200);
    }
    let r = await c.post(`/api/households/${id}/open`, {
      found_by: 'self_report',
      date: '2023-07-01',
    });
    expect(r.status).toBe(201);
    r = await c.post(`/api/households/${id}/steps`, {
      step: 'township_review',
      date: '2023-07-02',
    });
    expect(r.status).toBe(400);
    expect((await r.json()).error).toBe(
      `household ${id}: cannot record township review: home verification not recorded yet (the steps are: found, verification, village review, public notice, township review, county approval)`,
    );
    r = await c.post(`/api/households/${id}/cadre`, { username: 'v01' });
    expect(r.status).toBe(403);
    const t1 = await login(s.url, 't1');
    r = await t1.post(`/api/households/${id}/cadre`, { username: 'v01' });
    expect(r.status).toBe(200);
    expect((await r.json()).responsible).toBe('v01');
    r = await c.get('/api/cases/overdue?as_of=2023-07-20');
    expect((await r.json()).map((x: { household_id: string }) => x.household_id)).toContain(id);
    for (const [step, extra] of [
      ['verification', { date: '2023-07-03' }],
      ['village_review', { date: '2023-07-05' }],
      ['public_notice', { date: '2023-07-06', notice_end: '2023-07-12' }],
      ['township_review', { date: '2023-07-14' }],
      ['county_approval', { date: '2023-07-20' }],
    ] as const) {
      r = await (step === 'county_approval' ? await login(s.url, 'xide') : c).post(
        `/api/households/${id}/steps`,
        { step, ...extra },
      );
      expect(r.status, `${step}: ${await r.clone().text()}`).toBe(200);
    }
    const detail = await (await c.get(`/api/households/${id}`)).json();
    expect(detail.case.status).toBe('monitored');
    expect(detail.case.responsible).toBe('v01');
    expect(
      detail.steps.map((x: { step: string; user_name: string }) => [x.step, x.user_name]),
    ).toEqual([
      ['found', 'v01'],
      ['verification', 'v01'],
      ['village_review', 'v01'],
      ['public_notice', 'v01'],
      ['township_review', 'v01'],
      ['county_approval', 'xide'],
    ]);
    const mine = await (await c.get('/api/cases/mine?as_of=2023-07-21')).json();
    expect(
      mine.map((x: { household_id: string; next_step: string | null }) => [
        x.household_id,
        x.next_step,
      ]),
    ).toEqual([[id, null]]);
    expect(await (await t1.get('/api/cases/mine')).json()).toEqual([]);
  });

  test('refuses a step body with an unknown field or step', async () => {
    const c = await login(s.url, 'admin');
    const r = await c.post('/api/households/H00001/steps', { step: 'found' });
    expect(r.status).toBe(400);
  });
});

describe('sessions', () => {
  test('survive a restart of the server', async () => {
    const c = await login(s.url, 'v03');
    expect((await c.get('/api/me')).status).toBe(200);
    await s.close();
    s = await startServer(db);
    const again = await fetch(`${s.url}/api/me`, { headers: { cookie: c.cookie } });
    expect(again.status).toBe(200);
    expect((await again.json()).username).toBe('v03');
    const out = await fetch(`${s.url}/api/logout`, {
      method: 'POST',
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf },
    });
    expect(out.status).toBe(204);
    await s.close();
    s = await startServer(db);
    expect((await fetch(`${s.url}/api/me`, { headers: { cookie: c.cookie } })).status).toBe(401);
  });

  test('keep only a hash of the session id in the store', async () => {
    const c = await login(s.url, 'v03');
    const id = /povrisk_session=([^;]+)/.exec(c.cookie)?.[1] as string;
    expect(id.length).toBeGreaterThan(20);
    await s.close();
    s = await startServer(db);
    const rows = await rowsOf(s.store.db, 'SELECT id_hash FROM sessions');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(String(r.id_hash)).not.toContain(id);
  });
});

test.skipIf(process.env.POVRISK_TEST_STORE === 'postgres')(
  'the CLI names the server that holds the DuckDB store and the ways out',
  async () => {
    await s.close();
    const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(d.toString());
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const csv = join(dir, 'w.csv');
      const r = await runCli(['monitor', 'import', csv, '--wave', '2024', '--db', db]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `povrisk: ${db}: the dashboard server (povrisk serve, pid ${child.pid}, ${url}) holds this DuckDB store; ` +
          'import through the dashboard instead (its upload page, POST /api/waves), or stop the server first; a registry on PostgreSQL (--db postgres://…) is shared by the CLI and any number of servers\n',
      );
    } finally {
      await new Promise((resolve) => {
        child.on('exit', resolve);
        child.kill('SIGTERM');
      });
    }
    expect(existsSync(`${db}.serve.json`)).toBe(false);
    s = await startServer(db);
  },
  60_000,
);
