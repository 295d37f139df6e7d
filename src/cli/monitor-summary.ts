import type { Command } from 'commander';
import { summary } from '../monitor/summary.js';
import { json, storeCommand, withStore, type StoreFlags } from './monitor-store.js';

/**
 * Registers `povrisk monitor summary`: counts of households, waves, observations, alerts and cases.
 * @example registerMonitorSummary(monitor)
 */
export function registerMonitorSummary(monitor: Command): void {
  storeCommand(monitor, 'summary', 'counts of households, waves, observations, alerts and cases')
    .option('--county <name>', "only this county's households")
    .option('--township <name>', "only this township's households")
    .option('--village <name>', "only this village's households")
    .option('--json', 'print one JSON object')
    .action(
      async (flags: StoreFlags & Record<'county' | 'township' | 'village', string | undefined>) => {
        await withStore(flags, async (store) => {
          const s = await summary(store, flags);
          if (flags.json) json(s);
          else {
            const statuses = Object.entries(s.cases_by_status)
              .map(([k, n]) => `${k} ${n}`)
              .join(', ');
            process.stdout.write(
              `households ${s.households}, waves ${s.waves}, observations ${s.observations}, ` +
                `open alerts ${s.alerts_open}; cases: ${statuses}\n`,
            );
          }
        });
      },
    );
}
