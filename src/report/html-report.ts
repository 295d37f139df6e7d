import { variableLabel } from '../data/dictionary.js';
import { quantileCoefficientsChart } from './charts/quantile-coefficients.js';
import { coefficientStabilityChart } from './charts/coefficient-stability.js';
import { groupBandChart } from './charts/group-bands.js';
import { vulnerabilityHistogram } from './charts/vulnerability-histogram.js';
import { htmlEscape as esc, toHtml } from './formats/html.js';
import type { StudyResults } from './study-run.js';
import { paperTables, type StudyTables } from './study-tables.js';
import type { ReportTable } from './table-model.js';

const CSS = `
:root{--ink:#1d2433;--muted:#5b6475;--line:#d5d9e0;--accent:#2f5d8a}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif;color:var(--ink);background:#fafbfc}
header,main,footer{max-width:1180px;margin:0 auto;padding:0 20px}
header{padding-top:28px}
h1{font-size:1.6rem;margin:0 0 4px}
h2{font-size:1.2rem;margin:36px 0 10px;padding-top:8px;border-top:2px solid var(--line)}
h3{font-size:.95rem;margin:0 0 6px;color:var(--muted);font-weight:600}
p.meta,.note{color:var(--muted);font-size:.9rem}
nav a{margin-right:14px;color:var(--accent)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:150px}
.card b{display:block;font-size:1.3rem}
.pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:18px;align-items:start}
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
svg.chart{max-width:100%;height:auto;font:11px system-ui,sans-serif}
svg .grid{stroke:#e3e6eb}svg .axis{stroke:#333}svg .zero{stroke:#888;stroke-dasharray:2 2}
svg .bar{fill:#4c6f96}svg .tick{fill:#555}svg .axis-title,svg .panel-title{fill:#222;font-weight:600}
svg .band-label{fill:#333;font-weight:600}svg .share{fill:#222;font-size:10px}svg .label{fill:#222}
svg .ci-band{fill:#9fb8d3;opacity:.55}svg .estimate-line{fill:none;stroke:#2f5d8a;stroke-width:1.5}
svg .estimate{fill:#2f5d8a}svg .ci-bar{stroke:#2f5d8a;stroke-width:1.5}
svg .reference{stroke:#b0463a;stroke-dasharray:5 3;stroke-width:1.2}svg .reference-band{fill:#b0463a;opacity:.08}
footer{padding:30px 20px 40px;color:var(--muted);font-size:.85rem}
@media print{h2{break-before:auto}.pair{display:block}}
`;

/** What the report needs besides the results: the tables and the labels. */
export interface HtmlReportOptions {
  readonly tables: StudyTables;
  readonly labels?: Readonly<Record<string, string>>;
  /** Show the paper's published figures beside; default true. */
  readonly compareWithPaper?: boolean;
  /** A line saying when and how the report was made (masked in snapshot tests). */
  readonly generated?: string;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Our table and the paper's side by side (`stacked`: the paper's right under ours). */
function pair(
  ours: ReportTable,
  paper: ReportTable | null,
  options: { stacked?: boolean } = {},
): string {
  const left = `<div><h3>This study</h3>${toHtml(ours)}</div>`;
  const cls = options.stacked ? 'pair stacked' : 'pair';
  if (!paper) return `<div class="${cls}">${left}</div>`;
  return `<div class="${cls}">${left}<div class="paper"><h3>Published (Ouyang)</h3>${toHtml(paper)}</div></div>`;
}

const figure = (svg: string, caption: string) =>
  `<figure>${svg}<figcaption>${esc(caption)}</figcaption></figure>`;

/**
 * The study report as ONE self-contained HTML page: inline CSS and inline SVG charts, no
 * scripts, no fonts, no images, no links to fetch (a Content-Security-Policy forbids any), so
 * it opens offline and prints. Sections "Table 1" … "Table 5", each beside the paper's
 * published figures where they exist (Tables 1 and 3 carry the paper's means and SDs in their
 * own columns), with the charts: the distribution of vulnerability with the bands shaded,
 * Table 2 by group, coefficient stability across the nested models, and coefficients across
 * quantiles with confidence bands.
 * @example await writeFile('report.html', htmlReport(run.results, { tables }))
 */
