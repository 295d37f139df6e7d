import type { Command } from 'commander';
import { messages } from '../messages.js';
import { DB_OPTION_HELP, defaultStore, openStore } from '../monitor/store.js';
import { ROLES } from '../server/roles.js';
import { addUser } from '../server/users.js';
import { parseChoice } from './options.js';

/** Reads standard input to its end and returns its first line (the password). */
async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

/**
 * Registers `povrisk users add NAME --role admin|county|township|village --area AREA [--db DB]`;
 * the password is read from standard input (`echo "$PW" | povrisk users add …`).
 * @example registerUsers(program)
 */
export function registerUsers(program: Command): void {
  const users = program.command('users').description('dashboard accounts');
  users
    .command('add')
    .description('add an account; the password is read from stdin')
    .argument('<name>', 'user name (letters, digits, . _ -)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .requiredOption('--area <area>', "area name or id (admin: 'all')")
    .option('--db <store>', DB_OPTION_HELP, defaultStore())
    .option('--user <name>', 'who is acting, for the event log (default $USER)')
    .action(
      async (name: string, flags: { role: string; area: string; db: string; user?: string }) => {
        const role = parseChoice('--role', flags.role, ROLES);
        const password = await readPassword();
        const store = await openStore(flags.db, { user: flags.user });
        try {
          const a = await addUser(store, { username: name, role, area: flags.area, password });
          process.stdout.write(`${messages.server.userAdded(a.username, a.role, a.area_id)}\n`);
        } finally {
          await store.close();
        }
      },
    );
}
