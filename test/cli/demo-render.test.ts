/**
 * The demo's five tables opened in the clients researchers use: each .docx converted to PDF by
 * LibreOffice (one soffice call for all five), each .tex \input into a plain article with the
 * packages its header names and compiled by pdflatex (and Table 4 once more as a standalone
 * document written by `analyze --standalone`), then read back with pdftotext: every label word and every number of the table's
 * CSV must come out whole, pdflatex must report no overfull box and no float too large, and
 * each table must sit on one page. The PDFs and PNGs of their pages stay in
 * test/artifacts/tables/. Skips with the reason when a client is missing; .ci/run installs them
 * (libreoffice-writer-nogui, texlive-latex-recommended, poppler-utils).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const missing = [
  ['soffice', 'libreoffice-writer-nogui'],
  ['pdflatex', 'texlive-latex-recommended'],
  ['pdftotext', 'poppler-utils'],
  ['pdftoppm', 'poppler-utils'],
  ['pdfinfo', 'poppler-utils'],
].filter(([cmd]) => !has(cmd));
const reason = missing.map(([cmd, pkg]) => `${cmd} not found (Debian: ${pkg})`).join('; ');
if (missing.length > 0) console.warn(`demo-render tests skipped: ${reason}`);

const ARTIFACTS = resolve('test/artifacts/tables');
const TABLES = [1, 2, 3, 4, 5];
let dir: string;

/** A CSV file (RFC 4180) as rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const re = /"((?:[^"]|"")*)"|([^,\r\n]*)/y;
  let i = 0;
  let row: string[] = [];
  while (i < text.length) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) throw new Error(`bad CSV at ${i}`);
    row.push(m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]);
    i = re.lastIndex;
    if (text[i] === ',') i++;
    else {
      rows.push(row);
      row = [];
      i += text.startsWith('\r\n', i) ? 2 : 1;
    }
  }
  return rows;
}

/** Text of a PDF as whitespace-separated words: true minus as '-', math stars and ligatures plain. */
function pdfWords(pdf: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  return text
    .normalize('NFKC')
    .replace(/\u2212/g, '-')
    .replace(/[*\u2217]/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '');
}

/** What a table's CSV says must be printed: label words, and number cells without their stars. */
function expectedWords(n: number): { labels: string[]; numbers: string[] } {
  const rows = parseCsv(readFileSync(join(dir, 'out', 'tables', `table${n}.csv`), 'utf8'));
  const header = rows[0];
  const labels: string[] = [];
  const numbers: string[] = [];
  for (const row of rows) {
    expect(row).toHaveLength(header.length);
    row.forEach((c, j) => {
      const cell = c.trim().replace(/\*+$/, '');
      if (cell === '') return;
      if (/^\(?-?[\d.,]+\)?$/.test(cell)) numbers.push(cell);
      else if (j === 0 || (n === 1 || n === 3 ? j === 1 : false) || row === header)
        labels.push(...cell.split(/\s+/));
    });
  }
  return { labels, numbers };
}

function checkWords(pdf: string, n: number, splitWord: (w: string) => string[] = (w) => [w]) {
  const split = (w: string) => splitWord(w.normalize('NFKC'));
  const words = pdfWords(pdf).flatMap(split);
  const count = new Map<string, number>();
  for (const w of words) count.set(w, (count.get(w) ?? 0) + 1);
  const { labels, numbers } = expectedWords(n);
  expect(labels.length).toBeGreaterThan(5);
  expect(numbers.length).toBeGreaterThan(10);
  const need = new Map<string, number>();
  for (const w of [...labels, ...numbers].flatMap(split)) need.set(w, (need.get(w) ?? 0) + 1);
  const broken = [...need].filter(([w, k]) => (count.get(w) ?? 0) < k);
  expect(broken, `${pdf}: words missing or broken (wanted, times)`).toEqual([]);
  // No minus sign left alone, no label word hyphenated at a line end (notes may hyphenate).
  const labelWords = labels.flatMap(split);
  const hyphenated = (w: string) =>
    /\w-$/.test(w) && labelWords.some((l) => l.startsWith(w.slice(0, -1)) && l !== w);
  expect(words.filter((w) => w === '-' || hyphenated(w))).toEqual([]);
  const pages = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/);
  expect(pages?.[1], `${pdf}: pages`).toBe('1');
}

