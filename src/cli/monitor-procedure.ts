import type { Command } from 'commander';
import { FOUND_BY, PROCEDURE_STEPS, STEP_RESULTS } from '../domain/procedure.js';
import { labelOf } from '../domain/labels.js';
import { assignCadre, openCase, recordStep } from '../monitor/procedure.js';
import { myCases, overdueCases, type QueueRow } from '../monitor/procedure-queue.js';
import { loadRules } from '../monitor/rules.js';
import { textTable } from '../report/text-table.js';
import { json, storeCommand, withStore, type StoreFlags } from './monitor-store.js';

const queueTable = (rows: readonly QueueRow[]) =>
  textTable([
    [
      'household',
      'village',
      'status',
      'category',
      'cadre',
      'last step',
      'since',
      'next step',
      'due',
      'overdue',
    ],
    ...rows.map((r) => [
      r.household_id,
      r.village,
      r.status,
      r.category,
      r.responsible ?? '',
      r.last_step,
      r.since,
      r.next_step ?? '',
      r.due ?? '',
      r.days_overdue !== null && r.days_overdue > 0 ? `${r.days_overdue} d` : '',
    ]),
  ]);

/**
 * Registers `povrisk monitor open|step|assign|overdue|my-cases`: the procedure of a case
 * (识别认定程序), its steps and its queues.
 * @example registerMonitorProcedure(monitor)
 */
export function registerMonitorProcedure(monitor: Command): void {
  registerProcedureSteps(monitor);
  registerProcedureQueues(monitor);
}

/** `monitor open|step|assign`: open a case, record its next step, name its cadre. */
function registerProcedureSteps(monitor: Command): void {
  storeCommand(
    monitor,
    'open',
    'open a case found by self-report, a cadre visit or department data',
  )
    .argument('<household_id>', 'household identifier')
    .requiredOption('--found-by <how>', `one of ${FOUND_BY.join(', ')}`)
    .option('--date <YYYY-MM-DD>', 'date the case was found (default today)')
    .option(
      '--category <category>',
      'unstable, marginal or sudden_hardship (default by registration)',
    )
    .option('--note <text>', 'free text')
    .action(
      async (
        id: string,
        flags: StoreFlags & { foundBy: string; date?: string; category?: string; note?: string },
      ) => {
        await withStore(flags, async (store) => json(await openCase(store, id, flags)));
      },
    );
  registerStep(monitor);
  storeCommand(monitor, 'assign', "make a dashboard user the case's responsible cadre (帮扶责任人)")
    .argument('<household_id>', 'household identifier')
    .requiredOption('--cadre <user>', 'user name of the responsible cadre')
    .action(async (id: string, flags: StoreFlags & { cadre: string }) => {
      await withStore(flags, async (store) => json(await assignCadre(store, id, flags.cadre)));
    });
}

/** `monitor step ID STEP`: record the next step of a case, and print the steps so far. */
function registerStep(monitor: Command): void {
  storeCommand(monitor, 'step', 'record the next step of a case, in order')
    .argument('<household_id>', 'household identifier')
    .argument('<step>', PROCEDURE_STEPS.filter((s) => s !== 'found').join(', '))
    .option(
      '--date <YYYY-MM-DD>',
      'date of the step; of a public notice, its first day (default today)',
    )
    .option(
      '--result <result>',
      `verification: ${STEP_RESULTS.verification.join('|')}; reviews and approval: approved|rejected; notice: ${STEP_RESULTS.public_notice.join('|')} (default the first)`,
    )
    .option('--notice-end <YYYY-MM-DD>', "the public notice's last day (public_notice only)")
    .option('--note <text>', 'free text')
    .action(
      async (
        id: string,
        step: string,
        flags: StoreFlags & { date?: string; result?: string; noticeEnd?: string; note?: string },
      ) => {
        await withStore(flags, async (store) => {
          const steps = await recordStep(store, id, step, flags);
          if (flags.json) json(steps);
          else
            process.stdout.write(
              `${textTable([
                ['step', '', 'date', 'until', 'result', 'user'],
                ...steps.map((s) => [
                  s.step,
                  labelOf('step', s.step),
                  s.date,
                  s.end_date ?? '',
                  s.result,
                  s.user_name,
                ]),
              ])}\n`,
            );
        });
      },
    )
    .option('--json', 'print the steps as JSON');
}

/** `monitor overdue|my-cases`: the open cases past a deadline, and those of one cadre. */
function registerProcedureQueues(monitor: Command): void {
  const queue = (name: string, description: string) =>
    storeCommand(monitor, name, description)
      .option('--as-of <YYYY-MM-DD>', 'the day to judge deadlines on (default today)')
      .option('--rules <file>', 'rules file with procedure.deadlines (default the built-in ones)')
      .option('--json', 'print a JSON array');
  type QueueFlags = StoreFlags & { asOf?: string; rules?: string };
  const deadlinesOf = async (flags: QueueFlags) =>
    flags.rules ? (await loadRules(flags.rules)).procedure.deadlines : undefined;

  queue('overdue', 'open cases whose next step is past its deadline').action(
    async (flags: QueueFlags) => {
      const deadlines = await deadlinesOf(flags);
      await withStore(flags, async (store) => {
        const rows = await overdueCases(store, { asOf: flags.asOf, deadlines });
        if (flags.json) json(rows);
        else process.stdout.write(`${queueTable(rows)}\n(${rows.length} overdue)\n`);
      });
    },
  );

  queue('my-cases', 'the open cases whose responsible cadre is --user (default $USER)').action(
    async (flags: QueueFlags) => {
      const deadlines = await deadlinesOf(flags);
      await withStore(flags, async (store) => {
        const rows = await myCases(store, store.user, { asOf: flags.asOf, deadlines });
        if (flags.json) json(rows);
        else process.stdout.write(`${queueTable(rows)}\n(${rows.length} cases of ${store.user})\n`);
      });
    },
  );
}
