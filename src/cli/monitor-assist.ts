import type { Command } from 'commander';
import { setStatus } from '../monitor/cases.js';
import { addMeasure, MEASURE_TYPES } from '../monitor/measures.js';
import { json, storeCommand, withStore, type StoreFlags } from './monitor-store.js';
import { parseNumber } from './options.js';

/**
 * Registers `povrisk monitor assist ID --type T --date D` (a measure) and `povrisk monitor set-status ID STATUS`.
 * @example registerMonitorAssist(monitor)
 */
export function registerMonitorAssist(monitor: Command): void {
  storeCommand(monitor, 'assist', "record an assistance measure on a household's open case")
    .argument('<household_id>', 'household identifier')
    .requiredOption('--type <type>', `one of ${MEASURE_TYPES.join(', ')}`)
    .requiredOption('--date <YYYY-MM-DD>', 'date of the measure')
    .option('--end-date <YYYY-MM-DD>', 'last day of the measure (default open-ended)')
    .option('--amount <cny>', 'amount in CNY')
    .option('--note <text>', 'free text')
    .action(
      async (
        id: string,
        flags: StoreFlags & {
          type: string;
          date: string;
          endDate?: string;
          amount?: string;
          note?: string;
        },
      ) => {
        const amount =
          flags.amount === undefined
            ? undefined
            : parseNumber('--amount', flags.amount, { min: 0 });
        await withStore(flags, async (store) =>
          json(
            await addMeasure(store, id, {
              type: flags.type,
              date: flags.date,
              end_date: flags.endDate,
              amount,
              note: flags.note,
            }),
          ),
        );
      },
    );

  storeCommand(
    monitor,
    'set-status',
    'move a case: verified, monitored, risk eliminated, dismissed',
  )
    .argument('<household_id>', 'household identifier')
    .argument('<status>', "new status ('risk eliminated' may be written risk-eliminated)")
    .option('--reason <text>', 'why (required to dismiss)')
    .option('--date <YYYY-MM-DD>', 'date of the change (default today)')
    .action(
      async (
        id: string,
        status: string,
        flags: StoreFlags & { reason?: string; date?: string },
      ) => {
        const s = status.trim().toLowerCase().replace(/[-_]+/g, ' ');
        await withStore(flags, async (store) => json(await setStatus(store, id, s, flags)));
      },
    );
}
