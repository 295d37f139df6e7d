import type { Validation } from '../vep/validate.js';
import { textTable } from './text-table.js';

const f = (x: number | null, digits = 3): string => (x === null ? '—' : x.toFixed(digits));

/**
 * `povrisk validate` as text: per pair of waves, the households scored, the share that fell
 * below the line, AUC and Brier score, then one row per rule (flagged, caught, precision,
 * recall).
 * @example process.stdout.write(validationText(validateWarning(data, options)))
 */
export function validationText(result: Validation): string {
  const head =
    `Does the warning work? model ${result.model} (${result.variance} variance), line ${result.line.toFixed(2)}, ` +
    `threshold ${result.threshold}, capacity ${result.capacity}`;
  const blocks = result.pairs.map((p) => {
    const title =
      `Waves ${p.from} → ${p.to}: n ${p.n}, below the line at ${p.to} ${f(p.baseRate)}, ` +
      `AUC ${f(p.auc)}, Brier ${f(p.brier, 4)}` +
      (p.nMissingOutcome > 0 ? `, ${p.nMissingOutcome} without income at ${p.to}` : '') +
      (p.nNotScored > 0 ? `, ${p.nNotScored} not scored` : '') +
      (p.note ? `\n${p.note}` : '');
    const rows = [
      ['rule', 'flagged', 'caught', 'precision', 'recall'],
      ...p.rules.map((r) => [
        r.rule,
        String(r.flagged),
        String(r.caught),
        f(r.precision),
        f(r.recall),
      ]),
    ];
    return `${title}\n${textTable(rows)}`;
  });
  return [head, ...blocks].join('\n\n');
}
