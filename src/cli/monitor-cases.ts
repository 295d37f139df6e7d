import type { Command } from 'commander';
import { CASE_BANDS, CASE_SORTS, casePage, type CaseSort } from '../monitor/case-queue.js';
import { caseOf } from '../monitor/cases.js';
import { loadDriverMeasures } from '../monitor/driver-measures.js';
import { householdDrivers } from '../monitor/household-drivers.js';
import { householdProfile } from '../monitor/household-profile.js';
import { DB_OPTION_HELP, defaultStore, openStore, type Store } from '../monitor/store.js';
import { villageView } from '../monitor/village-view.js';
import { textTable } from '../report/text-table.js';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { parseChoice, parseNumber } from './options.js';

interface StoreFlags {
  db: string;
  user?: string;
  json?: boolean;
}

const json = (x: unknown) => process.stdout.write(`${JSON.stringify(x, null, 2)}\n`);

async function withStore<T>(flags: StoreFlags, body: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(flags.db, { user: flags.user });
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}

function storeCommand(parent: Command, name: string, description: string): Command {
  return parent
    .command(name)
    .description(description)
    .option('--db <store>', DB_OPTION_HELP, defaultStore())
    .option('--user <name>', 'who is acting, for the event log (default $USER)');
}

type QueueFlags = StoreFlags &
  Record<
    | 'county'
    | 'township'
    | 'village'
    | 'status'
    | 'category'
    | 'rule'
    | 'band'
    | 'responsible'
    | 'sort'
    | 'limit'
    | 'offset'
    | 'asOf',
    string | undefined
  > & { mine?: boolean };

/**
 * Registers `povrisk monitor cases` (the case queue), `povrisk monitor case ID` (the case
 * file with the household's profile and drivers) and `povrisk monitor villages`.
 * @example registerMonitorCases(program.commands.find((c) => c.name() === 'monitor')!)
 */
export function registerMonitorCases(monitor: Command): void {
  storeCommand(monitor, 'cases', 'the case queue: one row per household with an open case')
    .option('--county <name>', 'only this county')
    .option('--township <name>', 'only this township')
    .option('--village <name>', 'only this village')
    .option('--status <status>', 'only cases in this status (flagged, verified, monitored)')
    .option('--category <category>', 'only this category (unstable, marginal, sudden_hardship)')
    .option('--rule <rule>', 'only cases with an alert of this rule')
    .option('--band <band>', `only this vulnerability band (${CASE_BANDS.join(', ')})`)
    .option('--responsible <user>', 'only cases whose responsible cadre is this user')
    .option('--mine', 'only cases whose responsible cadre is --user (default $USER)')
    .option('--sort <key>', `order first by ${Object.keys(CASE_SORTS).join(', ')}`)
    .option('--limit <n>', 'rows per page (default 1000)')
    .option('--offset <n>', 'skip this many rows (default 0)')
    .option('--as-of <YYYY-MM-DD>', 'date the days since the last step count to (default today)')
    .option('--json', 'print a JSON array')
    .action(async (flags: QueueFlags) => {
      const sort =
        flags.sort === undefined
          ? undefined
          : parseChoice('--sort', flags.sort, Object.keys(CASE_SORTS) as CaseSort[]);
      const band =
        flags.band === undefined ? undefined : parseChoice('--band', flags.band, CASE_BANDS);
      const count = (name: string, v: string | undefined, min: number) =>
        v === undefined ? undefined : parseNumber(name, v, { min, integer: true });
      const limit = count('--limit', flags.limit, 1);
      const offset = count('--offset', flags.offset, 0);
      const asOf = flags.asOf;
      if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
        throw new UserError(messages.badOption('--as-of', asOf, 'a date YYYY-MM-DD'));
      }
      await withStore(flags, async (store) => {
        const responsible = flags.mine ? store.user : flags.responsible;
        const { rows, total } = await casePage(
          store,
          { ...flags, band, responsible },
          { sort, limit, offset, asOf },
        );
        if (flags.json) return json(rows);
        const table = [
          ['household', 'village', 'category', 'status', 'cadre', 'v', 'income', 'days', 'reasons'],
          ...rows.map((r) => [
            r.household_id,
            r.village,
            r.category,
            r.status,
            r.responsible ?? '',
            r.vulnerability === null ? '.' : r.vulnerability.toFixed(3),
            r.per_capita_income === null ? '.' : r.per_capita_income.toFixed(0),
            String(r.days_since_step),
            r.reasons.map((x) => `${x.wave} ${x.reason_zh}`).join('；'),
          ]),
        ];
        process.stdout.write(`${textTable(table)}\n`);
        if (total > rows.length) {
          process.stdout.write(`(${rows.length} of ${total} households with an open case)\n`);
        }
      });
    });

  storeCommand(
    monitor,
    'case',
    "a household's latest case: alerts, measures, income by wave, history, profile and drivers",
  )
    .argument('<household_id>', 'household identifier')
    .option('--measure-map <file>', 'driver-to-measure mapping (.json, .yaml) for the suggestions')
    .action(async (id: string, flags: StoreFlags & { measureMap?: string }) => {
      const mapping = flags.measureMap ? await loadDriverMeasures(flags.measureMap) : undefined;
      await withStore(flags, async (store) =>
        json({
          ...(await caseOf(store, id)),
          profile: await householdProfile(store, id),
          drivers: await householdDrivers(store, id, { mapping }),
        }),
      );
    });

  storeCommand(
    monitor,
    'villages',
    'per village: households by band, open cases by category, common drivers of the vulnerable',
  )
    .option('--county <name>', 'only this county')
    .option('--township <name>', 'only this township')
    .option('--village <name>', 'only this village')
    .option('--threshold <v>', 'vulnerable when v >= this (default 0.5)')
    .option('--measure-map <file>', 'driver-to-measure mapping (.json, .yaml)')
    .option('--json', 'print one JSON object')
    .action(
      async (
        flags: StoreFlags &
          Record<
            'county' | 'township' | 'village' | 'threshold' | 'measureMap',
            string | undefined
          >,
      ) => {
        const threshold =
          flags.threshold === undefined
            ? undefined
            : parseNumber('--threshold', flags.threshold, { min: 0, max: 1, exclusive: true });
        const mapping = flags.measureMap ? await loadDriverMeasures(flags.measureMap) : undefined;
        await withStore(flags, async (store) => {
          const view = await villageView(store, flags, { threshold, mapping });
          if (flags.json) return json(view);
          const table = [
            ['village', 'households', 'low', 'medium', 'high', 'open cases', 'common drivers'],
            ...view.villages.map((v) => [
              `${v.village} (${v.township})`,
              String(v.households),
              String(v.bands.low),
              String(v.bands.medium),
              String(v.bands.high),
              Object.entries(v.open_cases)
                .map(([k, n]) => `${k} ${n}`)
                .join(', '),
              v.drivers
                .slice(0, 3)
                .map((d) => `${d.term} ${d.households}`)
                .join(', '),
            ]),
          ];
          process.stdout.write(`wave ${view.wave ?? '-'}\n${textTable(table)}\n`);
        });
      },
    );
}
