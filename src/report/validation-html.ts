import type { Validation } from '../vep/validate.js';
import { calibrationPlot } from './charts/calibration-plot.js';
import { rocCurve, rocPoints } from './charts/roc-curve.js';
import { htmlEscape } from './formats/html.js';

const f = (x: number | null, digits = 3): string => (x === null ? '—' : x.toFixed(digits));

/**
 * The validation's sections as an HTML fragment (no scripts, no external resources): per pair
 * of waves, a summary line, the rules table, a ROC curve and a calibration plot.
 * @example validationSections(result)
 */
export function validationSections(result: Validation): string {
  return result.pairs
    .map((p, k) => {
      const title = `Waves ${p.from} → ${p.to}`;
      const rows = p.rules
        .map(
          (r) =>
            `<tr><td>${htmlEscape(r.rule)}</td><td class="right">${r.flagged}</td><td class="right">${r.caught}</td>` +
            `<td class="right">${f(r.precision)}</td><td class="right">${f(r.recall)}</td></tr>`,
        )
        .join('');
      const s = result.scores[k];
      return (
        `<section class="validation-pair"><h3>${htmlEscape(title)}</h3>` +
        `<p>${p.n} households scored; ${f(p.base_rate)} fell below the line at ${htmlEscape(p.to)}; ` +
        `AUC ${f(p.auc)}, Brier score ${f(p.brier, 4)}` +
        (p.n_missing_outcome
          ? `; ${p.n_missing_outcome} left out without an income at ${htmlEscape(p.to)}`
          : '') +
        (p.n_not_scored ? `; ${p.n_not_scored} not scored` : '') +
        `.</p>${p.note ? `<p class="note">${htmlEscape(p.note)}</p>` : ''}` +
        `<table class="povrisk-table"><thead><tr><th scope="col">rule</th><th scope="col" class="right">flagged</th>` +
        `<th scope="col" class="right">caught</th><th scope="col" class="right">precision</th><th scope="col" class="right">recall</th></tr></thead>` +
        `<tbody>${rows}</tbody></table>` +
        `<div class="charts">${rocCurve(rocPoints(s.v, s.y), { auc: p.auc, title })}` +
        `${calibrationPlot(p.calibration, { title })}</div></section>`
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
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Does the warning work?</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:900px;color:#222}
table{border-collapse:collapse;margin:.5em 0}td,th{padding:2px 8px;border-bottom:1px solid #ddd}
.right{text-align:right}.charts{display:flex;flex-wrap:wrap;gap:12px}
.chart text{font-size:11px;fill:#333}.chart .grid{stroke:#eee}.note{color:#8a4b00}
</style></head><body>
<h1>Does the warning work? 预警准不准？</h1>
<p>${htmlEscape(head)} Each pair fits the model on the first wave and checks who was below the line a wave later.
AUC: the chance that a household that fell below the line had a higher v than one that did not (0.5 = no better than chance).
Brier score: mean squared error of v (lower is better).</p>
${validationSections(result)}
</body></html>
`;
}
