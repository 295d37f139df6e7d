/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';
import { docxParagraphs } from '../helpers/docx-text.js';
import { runCli } from '../helpers/run-cli.js';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/report/', import.meta.url));

let dir: string;
let browser: Browser;
const out = (lang: string, ...p: string[]) => join(dir, lang, ...p);

/** A page on a report at a window width; every request but the report itself fails. */
async function open(lang: string, width: number): Promise<Page> {
  const url = pathToFileURL(out(lang, 'report.html')).href;
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.route('**/*', (r) => (r.request().url() === url ? r.continue() : r.abort()));
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/** The pages of a PDF rendered by pdftoppm (poppler) as 8-bit grey images. */
function pdfPages(pdf: string, dpi: number): { width: number; height: number; px: Buffer }[] {
  const prefix = join(dir, `${Math.random().toString(36).slice(2)}`);
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', pdf, prefix]);
  const base = prefix.split('/').pop() as string;
  return readdirSync(dir)
    .filter((f) => f.startsWith(base) && f.endsWith('.pgm'))
    .sort()
    .map((f) => {
      const bytes = readFileSync(join(dir, f));
      // P5 header: magic, width height, maxval, each followed by one whitespace byte.
      const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 40).toString('latin1'));
      if (!m) throw new Error(`${f}: not a binary PGM`);
      const width = Number(m[1]);
      const height = Number(m[2]);
      return { width, height, px: bytes.subarray(m[0].length, m[0].length + width * height) };
    });
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'povrisk-lang-'));
  // The two editions (separate processes, separate folders) and the browser start together.
  const editions = ['en', 'zh-CN'].map(async (lang) => {
    const r = await runCli(['demo', '--quiet', '--lang', lang, '--pdf', '--out', out(lang)]);
    if (r.code !== 0) throw new Error(`povrisk demo --lang ${lang} failed: ${r.stderr}`);
    if (r.stderr.includes('no report.pdf')) throw new Error(r.stderr);
  });
  const launched = launchChromium();
  try {
    await Promise.all(editions);
  } finally {
    browser = await launched;
  }
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the Chinese edition in Chromium', () => {
  test('headings, columns, notes, findings and labels are Chinese', async () => {
    const page = await open('zh-CN', 1300);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    const h2 = await page.locator('main h2').allTextContents();
    expect(h2).toEqual([
      '主要发现',
      '表1 家庭及个人特征变量的描述性统计',
      '表2 返贫概率的描述性统计',
      '表3 解释变量的定义及描述性统计',
      '表4 多元回归分析结果',
      '表5 分位数回归分析结果',
    ]);
    const heads = await page.locator('#table-1 .pair > div:first-child thead th').allTextContents();
    expect(heads).toEqual(['变量', '变量名称', '均值', '标准差', '原文均值', '原文标准差']);
    const t4 = await page.locator('#table-4 .pair > div:first-child table').innerText();
    for (const label of [
      '交通基础设施建设',
      '内生发展动力',
      '常数项',
      '被解释变量：返贫概率（VEP）。',
    ])
      expect(t4).toContain(label);
    const t2 = await page.locator('#table-2 .pair > div:first-child table').innerText();
    for (const row of ['总体', '户主民族', '汉族', '彝族', '女性户主']) expect(t2).toContain(row);
    expect(await page.locator('svg.histogram .axis-title').first().textContent()).toBe('返贫风险');
    expect(await page.locator('#table-2 .paper h3').textContent()).toBe('原文结果（Ouyang）');
    const findings = await page.locator('#findings li').allTextContents();
    expect(findings.length).toBeGreaterThanOrEqual(5);
    expect(findings.filter((f) => /^.+(提高|降低)返贫风险：系数 /.test(f)).length).toBeGreaterThan(
      0,
    );
    expect(findings.some((f) => f.startsWith('与原文表4第(1)列相比'))).toBe(true);
    expect(findings.some((f) => f.startsWith('数据为模拟数据'))).toBe(true);
    // Nothing left in English in the page's own words (the study's file name and data aside).
    const text = await page.locator('main').innerText();
    for (const en of ['Table ', 'Mean', 'Dependent variable', 'This study', 'Published', 'Overall'])
      expect(text, en).not.toContain(en);
    await page.context().close();
  });

  test("the Chinese text is drawn with Debian's Noto CJK fonts", async () => {
    const page = await open('zh-CN', 1300);
    const cdp = await page.context().newCDPSession(page);
    const { root } = await cdp.send('DOM.getDocument');
    await cdp.send('CSS.enable');
    for (const selector of ['h1', '#table-4 caption', 'svg.histogram .axis-title']) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      const cjk = fonts.filter((f) => /Noto Sans CJK|Noto Serif CJK/.test(f.familyName));
      expect(cjk.length, `${selector}: ${JSON.stringify(fonts)}`).toBeGreaterThan(0);
      expect(cjk.reduce((n, f) => n + f.glyphCount, 0)).toBeGreaterThan(1);
    }
    await page.context().close();
  });
});

