import { quantileCoefficientsChart } from './charts/quantile-coefficients.js';
import { coefficientStabilityChart } from './charts/coefficient-stability.js';
import { groupBandChart } from './charts/group-bands.js';
import { vulnerabilityHistogram } from './charts/vulnerability-histogram.js';
import { htmlEscape as esc, toHtml } from './formats/html.js';
import type { ReportSetup } from './report-setup.js';
import type { Finding } from './study-findings.js';
import type { StudyResults } from './study-run.js';
import { paperTables, type StudyTables } from './study-tables.js';
import type { ReportTable } from './table-model.js';
import type { Validation } from '../vep/validate.js';
import { validationSections } from './validation-html.js';
import { publishedComparison, type PublishedComparison } from './published-comparison.js';
import {
  PUBLISHED_TABLE4,
  PUBLISHED_TABLE5,
  TABLE4_SIGN_LOST,
} from '../paper/published-regressions.js';

const CSS = `
:root{--ink:#1d2433;--muted:#5b6475;--line:#d5d9e0;--accent:#2f5d8a}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--ink);background:#fafbfc}
header,main,footer{max-width:1560px;margin:0 auto;padding:0 20px}
header{padding-top:28px}
h1{font-size:1.6rem;margin:0 0 4px}
h2{font-size:1.2rem;margin:36px 0 10px;padding-top:8px;border-top:2px solid var(--line)}
h3{font-size:.95rem;margin:0 0 6px;color:var(--muted);font-weight:600}
p.meta,.note{color:var(--muted);font-size:.9rem}
nav a{margin-right:14px;color:var(--accent)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:150px}
.card b{display:block;font-size:1.3rem}
.pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(420px,100%),1fr));gap:18px;align-items:start}
.pair.stacked{grid-template-columns:1fr}
.pair>div{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px;overflow-x:auto}
.paper{background:#f6f4ee!important}
figure{margin:14px 0;background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px;overflow-x:auto}
figcaption{color:var(--muted);font-size:.88rem;margin-top:6px}
table.povrisk-table{border-collapse:collapse;font-size:.86rem;font-variant-numeric:tabular-nums;width:100%}
table.povrisk-table caption{text-align:left;font-weight:600;padding-bottom:6px}
table.povrisk-table thead th{border-top:2px solid var(--ink);border-bottom:1px solid var(--ink);padding:4px 8px}
table.povrisk-table td,table.povrisk-table tbody th{padding:2px 8px;font-weight:normal;text-align:left;white-space:nowrap}
table.povrisk-table td.center{text-align:center}table.povrisk-table td.right,table.povrisk-table th.right{text-align:right}
table.povrisk-table tr.std-error td{color:var(--muted);padding-top:0}
table.povrisk-table tr.rule>*{border-top:1px solid var(--ink)}
table.povrisk-table tbody tr:last-child>*{border-bottom:2px solid var(--ink)}
table.povrisk-table th.indent{padding-left:22px}
table.povrisk-table tfoot td{color:var(--muted);font-size:.8rem;padding-top:6px;white-space:normal}
svg.chart{max-width:100%;height:auto;font:11px system-ui,"Noto Sans","Noto Sans CJK SC",sans-serif}
.charts{display:flex;flex-wrap:wrap;gap:12px;margin:10px 0}section.validation-pair{margin:18px 0}
#findings ul{margin:6px 0 0;padding-left:22px}#findings li{margin:3px 0}#findings li.caveat{color:var(--muted)}
svg .grid{stroke:#e3e6eb}svg .axis{stroke:#333}svg .zero{stroke:#888;stroke-dasharray:2 2}
svg .bar{fill:#4c6f96}svg .tick{fill:#555}svg .axis-title,svg .panel-title{fill:#222;font-weight:600}
svg .band-label{fill:#333;font-weight:600}svg .share{fill:#222;font-size:10px}svg .label{fill:#222}
svg .ci-band{fill:#9fb8d3;opacity:.55}svg .estimate-line{fill:none;stroke:#2f5d8a;stroke-width:1.5}
svg .estimate{fill:#2f5d8a}svg .ci-bar{stroke:#2f5d8a;stroke-width:1.5}
svg .reference{stroke:#b0463a;stroke-dasharray:5 3;stroke-width:1.2}svg .reference-band{fill:#b0463a;opacity:.08}
footer{padding:30px 20px 40px;color:var(--muted);font-size:.85rem}
@page{size:A4;margin:14mm 12mm 16mm}
@media print{
body{background:#fff;font-size:10pt}
header,main,footer{max-width:none;padding:0}
header{padding-top:0}nav{display:none}
section{break-before:page}section#findings{break-before:auto}
h2{border-top:none;margin:0 0 8px;padding-top:0;break-after:avoid}
.cards{gap:6px}.card{padding:4px 8px;min-width:0}
.pair,.pair.stacked{display:block}
.pair>div{border:none;padding:0;margin:0 0 14px;overflow:visible;break-inside:auto}
table.povrisk-table{font-size:7.5pt;width:auto;max-width:100%}
table.povrisk-table thead{display:table-header-group}
table.povrisk-table tr{break-inside:avoid}
table.povrisk-table tbody th{white-space:normal;min-width:9em}
figure{break-inside:avoid;border:none;padding:0;overflow:visible}
svg.chart{max-width:100%;height:auto}
footer{padding:12px 0 0}
}
`;

