/// <reference lib="dom" />
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rowsOf } from '../../src/monitor/sql.js';
import { WEB_ROOT } from '../../src/server/app.js';
import { launchChromium } from '../helpers/chromium.js';
import { FIXTURE_COLUMNS, panel, writeCsv, type Row } from '../monitor/fixture.js';
import { SHOCK_NAMES } from '../../src/monitor/columns.js';
import { makeStore, PASSWORD, startServer, type Running } from '../server/harness.js';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/web/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'povrisk-web-monitoring-'));
const GUARANTEES = ['registered_poor', 'school_dropout', 'no_medical_insurance'];

let s: Running;
let browser: Browser;
let id: string;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`${WEB_ROOT}: the web app is not built (run npm run build first)`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  s = await startServer(await makeStore({ households: 120, waves: 3 }), { webRoot: WEB_ROOT });
  // A household the model flagged, above the line in 2022 (the wave before the upload).
  const rows = await rowsOf(
    s.store.db,
    `SELECT k.household_id FROM cases k JOIN current_observations o
       ON o.household_id = k.household_id AND o.wave = '2022'
     WHERE k.status = 'flagged' AND k.found_by = 'model_alert' AND o.per_capita_income > 7000
     ORDER BY 1 LIMIT 1`,
  );
  id = String(rows[0].household_id);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

/** Wave 2023 of the same households: every guarantee recorded, the walked household secure and well off. */
function wave2023(file: string, bad: boolean): void {
  const rows: Row[] = panel({ households: 120, waves: 4, seed: 7 })[3].map((r) => {
    const row = {
      ...r,
      wave: '2023',
      registered_poor: 1,
      school_dropout: 0,
      no_medical_insurance: 0,
    };
    if (r.household_id !== id) return row;
    const secure = Object.fromEntries(SHOCK_NAMES.map((n) => [n, 0]));
    return { ...row, ...secure, per_capita_income: 20000, able_to_work: 2 };
  });
  if (bad) {
    rows[3] = { ...rows[3], family_size: -1 };
    rows[7] = { ...rows[7], school_dropout: 2 };
  }
  writeCsv(file, rows, [...FIXTURE_COLUMNS, ...GUARANTEES]);
}

async function record(page: Page, step: string, fields: Record<string, string>) {
  await page.waitForSelector(`form.step-form[data-next="${step}"]`);
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'result') await page.selectOption('form.step-form select[name=result]', value);
    else await page.fill(`form.step-form input[name=${name}]`, value);
  }
  await page.click('form.step-form button[type=submit]');
}

