import type { Command } from 'commander';
import { messages } from '../messages.js';
import { ALERT_SORTS, alertPage, listAlerts, type AlertSort } from '../monitor/list-alerts.js';
import { setStatus } from '../monitor/cases.js';
import { importWave, ImportRejected } from '../monitor/import.js';
import { addMeasure, MEASURE_TYPES } from '../monitor/measures.js';
import { loadRules } from '../monitor/rules.js';
import { runRules } from '../monitor/run.js';
import { validateStore } from '../monitor/validate-store.js';
import { validationText } from '../report/validation-text.js';
import { VALIDATE_MODELS } from '../vep/validate.js';
import { DB_OPTION_HELP, defaultStore, openStore, type Store } from '../monitor/store.js';
import { summary } from '../monitor/summary.js';
import { assignCadre, openCase, recordStep } from '../monitor/procedure.js';
import { myCases, overdueCases, type QueueRow } from '../monitor/procedure-queue.js';
import { FOUND_BY, PROCEDURE_STEPS, STEP_RESULTS } from '../domain/procedure.js';
import { labelOf } from '../domain/labels.js';
import { textTable } from '../report/text-table.js';
import { registerMonitorCases } from './monitor-cases.js';
import { registerMonitorEvents } from './monitor-events.js';
import { parseChoice, parseNumber } from './options.js';

interface StoreFlags {
  db: string;
  user?: string;
  json?: boolean;
}

/** The `--encoding` option of `monitor import`. */
type Enc = { encoding?: string };

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

/**
 * Registers `povrisk monitor import|run|alerts|summary|cases|case|villages|assist|set-status|events`.
 * @example registerMonitor(program)
 */
export function registerMonitor(program: Command): void {
  const monitor = program
    .command('monitor')
    .description('household monitoring: import survey waves, score, alert, follow cases');
  registerMonitorEvents(monitor);

  storeCommand(monitor, 'import', 'import one survey wave (all rows or none)')
    .argument('<file>', 'data file (.csv, .tsv, .parquet, .xlsx, .dta, .sav)')
    .requiredOption(
      '--wave <label>',
      'wave label (rows of this wave when the file has a wave column)',
    )
    .option('--date <YYYY-MM-DD>', 'date of the wave')
    .option('--json', 'print the result as JSON')
    .option('--encoding <name>', 'text encoding of a CSV (default: detected) or old Stata file')
    .action(async (file: string, flags: StoreFlags & { wave: string; date?: string } & Enc) => {
      await withStore(flags, async (store) => {
        try {
          const r = await importWave(store, file, { ...flags, encoding: flags.encoding });
          if (flags.json) json(r);
          else
            process.stdout.write(
              `${r.changed ? messages.importDone(file, r.wave, r) : messages.importUnchanged(file, r.wave, r.rows)}\n`,
            );
        } catch (e) {
          if (e instanceof ImportRejected) {
            for (const p of e.problems) {
              process.stderr.write(
                `${file}: ${messages.importProblem(p.row, p.column, p.value, p.why)}\n`,
              );
            }
          }
          throw e;
        }
      });
    });

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

  storeCommand(
    monitor,
    'validate',
    "does the warning work? each wave's model against the next wave",
  )
    .option('--rules <file>', 'rules file (.json, .yaml); default the built-in rules')
    .option('--model <m>', `${VALIDATE_MODELS.join(' or ')} (default cross-section)`)
    .option(
      '--line <z>',
      "the line falling back is judged by (default the latest wave's monitoring line)",
    )
    .option('--threshold <t>', 'the vep rule flags v >= t (default 0.5)')
    .option('--capacity <share>', 'the top rule flags this share of households (default 0.1)')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        flags: StoreFlags & {
          rules?: string;
          model?: string;
          line?: string;
          threshold?: string;
          capacity?: string;
        },
      ) => {
        const rules = flags.rules ? await loadRules(flags.rules) : undefined;
        const share = { min: 0, max: 1, exclusive: true };
        const options = {
          rules,
          model:
            flags.model === undefined
              ? undefined
              : parseChoice('--model', flags.model, VALIDATE_MODELS),
          line:
            flags.line === undefined
              ? undefined
              : parseNumber('--line', flags.line, { min: 0, exclusive: true }),
          threshold:
            flags.threshold === undefined
              ? undefined
              : parseNumber('--threshold', flags.threshold, share),
          capacity:
            flags.capacity === undefined
              ? undefined
              : parseNumber('--capacity', flags.capacity, share),
        };
        await withStore(flags, async (store) => {
          const r = await validateStore(store, options);
          const printed = {
            model: r.model,
            line: r.line,
            threshold: r.threshold,
            capacity: r.capacity,
            pairs: r.pairs,
          };
          if (flags.json) json(printed);
          else process.stdout.write(`${validationText(r)}\n`);
        });
      },
    );

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
              ...rows.map((r) => [
                r.household_id,
                r.county,
                r.village,
                r.wave,
                r.rule,
                r.status,
                r.reason,
              ]),
            ];
            process.stdout.write(`${textTable(table)}\n`);
            if (total !== undefined && total > rows.length) {
              process.stdout.write(`(the first ${rows.length} of ${total} alerts)\n`);
            }
          }
        });
      },
    );

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

  registerMonitorCases(monitor);

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

  registerProcedure(monitor);
}

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

/** `monitor open|step|assign|overdue|my-cases`: the procedure of a case (识别认定程序). */
function registerProcedure(monitor: Command): void {
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

  storeCommand(monitor, 'assign', "make a dashboard user the case's responsible cadre (帮扶责任人)")
    .argument('<household_id>', 'household identifier')
    .requiredOption('--cadre <user>', 'user name of the responsible cadre')
    .action(async (id: string, flags: StoreFlags & { cadre: string }) => {
      await withStore(flags, async (store) => json(await assignCadre(store, id, flags.cadre)));
    });

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