/** What the report needs besides the results: the tables and the wording. */
export interface HtmlReportOptions {
  readonly tables: StudyTables;
  /** The report's wording (language, titles, labels, comparison); see `reportSetup`. */
  readonly setup: ReportSetup;
  /** A line saying when and how the report was made (masked in snapshot tests). */
  readonly generated?: string;
  /** The "Main findings" at the top (`studyFindings`); default none. */
  readonly findings?: readonly Finding[];
  /** On panel data, the validation of each model with its scores (`StudyRun.validation.models`). */
  readonly validation?: readonly Validation[];
  /** The data are simulated (explains misses against the published coefficients); default false. */
  readonly simulated?: boolean;
}

/** A panel's padding and border around its table, in px. */
const PANEL_PX = 26;

/**
 * About how wide a table renders in the report's style (12.9 px type), in px, erring wide: per
 * column its longest cell — 7.2 px a digit or sign, 6.8 px a letter, 13.4 px a CJK character —
 * and 16 px of padding.
 * @example tableWidth(table) > 520 // too wide for half of a 1,100 px page
 */
export function tableWidth(table: ReportTable): number {
  const px = (s: string) =>
    [...s].reduce(
      (n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 13.4 : /[A-Za-z]/.test(ch) ? 6.8 : 7.2),
      0,
    );
  const widths = table.header.map((h) => px(h));
  for (const r of table.rows)
    r.cells.forEach((c, j) => {
      const indent = j === 0 && r.indent ? 14 : 0;
      widths[j] = Math.max(widths[j] ?? 0, px(c.text + c.stars) + indent);
    });
  return widths.reduce((sum, w) => sum + w + 16, 0);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Our table and the paper's side by side (`stacked`: the paper's right under ours). */
function pair(
  ours: ReportTable,
  paper: ReportTable | null,
  setup: ReportSetup,
  options: { stacked?: boolean } = {},
): string {
  const w = setup.words;
  const left = `<div><h3>${esc(w.thisStudy)}</h3>${toHtml(ours)}</div>`;
  const cls = options.stacked ? 'pair stacked' : 'pair';
  if (!paper) return `<div class="${cls}">${left}</div>`;
  // Side by side only where both tables fit their half; in a narrower window the grid wraps
  // them one under the other, so that neither needs scrolling.
  const min = Math.ceil(Math.max(tableWidth(ours), tableWidth(paper)) + PANEL_PX);
  const style = options.stacked
    ? ''
    : ` style="grid-template-columns:repeat(auto-fit,minmax(min(${min}px,100%),1fr))"`;
  return `<div class="${cls}"${style}>${left}<div class="paper"><h3>${esc(w.published)}</h3>${toHtml(paper)}</div></div>`;
}

const figure = (svg: string, caption: string) =>
  `<figure>${svg}<figcaption>${esc(caption)}</figcaption></figure>`;

/**
 * The study report as ONE self-contained HTML page: inline CSS and inline SVG charts, no
 * scripts, no fonts, no images, no links to fetch (a Content-Security-Policy forbids any), so
 * it opens offline and prints. Sections "Table 1" … "Table 5" worded by `setup` (language,
 * titles, labels), each beside the paper's published figures where they exist when the study
 * compares with the paper, with the charts: the distribution of vulnerability with the bands
 * shaded, Table 2 by group, coefficient stability across the nested models, and coefficients
 * across quantiles with confidence bands; on panel data, a last section "How well does the
 * warning predict the next wave" (`validationSections` of both models).
 * @example await writeFile('report.html', htmlReport(run.results, { tables, setup }))
 */