describe('layout', () => {
  for (const lang of ['en', 'zh-CN']) {
    test(`${lang}: every table readable without horizontal scrolling at 1,300 px`, async () => {
      const page = await open(lang, 1300);
      const panels = page.locator('.pair > div');
      const n = await panels.count();
      expect(n).toBe(8); // Tables 1 and 3, and Tables 2, 4, 5 each beside the paper's
      for (let k = 0; k < n; k++) {
        const { scroll, client } = await panels
          .nth(k)
          .evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
        expect(scroll, `panel ${k}`).toBeLessThanOrEqual(client + 1);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        1300,
      );
      await page.screenshot({ path: join(ARTIFACTS, `report-${lang}-1300.png`), fullPage: true });
      await page.setViewportSize({ width: 420, height: 900 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        440,
      );
      await page.screenshot({ path: join(ARTIFACTS, `report-${lang}-phone.png`), fullPage: true });
      await page.context().close();
    });

    test(`${lang}: on a wide screen Table 2 sits beside the paper's, without scrolling`, async () => {
      const page = await open(lang, 1920);
      const top = async (sel: string) => (await page.locator(sel).boundingBox())?.y ?? NaN;
      expect(await top('#table-2 .pair > div:first-child')).toBe(await top('#table-2 .paper'));
      // Table 4 (eight columns) always stacks.
      expect(await top('#table-4 .paper')).toBeGreaterThan(
        await top('#table-4 .pair > div:first-child'),
      );
      const scrolls = await page
        .locator('.pair > div')
        .evaluateAll((es) => es.map((e) => e.scrollWidth - e.clientWidth));
      expect(scrolls).toHaveLength(8);
      for (const s of scrolls) expect(s).toBeLessThanOrEqual(1);
      await page.context().close();
    });

    test(`${lang}: printed on A4, no table or chart is wider than the page`, async () => {
      // A4 less 12 mm margins each side, at 96 px per inch: 186 mm = 703 px.
      const page = await open(lang, 703);
      await page.emulateMedia({ media: 'print' });
      const boxes = await page.evaluate(() =>
        Array.from(document.querySelectorAll('table.povrisk-table, svg.chart')).map((e) => ({
          what: e.tagName + (e.querySelector('caption')?.textContent ?? ''),
          right: e.getBoundingClientRect().right,
          scroll: e.parentElement ? e.parentElement.scrollWidth - e.parentElement.clientWidth : 0,
        })),
      );
      expect(boxes.length).toBe(12); // Tables 1–5, the paper's Tables 2, 4 and 5, and 4 charts
      for (const b of boxes) {
        expect(b.right, b.what).toBeLessThanOrEqual(703 + 0.5);
        expect(b.scroll, b.what).toBeLessThanOrEqual(1);
      }
      await page.context().close();
    });
  }
});

describe('report.pdf', () => {
  for (const lang of ['en', 'zh-CN']) {
    test(`${lang}: A4 pages with page numbers, each table on its own page, nothing in the side margins`, () => {
      const pdf = out(lang, 'report.pdf');
      const info = execFileSync('pdfinfo', [pdf]).toString();
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      expect(pages).toBeGreaterThanOrEqual(6); // the findings, then Tables 1–5 from a new page
      expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
      const texts = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().split('\f');
      expect(texts.length).toBeGreaterThanOrEqual(pages);
      for (let k = 1; k <= pages; k++)
        expect(texts[k - 1], `page ${k}`).toMatch(new RegExp(`\\b${k} ?/ ?${pages}\\b`));
      const starts = [1, 2, 3, 4, 5].map((n) =>
        texts.findIndex((t) =>
          (lang === 'en' ? new RegExp(`^\\s*Table ${n}\\. `) : new RegExp(`^\\s*表${n} `)).test(t),
        ),
      );
      expect(starts.every((s) => s > 0)).toBe(true); // each table's section opens a page
      expect([...starts].sort((a, b) => a - b)).toEqual(starts);
      const images = pdfPages(pdf, 40);
      expect(images).toHaveLength(pages);
      for (const [k, img] of images.entries()) {
        const dark = (x: number, y: number) => img.px[y * img.width + x] < 200;
        let ink = 0;
        let inMargins = 0;
        const margin = Math.round((10 / 25.4) * 40); // 10 mm of the 12 mm margins
        for (let y = 0; y < img.height; y++)
          for (let x = 0; x < img.width; x++) {
            if (!dark(x, y)) continue;
            ink++;
            if (x < margin || x >= img.width - margin) inMargins++;
          }
        expect(ink, `page ${k + 1} is blank`).toBeGreaterThan(200);
        expect(inMargins, `page ${k + 1}: ink in the side margins (clipped?)`).toBe(0);
      }
    });
  }
});

describe('the other outputs of --lang and --pdf', () => {
  test('the Word and Markdown tables are in the chosen language', async () => {
    const docx = await docxParagraphs(readFileSync(out('zh-CN', 'tables', 'table4.docx')));
    expect(docx[0]).toBe('表4 多元回归分析结果');
    expect(docx).toContain('交通基础设施建设');
    expect(docx).toContain('常数项');
    const md = readFileSync(out('zh-CN', 'tables', 'table1.md'), 'utf8');
    expect(md).toContain('| 变量 | 变量名称 | 均值 | 标准差 | 原文均值 | 原文标准差 |');
    const en = await docxParagraphs(readFileSync(out('en', 'tables', 'table4.docx')));
    expect(en[0]).toBe('Table 4. Multiple regression analysis results');
  });

  test('without Chromium: one line says so, and the HTML is written anyway', async () => {
    const r = await runCli(
      ['analyze', 'examples/wages.study.yaml', '--pdf', '--quiet', '--out', join(dir, 'nochrome')],
      { env: { CHROMIUM_PATH: join(dir, 'no-such-chromium') } },
    );
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('povrisk:'));
    expect(lines).toEqual([
      `povrisk: no report.pdf: no Chromium at ${join(dir, 'no-such-chromium')} (install Debian's chromium, or set CHROMIUM_PATH); report.html is written`,
    ]);
    expect(existsSync(join(dir, 'nochrome', 'report.html'))).toBe(true);
    expect(existsSync(join(dir, 'nochrome', 'report.pdf'))).toBe(false);
  }, 60_000);

  test('a wrong --lang is refused in one line', async () => {
    const r = await runCli(['demo', '--lang', 'fr', '--out', join(dir, 'fr')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("povrisk: invalid --lang: 'fr' (one of en, zh-CN)\n");
    expect(existsSync(join(dir, 'fr'))).toBe(false);
  });
});
