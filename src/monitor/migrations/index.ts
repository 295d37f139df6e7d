import { migration001 } from './001-initial.js';
import { migration002 } from './002-dashboard-users.js';
import { migration003 } from './003-monitoring-procedure.js';
import { migration004 } from './004-sessions.js';
import { migration005 } from './005-append-only-events.js';
import type { Migration } from './migration.js';

/**
 * Every schema migration, in version order. Add a new file `NNN-name.ts` and list it here;
 * never edit a migration that has been released.
 */
export const MIGRATIONS: readonly Migration[] = Object.freeze([
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
]);