test('a county officer uploads a wave, then walks a model alert through the procedure to elimination, and prints', async () => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(s.url);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('header nav');

  // Upload: a bad file lists every problem and imports nothing; the good one is scored.
  const bad = join(dir, 'wave2023-bad.csv');
  const good = join(dir, 'wave2023.csv');
  wave2023(bad, true);
  wave2023(good, false);
  await page.click('nav a[href="#/upload"]');
  await page.setInputFiles('form.upload-form input[name=file]', bad);
  await page.fill('form.upload-form input[name=wave]', '2023');
  await page.fill('form.upload-form input[name=date]', '2023-06-30');
  await page.click('form.upload-form button[type=submit]');
  await page.waitForSelector('.upload-error table.problems tbody tr');
  const cells = await page.$$eval('.upload-error table.problems tbody tr', (trs) =>
    trs.map((tr) =>
      Array.from(tr.children, (td) => td.textContent)
        .slice(0, 2)
        .join(' '),
    ),
  );
  expect(cells).toEqual(['4 family_size', '8 school_dropout']);
  expect(await page.textContent('.upload-error')).toContain('nothing was imported');
  const none = await rowsOf(
    s.store.db,
    "SELECT count(*) AS n FROM observations WHERE wave = '2023'",
  );
  expect(Number(none[0].n)).toBe(0);
  await shot(page, '11-upload-problems-zh');
  await page.setInputFiles('form.upload-form input[name=file]', good);
  await page.click('form.upload-form button[type=submit]');
  await page.waitForSelector('.upload-done');
  expect(await page.textContent('.upload-done')).toContain('wave2023.csv');
  const stored = await rowsOf(
    s.store.db,
    "SELECT count(*) AS n FROM observations WHERE wave = '2023'",
  );
  expect(Number(stored[0].n)).toBe(120);
  await shot(page, '12-upload-done-zh');

  // The overdue list has the model's alerts whose verification is past due.
  await page.click('nav a[href="#/overdue"]');
  await page.waitForSelector('table.cases.overdue tbody tr');

  // The case: found by the model, assigned, then each step in order.
  await page.goto(`${s.url}/#/household/${id}`);
  await page.waitForSelector('table.steps tbody tr[data-step=found]');
  expect(await page.textContent('table.steps tbody tr[data-step=found]')).toContain('模型预警');
  await page.fill('form.cadre-form input[name=cadre]', 'admin');
  await page.click('form.cadre-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('.responsible')?.textContent === 'admin');
  await page.click('nav a[href="#/mine"]');
  await page.waitForSelector(`table.cases.mine a[href="#/household/${id}"]`);
  await page.goto(`${s.url}/#/household/${id}`);

  await record(page, 'verification', { date: '2023-07-03' });
  await page.waitForSelector('table.steps tr[data-step=verification]');
  await record(page, 'village_review', { date: '2023-07-05' });
  await page.waitForSelector('table.steps tr[data-step=village_review]');
  // A notice of three days is refused, and the refusal is shown.
  await record(page, 'public_notice', { date: '2023-07-06', notice_end: '2023-07-08' });
  await page.waitForSelector('.step-error');
  expect(await page.textContent('.step-error')).toContain('at least 5 are required');
  await record(page, 'public_notice', { date: '2023-07-06', notice_end: '2023-07-12' });
  await page.waitForSelector('table.steps tr[data-step=public_notice]');
  expect(await page.textContent('table.steps tr[data-step=public_notice]')).toContain('无异议');
  await record(page, 'township_review', { date: '2023-07-14' });
  await page.waitForSelector('table.steps tr[data-step=township_review]');
  await record(page, 'county_approval', { date: '2023-07-20' });
  await page.waitForSelector('table.steps tr[data-step=county_approval]');
  await page.waitForSelector('.case .status.monitored');
  await shot(page, '13-procedure-zh');

  // Elimination: refused before any measure and before six months, then granted.
  await page.fill('.case input[type=date]', '2023-12-01');
  await page.click('button[data-status="risk eliminated"]');
  await page.waitForSelector('.case .error');
  const refusal = (await page.textContent('.case .error')) as string;
  expect(refusal).toContain('less than 6 months');
  expect(refusal).toContain('no assistance measure recorded');
  await page.selectOption('form.measure-form select[name=type]', 'housing');
  await page.fill('form.measure-form input[name=date]', '2023-08-01');
  await page.fill('form.measure-form input[name=end_date]', '2023-10-31');
  await page.fill('form.measure-form input[name=amount]', '12000');
  await page.click('form.measure-form button[type=submit]');
  await page.waitForFunction(() =>
    document.querySelector('table.measures tbody')?.textContent?.includes('住房安全保障'),
  );
  // Six months by the typed dates, but the server recorded the approval today: refused.
  await page.fill('.case input[type=date]', '2024-02-01');
  await page.click('button[data-status="risk eliminated"]');
  await page.waitForFunction(() =>
    document.querySelector('.case .error')?.textContent?.includes('monitoring was recorded on'),
  );
  const recorded = (await page.textContent('.case .error')) as string;
  expect(recorded).not.toContain('no assistance measure recorded');
  expect(recorded).not.toContain('less than 6 months before 2024-02-01');
  // Seven months later by the server's own record (the recorded times moved back), granted.
  await s.store.db.run(
    `UPDATE events SET recorded_at = recorded_at - INTERVAL 7 MONTH
     WHERE entity = 'case' AND action IN ('status', 'step') AND entity_id IN
       (SELECT CAST(case_id AS VARCHAR) FROM cases WHERE household_id = '${id}')`,
  );
  await page.click('button[data-status="risk eliminated"]');
  await page.waitForSelector(
    '.case .status.risk.eliminated, .case [class="status risk eliminated"]',
  );
  const k = await rowsOf(
    s.store.db,
    `SELECT status, CAST(closed_on AS VARCHAR) AS closed_on, responsible FROM cases
     WHERE household_id = '${id}' ORDER BY case_id DESC LIMIT 1`,
  );
  expect(k[0]).toEqual({
    status: 'risk eliminated',
    closed_on: '2024-02-01',
    responsible: 'admin',
  });
  await shot(page, '14-eliminated-zh');

  // Paper records: the case file and a village's list, in Chinese, without the dashboard's chrome.
  await page.click('a.print-link');
  await page.waitForSelector('.print-page h1');
  expect(await page.textContent('.print-page h1')).toBe('防止返贫监测对象档案');
  const file = (await page.textContent('.print-page')) as string;
  for (const text of [
    '模型预警',
    '入户核实',
    '村级评议',
    '村内公示',
    '乡镇审核',
    '县级审定',
    '住房安全保障',
    '风险已消除',
  ]) {
    expect(file, text).toContain(text);
  }
  await page.emulateMedia({ media: 'print' });
  expect(await page.isVisible('header')).toBe(false);
  await shot(page, '15-case-file-print');
  await page.pdf({ path: join(ARTIFACTS, '15-case-file.pdf'), format: 'A4' });
  await page.emulateMedia({ media: 'screen' });
  const v = await rowsOf(
    s.store.db,
    `SELECT ar.county, ar.township, ar.village FROM cases k JOIN households h USING (household_id)
     JOIN areas ar ON ar.area_id = h.area_id WHERE k.status = 'flagged' LIMIT 1`,
  );
  const q = new URLSearchParams(v[0] as Record<string, string>);
  await page.goto(`${s.url}/#/print/village?${q}`);
  await page.waitForSelector('table.village-list tbody tr');
  expect(await page.textContent('.print-page h1')).toBe('防止返贫监测对象名单');
  await page.emulateMedia({ media: 'print' });
  await shot(page, '16-village-list-print');
  await context.close();
  expect(problems).toEqual([]);
}, 180_000);
