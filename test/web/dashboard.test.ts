/// <reference lib="dom" />
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.js';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { listEvents } from '../../src/monitor/events.js';
import { listAlerts } from '../../src/monitor/list-alerts.js';
import { WEB_ROOT } from '../../src/server/app.js';
import { makeStore, PASSWORD, startServer, type Running } from '../server/harness.js';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/web/', import.meta.url));

let s: Running;
let browser: Browser;
const requested: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`${WEB_ROOT}: the web app is not built (run npm run build first)`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  s = await startServer(await makeStore({ households: 120, waves: 3 }), { webRoot: WEB_ROOT });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

async function open(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('request', (r) => requested.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/401/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return page;
}

const shot = (page: Page, name: string, options: { fullPage?: boolean } = {}) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: options.fullPage ?? true });

async function signIn(page: Page, username: string) {
  await page.goto(s.url);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('header nav');
}

test('sign in, alert queue, household, record a measure, switch language', async () => {
  const page = await open({ width: 1280, height: 900 });
  await signIn(page, 'v01');
  await page.waitForSelector('.cards .card');
  expect(await page.textContent('header nav')).toContain('预警队列');
  await page.waitForSelector('svg.chart rect');
  await shot(page, '01-overview-zh');

  await page.click('nav a[href="#/alerts"]');
  await page.waitForSelector('table.alerts tbody tr');
  const villages = await page.$$eval('table.alerts tbody tr td:nth-child(2)', (tds) =>
    tds.map((td) => td.textContent),
  );
  expect(new Set(villages)).toEqual(new Set(['V01']));
  await page.selectOption('select[name=status]', 'flagged');
  await page.waitForFunction(() => {
    const cells = Array.from(document.querySelectorAll('table.alerts tbody tr .status'));
    return cells.length > 0 && cells.every((e) => e.classList.contains('flagged'));
  });
  await shot(page, '02-alerts-zh');

  const id = (await page.textContent('table.alerts tbody tr td a')) as string;
  await page.click('table.alerts tbody tr td a');
  await page.waitForSelector('form.measure-form');
  expect(await page.textContent('main h2')).toContain(id);
  await page.selectOption('form.measure-form select[name=type]', 'health');
  await page.fill('form.measure-form input[name=date]', '2022-08-01');
  await page.fill('form.measure-form input[name=amount]', '1500');
  await page.fill('form.measure-form input[name=note]', '大病救助');
  await page.click('form.measure-form button[type=submit]');
  await page.waitForSelector('table.measures tbody tr');
  expect(await page.textContent('table.measures tbody')).toContain('大病救助');
  const events = await listEvents(s.store);
  expect(
    events.some((e) => e.user_name === 'v01' && e.entity === 'measure' && e.action === 'add'),
  ).toBe(true);
  await shot(page, '03-household-zh');

  await page.click('button.lang-switch');
  await page.waitForFunction(() =>
    document.querySelector('header nav')?.textContent?.includes('Alert queue'),
  );
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await page.waitForFunction(() =>
    document.querySelector('main')?.textContent?.includes('Assistance measures'),
  );
  expect(await page.textContent('table.measures thead')).toContain('Amount (CNY)');
  await shot(page, '04-household-en');

  await page.click('nav a[href="#/model"]');
  // Wait for the model page itself, not for a table the previous page may still show.
  await page.getByText('Latest fitted VEP model').first().waitFor({ timeout: 30_000 });
  await page.waitForSelector('main table');
  expect(await page.textContent('main')).toContain('Latest fitted VEP model');
  // The store ran the rules on several waves: last round's warning is scored, per rule.
  expect(await page.textContent('main')).toContain("How well last round's warning worked");
  expect(await page.locator('.last-round tbody tr').count()).toBeGreaterThan(1);
  expect(await page.textContent('.last-round')).toContain('any alert');
  await shot(page, '05-model-en');
  await page.context().close();
});

test('usable on a phone screen', async () => {
  const page = await open({ width: 390, height: 844 });
  await signIn(page, 'admin');
  await page.click('nav a[href="#/alerts"]');
  await page.waitForSelector('table.alerts tbody tr');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await shot(page, '06-alerts-phone', { fullPage: false });
  await page.context().close();
});

test('admin audit log: filter failed sign-ins, in Chinese and English; CSV export streams the area', async () => {
  const failed = await fetch(`${s.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'v03', password: 'not-the-password' }),
  });
  expect(failed.status).toBe(401);
  const page = await open({ width: 1280, height: 900 });
  await signIn(page, 'admin');
  await page.click('nav a[href="#/events"]');
  await page.waitForSelector('table.events tbody tr');
  expect(await page.textContent('main h2')).toBe('审计日志');
  await page.selectOption('select[name=action]', 'login failed');
  await page.waitForFunction(() => {
    const rows = Array.from(document.querySelectorAll('table.events tbody tr'));
    return rows.length > 0 && rows.every((r) => r.getAttribute('data-action') === 'login failed');
  });
  const logged = (await listEvents(s.store)).filter((e) => e.action === 'login failed');
  const rows = await page.$$eval('table.events tbody tr', (trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent)),
  );
  expect(logged.length).toBeGreaterThan(0);
  expect(rows.length).toBe(logged.length);
  expect(rows[0][1]).toBe(logged.at(-1)!.user_name);
  expect(rows[0][2]).toBe('登录失败');
  await shot(page, '07-events-zh');
  await page.click('button.lang-switch');
  await page.waitForFunction(() => document.querySelector('main h2')?.textContent === 'Audit log');
  expect(await page.textContent('table.events tbody tr td:nth-child(3)')).toBe('failed sign-in');
  await shot(page, '08-events-en');

  await page.click('nav a[href="#/alerts"]');
  await page.waitForSelector('table.alerts tbody tr');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('.filters button'),
  ]);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').trim().split('\n');
  const all = await listAlerts(s.store);
  expect(lines[0]).toMatch(/^household_id,county,village,wave,rule,/);
  expect(lines.length - 1).toBe(all.length);
  const exported = (await listEvents(s.store)).filter((e) => e.action === 'export');
  expect(exported.at(-1)).toMatchObject({ user_name: 'admin', after: { rows: all.length } });
  await page.context().close();

  const village = await open({ width: 1280, height: 900 });
  await signIn(village, 'v01');
  expect(await village.$('nav a[href="#/events"]')).toBeNull();
  await village.context().close();
});

test('nothing is fetched from another origin, and nothing breaks the CSP', () => {
  expect(requested.length).toBeGreaterThan(0);
  expect(requested.filter((u) => !u.startsWith(s.url) && !u.startsWith('data:'))).toEqual([]);
  expect(problems).toEqual([]);
});
