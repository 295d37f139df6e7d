import { access } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

/** Debian's Chromium (`apt-get install chromium`); `CHROMIUM_PATH` names another. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The flags of a headless Chromium on a closed network: nothing fetched in the background. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** What printing did: the PDF was written, or why not (one line, for the user). */
export type PrintResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Prints a self-contained HTML page to an A4 PDF with headless Chromium (`playwright-core`,
 * which never downloads a browser): the page's print style sheet, backgrounds, and a footer
 * with "page / pages". Every request but the page itself is refused. Where Chromium is
 * missing or cannot start, returns the reason instead of throwing. Defaults: `executablePath`
 * `CHROMIUM_PATH` or /usr/bin/chromium.
 * @example const r = await printPdf('out/report.html', 'out/report.pdf');
 */
export async function printPdf(
  htmlPath: string,
  pdfPath: string,
  options: { executablePath?: string } = {},
): Promise<PrintResult> {
  const executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
  try {
    await access(executablePath);
  } catch {
    return { ok: false, reason: `no Chromium at ${executablePath}` };
  }
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return { ok: false, reason: 'playwright-core is not installed' };
  }
  let browser: import('playwright-core').Browser;
  try {
    browser = await chromium.launch({ executablePath, args: FLAGS });
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    return { ok: false, reason: `Chromium at ${executablePath} did not start (${first})` };
  }
  try {
    const url = pathToFileURL(htmlPath).href;
    const page = await browser.newPage();
    await page.route('**/*', (route) =>
      route.request().url() === url ? route.continue() : route.abort(),
    );
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready');
    await page.pdf({
      path: pdfPath,
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="width:100%;text-align:center;font-size:8px;color:#555">' +
        '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' },
    });
    return { ok: true };
  } finally {
    await browser.close();
  }
}
