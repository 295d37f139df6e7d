import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listEvents } from '../../src/monitor/events.js';
import { importWave } from '../../src/monitor/import.js';
import { listAlerts } from '../../src/monitor/list-alerts.js';
import { runRules } from '../../src/monitor/run.js';
import { openStore } from '../../src/monitor/store.js';
import { answerBytes, createStoreGate } from '../../src/server/store-gate.js';
import { addUser } from '../../src/server/users.js';
import { panel, writeCsv } from '../monitor/fixture.js';
import { ACCOUNTS, login, PASSWORD, startServer, type Running } from './harness.js';

/** Village names as a hostile spreadsheet would have them, each beginning with a trigger. */
const HOSTILE: Record<string, string> = {
  V01: "=cmd|' /C calc'!A0",
  V03: '+1+2',
  V07: '-3+cmd|calc',
  V12: '@SUM(A1)',
};

let s: Running;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'povrisk-export-'));
  const db = join(dir, 'm.duckdb');
  const store = await openStore(db, { user: 'setup' });
  try {
    const waves = panel({ households: 60, waves: 2, seed: 3 });
    for (let w = 0; w < waves.length; w++) {
      const file = join(dir, `w${w}.csv`);
      const wave = String(2020 + w);
      writeCsv(
        file,
        waves[w].map((r) => ({ ...r, wave, village: HOSTILE[String(r.village)] ?? r.village })),
      );
      await importWave(store, file, { wave, date: `${wave}-06-30` });
      await runRules(store, { wave });
    }
    await addUser(store, { username: 'admin', role: 'admin', area: 'all', password: PASSWORD });
    await addUser(store, {
      username: 'xide',
      role: 'county',
      area: ACCOUNTS.xide[1],
      password: PASSWORD,
    });
  } finally {
    store.close();
  }
  s = await startServer(db);
});
afterAll(async () => s?.close());

/** RFC 4180 lines of a CSV text (no quoted line breaks in these files). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        cells.push(cell);
        cell = '';
      } else cell += ch;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}

describe('the whole-area CSV export', () => {
  test('streams every alert of the area, formula cells neutralised, numbers left as numbers', async () => {
    const admin = await login(s.url, 'admin');
    const r = await admin.get('/api/alerts.csv');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="alerts-all\.csv"/);
    const bytes = Buffer.from(await r.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
    const expected = await listAlerts(s.store);
    expect(expected.length).toBeGreaterThan(20);
    expect(header).toEqual([
      'household_id',
      'county',
      'village',
      'wave',
      'rule',
      'category',
      'reason',
      'reason_zh',
      'vulnerability',
      'per_capita_income',
      'status',
    ]);
    expect(rows.length).toBe(expected.length);
    expect(r.headers.get('x-total-count')).toBe(String(expected.length));
    const col = (name: string) => header.indexOf(name);
    let hostile = 0;
    expected.forEach((e, i) => {
      const row = rows[i];
      expect(row.length).toBe(header.length);
      expect(row[col('household_id')]).toBe(e.household_id);
      const v = e.village;
      if (/^[=+\-@\t\r]/.test(v)) {
        hostile++;
        expect(row[col('village')]).toBe(`'${v}`);
      } else expect(row[col('village')]).toBe(v);
      if (e.per_capita_income === null) expect(row[col('per_capita_income')]).toBe('');
      else {
        expect(Number(row[col('per_capita_income')])).toBe(e.per_capita_income);
        expect(row[col('per_capita_income')]).not.toMatch(/^'/);
      }
    });
    expect(hostile).toBe(
      expected.length - expected.filter((e) => !/^[=+\-@]/.test(e.village)).length,
    );
    expect(hostile).toBeGreaterThan(0);
    // every cell of the file that a spreadsheet would run starts with the quote instead
    for (const row of rows) {
      row.forEach((cell, k) => {
        if (header[k] !== 'vulnerability' && header[k] !== 'per_capita_income') {
          expect(cell, `${header[k]}: ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
        }
      });
    }
  });

  test('is narrowed to the account area, filtered, and logged with its filter and row count', async () => {
    const c = await login(s.url, 'xide');
    const before = (await listEvents(s.store)).length;
    const r = await c.get('/api/alerts.csv?wave=2021');
    expect(r.status).toBe(200);
    const rows = parseCsv(await r.text()).slice(1);
    const expected = await listAlerts(s.store, { county: 'Xide', wave: '2021' });
    expect(rows.length).toBe(expected.length);
    expect(rows.map((x) => x[0])).toEqual(expected.map((e) => e.household_id));
    const added = (await listEvents(s.store)).slice(before);
    expect(added.length).toBe(1);
    expect(added[0]).toMatchObject({
      user_name: 'xide',
      action: 'export',
      entity: 'alerts',
      after: { filter: { county: 'Xide', wave: '2021' }, rows: expected.length, format: 'csv' },
    });
  });

  test('a page is at most 1,000 rows; larger limits answer 400', async () => {
    const admin = await login(s.url, 'admin');
    expect((await admin.get('/api/alerts?limit=1000')).status).toBe(200);
    const r = await admin.get('/api/alerts?limit=100000');
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toBe('query.limit: must be <= 1000');
  });
});

describe('the answer cache', () => {
  test('holds at most its byte budget, dropping the oldest answers', async () => {
    const gate = createStoreGate({ maxBytes: 10_000 });
    const answer = (k: number) => async () => ({ k, body: Buffer.alloc(1_000, k) });
    expect(answerBytes({ k: 1, body: Buffer.alloc(1_000) })).toBe(1_000 + 2 * '{"k":1}'.length);
    for (let k = 0; k < 40; k++) await gate.cached(`page${k}`, answer(k));
    await new Promise((r) => setTimeout(r, 0));
    expect(gate.cachedBytes).toBeGreaterThan(5_000);
    expect(gate.cachedBytes).toBeLessThanOrEqual(10_000);
    let recomputed = 0;
    await gate.cached('page0', async () => ++recomputed);
    expect(recomputed).toBe(1);
    await gate.cached('page39', async () => ++recomputed);
    expect(recomputed).toBe(1);
  });
  test('does not keep an answer over a quarter of its budget', async () => {
    const gate = createStoreGate({ maxBytes: 4_000 });
    await gate.cached('big', async () => Buffer.alloc(1_001));
    await new Promise((r) => setTimeout(r, 0));
    expect(gate.cachedBytes).toBe(0);
    let n = 0;
    await gate.cached('big', async () => ++n);
    expect(n).toBe(1);
  });
});