export function htmlReport(results: StudyResults, options: HtmlReportOptions): string {
  const { tables, setup } = options;
  const w = setup.words;
  const label = setup.label;
  const paper = setup.compare ? paperTables(setup) : null;
  const s = results.vep;
  const o = s.overall;
  const line = results.povertyLine;
  const lineText =
    line.usdPerDay !== undefined && line.ppp !== undefined
      ? w.lineUsd(line.usdPerDay, line.ppp, line.line.toFixed(2), setup.period) +
        (setup.lang === 'en'
          ? ' (the PPP conversion is an assumption: a 2011 private-consumption factor, not survey-year prices in the survey area)'
          : '（购买力平价换算是一项假设：采用2011年居民消费购买力平价系数，而非调查年份调查地区的价格）')
      : w.lineLocal(String(line.line), setup.currency, setup.period);
  const parts: string[] = [];
  parts.push(
    '<!doctype html>',
    `<html lang="${setup.lang}"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(results.study.title)}</title><style>${CSS}</style></head><body>`,
    `<header><h1>${esc(results.study.title)}</h1>`,
  );
  if (results.study.description) parts.push(`<p>${esc(results.study.description)}</p>`);
  parts.push(
    `<p class="meta">${esc(w.meta(results.study.file, results.study.data, results.study.rows, lineText))}</p>`,
    '<nav>',
    ...(options.findings?.length ? [`<a href="#findings">${esc(w.findings)}</a>`] : []),
    ...[1, 2, 3, 4, 5].map((k) => `<a href="#table-${k}">${esc(w.table(k))}</a>`),
    ...(results.validation ? [`<a href="#validation">${esc(w.validation.section)}</a>`] : []),
    '</nav>',
    '<div class="cards">',
    `<div class="card">${esc(w.cards.used)}<b>${s.nUsed}</b></div>`,
    `<div class="card">${esc(w.cards.mean)}<b>${o.mean.toFixed(3)}</b></div>`,
    `<div class="card">${esc(w.cards.below(s.bands[0]))}<b>${pct(o.below)}</b></div>`,
    `<div class="card">${esc(w.cards.between(s.bands[0], s.bands[1]))}<b>${pct(o.between)}</b></div>`,
    `<div class="card">${esc(w.cards.above(s.bands[1]))}<b>${pct(o.above)}</b></div>`,
    `<div class="card">${esc(w.cards.poor)}<b>${pct(s.headcountRatio)}</b></div>`,
    '</div></header><main>',
  );
  if (options.findings?.length)
    parts.push(
      `<section id="findings"><h2>${esc(w.findings)}</h2><ul>`,
      ...options.findings.map((f) => `<li class="${f.kind}">${esc(f.text)}</li>`),
      '</ul></section>',
    );
  parts.push(
    `<section id="table-1"><h2>${esc(tables.table1.title ?? w.table(1))}</h2>`,
    `<p class="note">${esc(w.table1Note(setup.compare))}</p>`,
    pair(tables.table1, null, setup),
    '</section>',
  );
  const bars = results.table2.map((b) => b.rows);
  parts.push(
    `<section id="table-2"><h2>${esc(tables.table2.title ?? w.table(2))}</h2>`,
    pair(tables.table2, paper?.table2 ?? null, setup),
    paper
      ? setup.lang === 'en'
        ? `<p class="note what-vep-measures"><b>What the VEP measures.</b> The paper's income equation explains current per-capita income with current family net income, so its vulnerability largely restates current poverty: who is poor now, rather than who will fall back. Whether a warning predicts falling back can only be checked on panel data: <code>povrisk validate</code> fits it on one wave and scores it against the next (docs/validation.md).</p>`
        : `<p class="note what-vep-measures"><b>脆弱性测度的含义。</b>原文的收入方程用当期家庭纯收入解释当期人均收入，因此其脆弱性在很大程度上复述了当前的贫困状况（谁现在贫困），而不是谁将返贫。预警能否预测返贫只能用面板数据检验：<code>povrisk validate</code> 在一轮数据上拟合，并用下一轮检验（docs/validation.md）。</p>`
      : '',
    figure(
      vulnerabilityHistogram(results.vulnerabilityHistogram, {
        bands: s.bands,
        shares: [o.below, o.between, o.above],
        names: w.charts.bands,
        xTitle: capitalize(setup.outcome),
        yTitle: w.charts.households,
        title: w.charts.histogramTitle,
      }),
      w.histogramCaption(setup.outcome, s.nUsed),
    ),
    figure(
      groupBandChart(bars, {
        bands: s.bands,
        meanLabel: w.charts.mean,
        title: w.charts.groupTitle,
      }),
      w.groupCaption,
    ),
    '</section>',
  );
  parts.push(
    `<section id="table-3"><h2>${esc(tables.table3.title ?? w.table(3))}</h2>`,
    pair(tables.table3, null, setup),
    '</section>',
  );
  const models = results.table4.models.map((m) => ({
    label: m.label,
    coefficients: m.result.coefficients,
  }));
  if (results.table4.stepwise)
    models.push({ label: w.stepwise, coefficients: results.table4.stepwise.result.coefficients });
  const fmt = (x: number) => Number(x.toPrecision(3)).toString().replace('-', '−');
  /** A note under a table compared with the paper: its coefficients more than 2 SEs off. */
  const missNote = (table: string, c: PublishedComparison, corrected: boolean) => {
    if (c.compared === 0) return '';
    const items = c.misses.map(
      (m) =>
        `${m.column} ${label(m.term)} ${m.z > 0 ? '+' : '−'}${Math.abs(m.z).toFixed(1)} SE (${w.thisStudy} ${fmt(m.ours)}; ${w.published} ${fmt(m.published)})`,
    );
    const text = w.publishedMisses({
      table,
      misses: items,
      compared: c.compared,
      limit: c.limit,
      corrected,
    });
    const why = c.misses.length
      ? ` ${options.simulated ? w.missesWhySimulated : w.missesWhyOwnData}`
      : '';
    return `<p class="note published-misses">${esc(text + why)}</p>`;
  };
  parts.push(
    `<section id="table-4"><h2>${esc(tables.table4.title ?? w.table(4))}</h2>`,
    pair(tables.table4, paper?.table4 ?? null, setup, { stacked: true }),
    paper
      ? missNote(
          w.table(4),
          publishedComparison(models, PUBLISHED_TABLE4, {
            signCorrected: TABLE4_SIGN_LOST,
          }),
          true,
        )
      : '',
    figure(
      coefficientStabilityChart(models, { label, title: w.charts.stabilityTitle }),
      w.stabilityCaption,
    ),
    '</section>',
  );
  parts.push(`<section id="table-5"><h2>${esc(tables.table5?.title ?? setup.titles.table5)}</h2>`);
  if (tables.table5 && results.table5) {
    parts.push(
      pair(tables.table5, paper?.table5 ?? null, setup),
      paper
        ? missNote(
            w.table(5),
            publishedComparison(
              results.table5.quantreg.fits.map((f) => ({
                label: `QR ${Math.round(f.tau * 100)}`,
                coefficients: f.coefficients,
              })),
              PUBLISHED_TABLE5,
            ),
            false,
          )
        : '',
      figure(
        quantileCoefficientsChart(results.table5.quantreg.fits, {
          ols: results.table5.ols.coefficients,
          label,
          title: w.charts.quantileTitle,
        }),
        w.quantileCaption,
      ),
    );
  } else {
    parts.push(`<p class="note">${esc(w.noQuantiles)}</p>`);
  }
  parts.push('</section>');
  const v = results.validation;
  if (v && options.validation?.length) {
    const first = v.models[0];
    parts.push(
      `<section id="validation"><h2>${esc(w.validation.section)}</h2>`,
      `<p class="note">${esc(
        w.validation.intro({
          line: first.line.toFixed(2),
          threshold: first.threshold,
          capacity: first.capacity,
          latest: v.latest,
        }),
      )}</p>`,
      `<p class="note">${esc(w.validation.measures)}</p>`,
      validationSections(options.validation, { words: w.validation }),
      '</section>',
    );
  }
  parts.push('</main>');
  parts.push(
    `<footer>${esc(w.footer(options.generated ?? 'povrisk.'))}</footer>`,
    '</body></html>',
  );
  return `${parts.join('\n')}\n`;
}