function keepPng(pdf: string) {
  execFileSync('pdftoppm', ['-r', '100', '-png', '-singlefile', pdf, pdf.replace(/\.pdf$/, '')]);
}

describe.skipIf(missing.length > 0)(
  `demo tables in LibreOffice and pdflatex${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'povrisk-render-'));
      const run = await runCli(['demo', '--out', join(dir, 'out'), '--quiet']);
      expect(run.code, run.stderr).toBe(0);
      rmSync(ARTIFACTS, { recursive: true, force: true });
      mkdirSync(ARTIFACTS, { recursive: true });
    }, 120_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test('Word: LibreOffice lays every table out whole, numbers and labels unbroken, on one page', () => {
      const docx = TABLES.map((n) => {
        const file = join(dir, `table${n}-docx.docx`);
        copyFileSync(join(dir, 'out', 'tables', `table${n}.docx`), file);
        return file;
      });
      // One soffice for all five (its start is slow), with a profile of its own.
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
          '--headless',
          '--norestore',
          '--convert-to',
          'pdf',
          '--outdir',
          ARTIFACTS,
          ...docx,
        ],
        { stdio: 'pipe', timeout: 180_000 },
      );
      for (const n of TABLES) {
        const pdf = join(ARTIFACTS, `table${n}-docx.pdf`);
        checkWords(pdf, n);
        keepPng(pdf);
      }
    }, 200_000);

    const pdflatex = (name: string, source: string) => {
      writeFileSync(join(ARTIFACTS, `${name}.tex`), source);
      const r = spawnSync(
        'pdflatex',
        ['-interaction=nonstopmode', '-halt-on-error', `${name}.tex`],
        {
          cwd: ARTIFACTS,
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      const log = readFileSync(join(ARTIFACTS, `${name}.log`), 'utf8');
      expect(r.status, `${name}: pdflatex failed\n${r.stdout.slice(-2000)}`).toBe(0);
      expect(log.match(/^(Overfull|Float too large).*$/gm) ?? [], name).toEqual([]);
      for (const ext of ['aux', 'log']) rmSync(join(ARTIFACTS, `${name}.${ext}`), { force: true });
      return join(ARTIFACTS, `${name}.pdf`);
    };

    test('LaTeX: each table in a plain article, no overfull box, caption without its number', () => {
      for (const n of TABLES) {
        const tex = readFileSync(join(dir, 'out', 'tables', `table${n}.tex`), 'utf8');
        const packages = tex.match(/^% Needs \\usepackage\{([^}]+)\}/m)?.[1];
        expect(packages, `table${n}.tex names its packages`).toBeDefined();
        writeFileSync(join(ARTIFACTS, `table${n}.tex`), tex);
        const pdf = pdflatex(
          `table${n}-tex`,
          `\\documentclass{article}\n\\usepackage{${packages}}\n\\begin{document}\n\\input{table${n}}\n\\end{document}\n`,
        );
        // OT1 Computer Modern draws \_ as a rule: pdftotext reads it as a space.
        checkWords(pdf, n, (w) => w.split('_').filter((p) => p !== ''));
        const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
        expect(text).toMatch(/Table 1: \S/);
        expect(text).not.toMatch(/Table 1: Table/);
        keepPng(pdf);
      }
    }, 120_000);

    test('analyze --standalone writes .tex files that compile by themselves', async () => {
      const out = join(dir, 'standalone');
      const study = join(dir, 'out', 'study.yaml');
      const data = join(dir, 'out', 'survey.csv');
      const args = ['analyze', study, '--data', data, '--out', out, '--standalone', '--quiet'];
      const run = await runCli(args);
      expect(run.code, run.stderr).toBe(0);
      const tex = readFileSync(join(out, 'tables', 'table4.tex'), 'utf8');
      expect(tex.startsWith('\\documentclass{article}\n')).toBe(true);
      // pdflatex names the PDF after the .tex it writes; the CSV the words come from is the demo's.
      const pdf = pdflatex('table4-standalone', tex);
      checkWords(pdf, 4, (w) => w.split('_').filter((p) => p !== ''));
      keepPng(pdf);
    }, 120_000);
  },
);
