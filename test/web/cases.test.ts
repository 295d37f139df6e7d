/// <reference lib="dom" />
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { WEB_ROOT } from '../../src/server/app.js';
import { launchChromium } from '../helpers/chromium.js';
import { makeCaseStore } from '../server/case-store.js';
import { PASSWORD, startServer, type Running } from '../server/harness.js';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/web/', import.meta.url));

let s: Running;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`${WEB_ROOT}: the web app is not built (run npm run build first)`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  s = await startServer((await makeCaseStore()).db, { webRoot: WEB_ROOT });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const SCREENS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
const TEXT = {
  zh: {
    cases: '案件队列',
    villages: '分村研判',
    drivers: '致贫返贫风险因素',
    vep: 'VEP 贫困线',
    line: '监测线',
    responsible: '帮扶责任人',
  },
  en: {
    cases: 'Case queue',
    villages: 'Villages',
    drivers: 'What drives the risk',
    vep: 'VEP poverty line',
    line: 'Monitoring line',
    responsible: 'Responsible cadre',
  },
} as const;

async function open(language: 'zh' | 'en', screen: keyof typeof SCREENS): Promise<Page> {
  const context = await browser.newContext({ viewport: SCREENS[screen], locale: 'zh-CN' });
  await context.addInitScript(
    (l) => localStorage.setItem('povrisk.lang', l),
    language === 'en' ? 'en' : 'zh-CN',
  );
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !/401/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(s.url);
  await page.fill('input[name=username]', 't1');
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('header nav');
  return page;
}

const fits = async (page: Page, screen: keyof typeof SCREENS) => {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `page width on ${screen}`).toBeLessThanOrEqual(SCREENS[screen].width);
};

for (const language of ['zh', 'en'] as const) {
  for (const screen of ['desktop', 'phone'] as const) {
    test(`${language}, ${screen}: case queue → household drivers → village view`, async () => {
      const page = await open(language, screen);
      const text = TEXT[language];
      expect(await page.textContent('header nav')).toContain(text.cases);
      await page.click('nav a[href="#/cases"]');
      await page.waitForSelector('table.cases tbody tr');
      // One row per household; the township account sees its village only.
      const ids = await page.$$eval('table.cases tbody tr', (trs) =>
        trs.map((tr) => tr.getAttribute('data-household')),
      );
      expect(ids.length).toBeGreaterThan(5);
      expect(new Set(ids).size).toBe(ids.length);
      const villages = await page.$$eval('table.cases tbody tr td:nth-child(2)', (tds) =>
        tds.map((td) => td.textContent),
      );
      expect(new Set(villages)).toEqual(new Set(['V01']));
      // Sorting by household id is numeric: the ids come back in number order.
      await page.click('th button[data-sort=household_id]');
      await page.waitForFunction(() => {
        const ids = Array.from(document.querySelectorAll('table.cases tbody tr')).map((tr) =>
          Number(tr.getAttribute('data-household')),
        );
        return ids.length > 0 && ids.every((x, i) => i === 0 || ids[i - 1] <= x);
      });
      // The responsible cadre is a column, and "my cases" (the signed-in user's) a filter.
      expect(await page.textContent('table.cases thead')).toContain(text.responsible);
      expect(
        await page.$$eval('select[name=responsible] option', (os) =>
          os.map((o) => (o as HTMLOptionElement).value),
        ),
      ).toEqual(['', 't1']);
      const reasons = (await page.textContent('table.cases tbody tr td.reason')) ?? '';
      expect(reasons).toMatch(language === 'zh' ? /[人新]/ : /income|shock|vulnerability/);
      await fits(page, screen);
      await page.screenshot({ path: join(ARTIFACTS, `cases-${language}-${screen}.png`) });

      await page.click('table.cases tbody tr td a');
      await page.waitForSelector('section.drivers svg.drivers rect');
      expect(await page.textContent('section.drivers h2')).toContain(text.drivers);
      const bars = await page.$$eval('svg.drivers g[data-term]', (gs) => gs.length);
      expect(bars).toBe(4);
      const rows = await page.$$eval('table.mean-drivers tbody tr[data-term]', (trs) => trs.length);
      expect(rows).toBe(4);
      expect(
        await page.$$eval('.profile-group', (gs) => gs.map((g) => g.getAttribute('data-group'))),
      ).toEqual(['household', 'livelihood', 'infrastructure', 'health', 'shocks']);
      const legend =
        (await page.$$eval('.legend', (ls) => ls.map((l) => l.textContent).join(' '))) ?? '';
      expect(legend).toContain(text.vep);
      expect(legend).toContain(text.line);
      await fits(page, screen);
      await page.screenshot({
        path: join(ARTIFACTS, `household-drivers-${language}-${screen}.png`),
        fullPage: true,
      });

      await page.click('nav a[href="#/villages"]');
      await page.waitForSelector('section.village svg.chart rect');
      expect(await page.textContent('header nav')).toContain(text.villages);
      const names = await page.$$eval('section.village h2', (hs) => hs.map((h) => h.textContent));
      expect(names).toHaveLength(1);
      expect(names[0]).toContain('V01');
      await page.selectOption('select[name=threshold]', '0.2');
      await page.waitForSelector('table.village-drivers tbody tr');
      await fits(page, screen);
      await page.screenshot({
        path: join(ARTIFACTS, `villages-${language}-${screen}.png`),
        fullPage: true,
      });
      await page.context().close();
    }, 120_000);
  }
}

test('no page error or console error on the way', () => {
  expect(problems).toEqual([]);
});
