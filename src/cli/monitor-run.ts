import type { Command } from 'commander';
import { loadRules } from '../monitor/rules.js';
import { runRules } from '../monitor/run.js';
import { textTable } from '../report/text-table.js';
import { json, storeCommand, withStore, type StoreFlags } from './monitor-store.js';
import { parseNumber } from './options.js';

/**
 * Registers `povrisk monitor run --wave W`: score a wave and raise alerts, and say how the previous wave's alerts fared.
 * @example registerMonitorRun(monitor)
 */
export function registerMonitorRun(monitor: Command): void {
  storeCommand(monitor, 'run', 'score a wave (VEP) and raise alerts from the rules')
    .requiredOption('--wave <label>', 'wave to score')
    .option('--rules <file>', 'rules file (.json, .yaml); default the built-in rules')
    .option('--model <id>', 'apply this stored model instead of fitting one on the wave')
    .option('--json', 'print the result as JSON')
    .action(async (flags: StoreFlags & { wave: string; rules?: string; model?: string }) => {
      const rules = flags.rules ? await loadRules(flags.rules) : undefined;
      const model =
        flags.model === undefined
          ? undefined
          : parseNumber('--model', flags.model, { min: 1, integer: true });
      await withStore(flags, async (store) => {
        const r = await runRules(store, { wave: flags.wave, rules, model });
        if (flags.json) json(r);
        else {
          const alerts =
            Object.entries(r.alerts)
              .map(([k, n]) => `${k} ${n}`)
              .join(', ') || 'none';
          process.stdout.write(
            `wave ${r.wave}: model ${r.model_id} (${r.method}), ${r.scored} of ${r.households} households scored; ` +
              `new alerts: ${alerts}; cases opened: ${r.cases_opened}\n`,
          );
          if (r.previous_alerts.length > 0) {
            const rows = r.previous_alerts.map((a) => [
              a.rule,
              String(a.flagged),
              String(a.later_poor),
              a.precision === null ? '—' : a.precision.toFixed(3),
              a.recall === null ? '—' : a.recall.toFixed(3),
            ]);
            process.stdout.write(
              `How wave ${r.previous_wave}'s alerts fared (below ${r.monitoring_line} now):\n` +
                `${textTable([['rule', 'flagged', 'now below the line', 'precision', 'recall'], ...rows])}\n`,
            );
          }
        }
      });
    });
}
