import type { Command } from 'commander';
import { eventPage } from '../monitor/event-page.js';
import { DB_OPTION_HELP, defaultStore, openStore } from '../monitor/store.js';
import { textTable } from '../report/text-table.js';
import { parseChoice, parseNumber } from './options.js';

interface EventFlags {
  db: string;
  by?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  since?: string;
  until?: string;
  limit: string;
  offset: string;
  order: string;
  json?: boolean;
}

/**
 * Registers `povrisk monitor events [--by USER] [--action A] [--entity E] [--entity-id ID]
 * [--since DAY] [--until DAY] [--limit 100] [--offset 0] [--order newest|oldest] [--json]`:
 * the audit trail (sign-ins and their failures, reads, exports, refusals, every change).
 * @example registerMonitorEvents(program.commands.find((c) => c.name() === 'monitor')!)
 */
export function registerMonitorEvents(monitor: Command): void {
  monitor
    .command('events')
    .description('the event log: who signed in, read, exported, was refused or changed what')
    .option('--db <store>', DB_OPTION_HELP, defaultStore())
    .option('--by <user>', 'only events of this user')
    .option('--action <action>', "only this action (e.g. 'login failed', list, export, refused)")
    .option('--entity <entity>', 'only this entity (case, household, alerts, user, …)')
    .option('--entity-id <id>', 'only this entity id')
    .option('--since <YYYY-MM-DD>', 'from this day')
    .option('--until <YYYY-MM-DD>', 'to this day (inclusive)')
    .option('--limit <n>', 'at most n events', '100')
    .option('--offset <n>', 'skip the first n events', '0')
    .option('--order <order>', 'newest or oldest first', 'newest')
    .option('--json', 'print { total, events } as JSON')
    .action(async (flags: EventFlags) => {
      const limit = parseNumber('--limit', flags.limit, { min: 1, max: 1e9, integer: true });
      const offset = parseNumber('--offset', flags.offset, { min: 0, max: 1e15, integer: true });
      const order = parseChoice('--order', flags.order, ['newest', 'oldest'] as const);
      const store = await openStore(flags.db);
      try {
        const filter = {
          user: flags.by,
          action: flags.action,
          entity: flags.entity,
          entityId: flags.entityId,
          since: flags.since,
          until: flags.until,
        };
        const page = await eventPage(store, filter, { limit, offset, order });
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
          return;
        }
        const table = [
          ['id', 'recorded at', 'user', 'action', 'entity', 'id', 'details'],
          ...page.events.map((e) => [
            String(e.event_id),
            e.recorded_at,
            e.user_name,
            e.action,
            e.entity,
            e.entity_id ?? '',
            e.after === null ? '' : JSON.stringify(e.after),
          ]),
        ];
        process.stdout.write(`${textTable(table)}\n`);
        process.stdout.write(`(${page.events.length} of ${page.total} events)\n`);
      } finally {
        await store.close();
      }
    });
}
