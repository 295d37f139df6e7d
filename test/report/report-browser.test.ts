/// <reference lib="dom" />
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/report/', import.meta.url));

let dir: string;
let browser: Browser;
let page: Page;
let reportUrl: string;
const requested: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'povrisk-report-'));
  const run = await runCli(['demo', '--quiet', '--out', join(dir, 'out')]);
  if (run.code !== 0) throw new Error(`povrisk demo failed: ${run.stderr}`);
  reportUrl = pathToFileURL(join(dir, 'out', 'report.html')).href;
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Every request other than the report itself fails: the page must need none.
  await context.route('**/*', (route) =>
    route.request().url() === reportUrl ? route.continue() : route.abort(),
  );
  page = await context.newPage();
  page.on('request', (r) => requested.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(reportUrl, { waitUntil: 'load' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('report.html in headless Chromium', () => {
  test('has the five tables, each as a heading with a rendered table', async () => {
    const headings = await page.locator('h2').allTextContents();
    for (const n of [1, 2, 3, 4, 5]) {
      expect(headings.some((h) => h.startsWith(`Table ${n}.`))).toBe(true);
      const section = page.locator(`#table-${n}`);
      const box = await section.locator('table').first().boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(200);
      expect(box?.height ?? 0).toBeGreaterThan(50);
    }
    // Tables 2, 4 and 5 sit beside the paper's published figures.
    for (const n of [2, 4, 5]) {
      await expect(page.locator(`#table-${n} .paper table`).count()).resolves.toBe(1);
    }
  });

  test('the four charts render with size and marks', async () => {
    const charts = {
      histogram: 'svg.histogram rect.bar',
      'group-bands': 'svg.group-bands rect.segment',
      stability: 'svg.stability circle.estimate',
      quantiles: 'svg.quantiles polygon.ci-band',
    };
    for (const [name, marks] of Object.entries(charts)) {
      const svg = page.locator(`svg.${name}`);
      await expect(svg.count()).resolves.toBe(1);
      const box = await svg.boundingBox();
      expect(box?.width ?? 0, name).toBeGreaterThan(300);
      expect(box?.height ?? 0, name).toBeGreaterThan(100);
      expect(await page.locator(marks).count(), name).toBeGreaterThan(3);
    }
    // The histogram's bands are shaded behind the bars.
    await expect(page.locator('svg.histogram rect.band').count()).resolves.toBe(3);
  });

  test('no network request was attempted, and the console is clean', () => {
    expect(requested).toEqual([reportUrl]);
    expect(problems).toEqual([]);
  });

  test('screenshots are kept under test/artifacts/report/', async () => {
    await page.screenshot({ path: join(ARTIFACTS, 'report-desktop.png'), fullPage: true });
    await page.setViewportSize({ width: 420, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, 'report-phone.png'), fullPage: true });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(440); // wide tables scroll inside their boxes
  });
});
