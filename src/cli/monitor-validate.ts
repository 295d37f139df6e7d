import type { Command } from 'commander';
import { loadRules } from '../monitor/rules.js';
import { validateStore } from '../monitor/validate-store.js';
import { validationText } from '../report/validation-text.js';
import { VALIDATE_MODELS } from '../vep/validate.js';
import { json, storeCommand, withStore, type StoreFlags } from './monitor-store.js';
import { parseChoice, parseNumber } from './options.js';
import { pairValidationJson } from '../report/result-json.js';

/**
 * Registers `povrisk monitor validate`: each wave's model against the next wave.
 * @example registerMonitorValidate(monitor)
 */
export function registerMonitorValidate(monitor: Command): void {
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
            pairs: r.pairs.map(pairValidationJson),
          };
          if (flags.json) json(printed);
          else process.stdout.write(`${validationText(r)}\n`);
        });
      },
    );
}
