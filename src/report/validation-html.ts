import type { Validation } from '../vep/validate.js';
import { calibrationPlot } from './charts/calibration-plot.js';
import { rocCurve, rocPoints } from './charts/roc-curve.js';
import { htmlEscape as esc } from './formats/html.js';
import { validationWords, type ValidationWords } from './validation-words.js';

const f = (x: number | null, digits = 3): string => (x === null ? '—' : x.toFixed(digits));
const th = (text: string, cls = '') =>
  `<th scope="col"${cls ? ` class="${cls}"` : ''}>${esc(text)}</th>`;
const td = (text: string) => `<td class="right">${esc(text)}</td>`;

/**
 * The validation of one or more models over the same waves as HTML sections (no scripts, no
 * external resources), one per pair of waves: a table of n, base rate, AUC and Brier score (a
 * column per model), the rules table (flagged, caught, precision, recall per model), and per
 * model a ROC curve and a calibration plot. `povrisk validate --out` draws one model, the
 * `analyze` report both. Default `words`: English.
 * @example validationSections([cross, history], { words: validationWords('zh-CN') })
 */
export function validationSections(
  results: readonly Validation[],
  options: { words?: ValidationWords } = {},
): string {
  const w = options.words ?? validationWords('en');
  const first = results[0];
  if (!first) return '';
  const names = results.map((r) => w.model(r.model));
  return first.pairs
    .map((p0, k) => {
      const pairs = results.map((r) => r.pairs[k]);
      const title = w.pair(p0.from, p0.to);
      const row = (label: string, cells: string[]) =>
        `<tr><th scope="row">${esc(label)}</th>${cells.join('')}</tr>`;
      const measures = [
        row(
          w.scored,
          pairs.map((p) => td(String(p.n))),
        ),
        row(
          w.baseRate(p0.to),
          pairs.map((p) => td(f(p.baseRate))),
        ),
        row(
          w.auc,
          pairs.map((p) => td(f(p.auc))),
        ),
        row(
          w.brier,
          pairs.map((p) => td(f(p.brier, 4))),
        ),
      ];
      if (pairs.some((p) => p.nMissingOutcome > 0))
        measures.push(
          row(
            w.missingOutcome(p0.to),
            pairs.map((p) => td(String(p.nMissingOutcome))),
          ),
        );
      if (pairs.some((p) => p.nNotScored > 0))
        measures.push(
          row(
            w.notScored,
            pairs.map((p) => td(String(p.nNotScored))),
          ),
        );
      const summary =
        `<table class="povrisk-table validation-measures"><thead><tr>${th(w.measure)}${names.map((n) => th(n, 'right')).join('')}</tr></thead>` +
        `<tbody>${measures.join('')}</tbody></table>`;
      const ruleNames = [...new Set(pairs.flatMap((p) => p.rules.map((r) => r.rule)))];
      const sub = [w.flagged, w.caught, w.precision, w.recall];
      const rules =
        `<table class="povrisk-table validation-rules"><thead>` +
        (results.length > 1
          ? `<tr><th></th>${names.map((n) => `<th scope="colgroup" colspan="4" class="center">${esc(n)}</th>`).join('')}</tr>`
          : '') +
        `<tr>${th(w.rule)}${names.map(() => sub.map((s) => th(s, 'right')).join('')).join('')}</tr></thead><tbody>` +
        ruleNames
          .map((name) =>
            row(
              w.ruleName(name),
              pairs.flatMap((p) => {
                const r = p.n > 0 ? p.rules.find((x) => x.rule === name) : undefined;
                return r
                  ? [
                      td(String(r.flagged)),
                      td(String(r.caught)),
                      td(f(r.precision)),
                      td(f(r.recall)),
                    ]
                  : [td('—'), td('—'), td('—'), td('—')];
              }),
            ),
          )
          .join('') +
        `</tbody></table>`;
      const notes = pairs
        .map((p, j) => (p.note ? `<p class="note">${esc(names[j])}: ${esc(p.note)}</p>` : ''))
        .join('');
      const charts = results
        .map((r, j) => {
          const p = pairs[j];
          if (p.n === 0) return '';
          const s = r.scores[k];
          const chartTitle = results.length > 1 ? `${title}, ${names[j]}` : title;
          return (
            rocCurve(rocPoints(s.v, s.y), { auc: p.auc, title: chartTitle, words: w }) +
            calibrationPlot(p.calibration, { title: chartTitle, words: w })
          );
        })
        .join('');
      return (
        `<section class="validation-pair"><h3>${esc(title)}</h3>${summary}${notes}${rules}` +
        `<div class="charts">${charts}</div></section>`
      );
    })
    .join('\n');
}

/**
 * `povrisk validate --out FILE.html`: a self-contained page (inline CSS and SVG, no scripts).
 * @example await writeFile('validation.html', validationHtml(result))
 */
export function validationHtml(result: Validation): string {
  const head =
    `Model ${result.model} (${result.variance} variance); poverty line ${result.line.toFixed(2)}; vep rule v ≥ ${result.threshold}; ` +
    `top rule: the ${result.capacity * 100}% highest v.`;
  const w = validationWords('en');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Does the warning work?</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:900px;color:#222}
table{border-collapse:collapse;margin:.5em 0}td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left}
.right{text-align:right!important}.center{text-align:center}.charts{display:flex;flex-wrap:wrap;gap:12px}
.chart text{font-size:11px;fill:#333}.chart .grid{stroke:#eee}.note{color:#8a4b00}
</style></head><body>
<h1>Does the warning work? 预警准不准？</h1>
<p>${esc(head)} Each pair fits the model on the first wave and checks who was below the line a wave later.
${esc(w.measures)}</p>
${validationSections([result], { words: w })}
</body></html>
`;
}
