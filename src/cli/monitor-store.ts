import type { Command } from 'commander';
import { DB_OPTION_HELP, defaultStore, openStore, type Store } from '../monitor/store.js';

/** The flags every `povrisk monitor` command that opens the store takes. */
export interface StoreFlags {
  db: string;
  user?: string;
  json?: boolean;
}

/**
 * Prints a value as indented JSON on stdout (what every `--json` of `povrisk monitor` prints).
 * @example json({ households: 3 })
 */
export const json = (x: unknown) => process.stdout.write(`${JSON.stringify(x, null, 2)}\n`);

/**
 * Opens the store named by `--db` as `--user`, runs `body`, and closes the store.
 * @example await withStore(flags, async (store) => json(await summary(store)))
 */
export async function withStore<T>(
  flags: StoreFlags,
  body: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openStore(flags.db, { user: flags.user });
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}

/**
 * A `povrisk monitor` subcommand that opens the store: `--db` and `--user` come with it.
 * @example storeCommand(monitor, 'summary', 'counts of households …').option('--json', '…')
 */
export function storeCommand(parent: Command, name: string, description: string): Command {
  return parent
    .command(name)
    .description(description)
    .option('--db <store>', DB_OPTION_HELP, defaultStore())
    .option('--user <name>', 'who is acting, for the event log (default $USER)');
}
