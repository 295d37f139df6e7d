import type { Command } from 'commander';
import {
  ALERT_SORTS,
  alertPage,
  listAlerts,
  type AlertRow,
  type AlertSort,
} from '../monitor/list-alerts.js';
import { textTable } from '../report/text-table.js';
import { json, storeCommand, withStore, type StoreFlags } from './monitor-store.js';
import { parseChoice, parseNumber } from './options.js';

/**
 * Registers `povrisk monitor alerts`: alerts with their case status, filtered and sorted.
 * @example registerMonitorAlerts(monitor)
 */
export function registerMonitorAlerts(monitor: Command): void {
  storeCommand(monitor, 'alerts', 'list alerts with their case status')
    .option('--wave <label>', 'only this wave')
    .option('--county <name>', 'only this county')
    .option('--township <name>', 'only this township')
    .option('--village <name>', 'only this village')
    .option('--status <status>', 'only cases in this status')
    .option('--rule <rule>', 'only alerts of this rule')
    .option('--sort <key>', `order first by ${Object.keys(ALERT_SORTS).join(', ')} (- descending)`)
    .option('--limit <n>', 'only the first n alerts (of that order)')
    .option('--json', 'print a JSON array')
    .action(
      async (
        flags: StoreFlags &
          Record<
            'wave' | 'county' | 'township' | 'village' | 'status' | 'rule' | 'sort' | 'limit',
            string | undefined
          >,
      ) => {
        const sort =
          flags.sort === undefined
            ? undefined
            : parseChoice('--sort', flags.sort, Object.keys(ALERT_SORTS) as AlertSort[]);
        const limit =
          flags.limit === undefined
            ? undefined
            : parseNumber('--limit', flags.limit, { min: 1, integer: true });
        await withStore(flags, async (store) => {
          const { rows, total } =
            limit === undefined
              ? { rows: await listAlerts(store, flags, { sort }), total: undefined }
              : await alertPage(store, flags, { sort, limit });
          printAlerts(rows, total, flags);
        });
      },
    );
}

/** The alerts as JSON (these fields, in this order) or as a table, with the page's extent. */
function printAlerts(
  rows: readonly AlertRow[],
  total: number | undefined,
  flags: { json?: boolean },
): void {
  if (flags.json) {
    json(
      rows.map((r) => ({
        household_id: r.household_id,
        county: r.county,
        village: r.village,
        wave: r.wave,
        rule: r.rule,
        reason: r.reason,
        reason_zh: r.reason_zh,
        category: r.category,
        vulnerability: r.vulnerability,
        per_capita_income: r.per_capita_income,
        status: r.status,
      })),
    );
  } else {
    const table = [
      ['household', 'county', 'village', 'wave', 'rule', 'status', 'reason'],
      ...rows.map((r) => [r.household_id, r.county, r.village, r.wave, r.rule, r.status, r.reason]),
    ];
    process.stdout.write(`${textTable(table)}\n`);
    if (total !== undefined && total > rows.length) {
      process.stdout.write(`(the first ${rows.length} of ${total} alerts)\n`);
    }
  }
}
