import type { Command } from 'commander';
import { messages } from '../messages.js';
import { importWave, ImportRejected } from '../monitor/import.js';
import { json, storeCommand, withStore, type StoreFlags } from './monitor-store.js';

/** The `--encoding` option of `monitor import`. */
type Enc = { encoding?: string };

/**
 * Registers `povrisk monitor import FILE --wave W`: one survey wave in, all rows or none.
 * @example registerMonitorImport(monitor)
 */
export function registerMonitorImport(monitor: Command): void {
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
}