export function htmlReport(results: StudyResults, options: HtmlReportOptions): string {
  const { tables } = options;
  const compare = options.compareWithPaper ?? true;
  const labels = options.labels ?? {};
  const label = (term: string) => labels[term] ?? variableLabel(term);
  const paper = compare ? paperTables({ labels }) : null;
  const s = results.vep;
  const o = s.overall;
  const line = results.poverty_line;
  const lineText =
    line.usd_per_day !== undefined
      ? `${line.usd_per_day} international dollars a day × 365 × PPP ${line.ppp} = ${line.line.toFixed(2)} per person per year (the PPP conversion is an assumption: a 2011 private-consumption factor, not survey-year prices in rural Liangshan)`
      : `${line.line} per person per year`;
  const parts: string[] = [];
  parts.push(
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(results.study.title)}</title><style>${CSS}</style></head><body>`,
    `<header><h1>${esc(results.study.title)}</h1>`,
  );
  if (results.study.description) parts.push(`<p>${esc(results.study.description)}</p>`);
  parts.push(
    `<p class="meta">Study ${esc(results.study.file)} · data ${esc(results.study.data)} (${results.study.rows} households) · poverty line ${esc(lineText)}</p>`,
    '<nav>',
    ...['Table 1', 'Table 2', 'Table 3', 'Table 4', 'Table 5'].map(
      (t, k) => `<a href="#table-${k + 1}">${t}</a>`,
    ),
    '</nav>',
    '<div class="cards">',
    `<div class="card">Households used<b>${s.n_used}</b></div>`,
    `<div class="card">Mean vulnerability<b>${o.mean.toFixed(3)}</b></div>`,
    `<div class="card">Below ${s.bands[0]}<b>${pct(o.below)}</b></div>`,
    `<div class="card">${s.bands[0]}–${s.bands[1]}<b>${pct(o.between)}</b></div>`,
    `<div class="card">Above ${s.bands[1]}<b>${pct(o.above)}</b></div>`,
    `<div class="card">Poor now (headcount)<b>${pct(s.headcount_ratio)}</b></div>`,
    '</div></header><main>',
  );
  parts.push(
    `<section id="table-1"><h2>${esc(tables.table1.title ?? 'Table 1')}</h2>`,
    `<p class="note">The income equation's variables (step 1 of the VEP), with the paper's published means and SDs beside.</p>`,
    pair(tables.table1, null),
    '</section>',
  );
  const bars = results.table2.map((b) => b.rows);
  parts.push(
    `<section id="table-2"><h2>${esc(tables.table2.title ?? 'Table 2')}</h2>`,
    pair(tables.table2, paper?.table2 ?? null),
    `<p class="note what-vep-measures"><b>What the VEP measures.</b> The paper's income equation explains current per-capita income with current family net income, so its vulnerability largely restates current poverty: who is poor now, rather than who will fall back. Whether a warning predicts falling back can only be checked on panel data: <code>povrisk validate</code> fits it on one wave and scores it against the next (docs/validation.md).</p>`,
    figure(
      vulnerabilityHistogram(results.vulnerability_histogram, {
        bands: s.bands,
        shares: [o.below, o.between, o.above],
      }),
      `Distribution of the probability of returning to poverty (${s.n_used} households); bands as Table 2.`,
    ),
    figure(
      groupBandChart(bars, { bands: s.bands }),
      'Table 2 by group: shares in each band, and the mean.',
    ),
    '</section>',
  );
  parts.push(
    `<section id="table-3"><h2>${esc(tables.table3.title ?? 'Table 3')}</h2>`,
    pair(tables.table3, null),
    '</section>',
  );
  const models = results.table4.models.map((m) => ({
    label: m.label,
    coefficients: m.result.coefficients,
  }));
  if (results.table4.stepwise)
    models.push({ label: 'Stepwise', coefficients: results.table4.stepwise.result.coefficients });
  parts.push(
    `<section id="table-4"><h2>${esc(tables.table4.title ?? 'Table 4')}</h2>`,
    pair(tables.table4, paper?.table4 ?? null, { stacked: true }),
    figure(
      coefficientStabilityChart(models, { label }),
      'Coefficient stability: each term’s estimate and 95% interval in every model that includes it.',
    ),
    '</section>',
  );
  parts.push(
    `<section id="table-5"><h2>${esc(tables.table5?.title ?? 'Table 5. Quantile regression analysis results')}</h2>`,
  );
  if (tables.table5 && results.table5) {
    parts.push(
      pair(tables.table5, paper?.table5 ?? null),
      figure(
        quantileCoefficientsChart(results.table5.quantreg.fits, {
          ols: results.table5.ols.coefficients,
          label,
        }),
        'Coefficients across quantiles with 95% confidence bands; dashed line and light band: OLS of the same model.',
      ),
    );
  } else {
    parts.push(
      '<p class="note">The study configures no quantile regressions (quantiles.taus).</p>',
    );
  }
  parts.push('</section></main>');
  parts.push(
    `<footer>${esc(options.generated ?? 'Made by povrisk.')} Vulnerability as expected poverty by three-step FGLS (Chaudhuri, Jalan &amp; Suryahadi 2002); OLS with robust standard errors; quantile regressions as R's quantreg.</footer>`,
    '</body></html>',
  );
  return `${parts.join('\n')}\n`;
}
