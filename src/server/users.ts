import type { Db } from '../monitor/db.js';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { logEvent } from '../monitor/events.js';
import { rowsOf, sqlString } from '../monitor/sql.js';
import { inTransaction, type Store } from '../monitor/store.js';
import { hashPassword } from './passwords.js';
import { ALL_AREAS, ROLES, type Role } from './roles.js';

/** A dashboard account with its area's names (null above the account's level). */
export interface Account {
  readonly username: string;
  readonly role: Role;
  readonly area_id: string;
  readonly county: string | null;
  readonly township: string | null;
  readonly village: string | null;
  readonly password_hash: string;
}

/** What `addUser` needs; `area` is an area name or id (`all` for admin). */
export interface NewUser {
  readonly username: string;
  readonly role: string;
  readonly area: string;
  readonly password: string;
}

/** Shortest password accepted. */
export const MIN_PASSWORD = 8;

/**
 * Finds the area an account covers: an id of `areas` at the role's level (`Xide › Xide T1`),
 * or a name that only one area of that level has (`Xide T1`). Admin's area is `all`.
 * @example await resolveArea(store.db, 'village', 'V03') // 'Xide › Xide T2 › V03'
 */
export async function resolveArea(c: Db, role: Role, area: string): Promise<string> {
  if (role === 'admin') {
    if (area !== ALL_AREAS) throw new UserError(messages.server.adminAreaAll(area));
    return ALL_AREAS;
  }
  const a = sqlString(area.trim());
  const rows = await rowsOf(
    c,
    `SELECT area_id FROM areas WHERE level = ${sqlString(role)} AND (area_id = ${a} OR name = ${a})
     ORDER BY area_id = ${a} DESC, area_id`,
  );
  if (rows.length === 0) throw new UserError(messages.server.areaUnknown(area, role));
  if (rows.length > 1 && rows[0].area_id !== area.trim()) {
    throw new UserError(
      messages.server.areaAmbiguous(
        area,
        rows.map((r) => String(r.area_id)),
      ),
    );
  }
  return String(rows[0].area_id);
}

/**
 * Adds a dashboard account (scrypt-hashed password) and logs it, without the hash, in the
 * event log as `store.user`.
 * @example await addUser(store, { username: 'wang', role: 'village', area: 'V03', password: '…' })
 */
export async function addUser(store: Store, user: NewUser): Promise<Account> {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(user.username)) {
    throw new UserError(messages.server.badUsername(user.username));
  }
  if (!(ROLES as readonly string[]).includes(user.role)) {
    throw new UserError(messages.badOption('--role', user.role, `one of ${ROLES.join(', ')}`));
  }
  if (user.password.length < MIN_PASSWORD) {
    throw new UserError(messages.server.passwordShort(MIN_PASSWORD));
  }
  const role = user.role as Role;
  const areaId = await resolveArea(store.db, role, user.area);
  const hash = await hashPassword(user.password);
  await inTransaction(store, async (c) => {
    if (await findAccount(c, user.username)) {
      throw new UserError(messages.server.userExists(user.username));
    }
    await c.run(
      `INSERT INTO users VALUES (${sqlString(user.username)}, ${sqlString(role)},
         ${sqlString(areaId)}, ${sqlString(hash)}, current_localtimestamp(), current_localtimestamp())`,
    );
    await logEvent(c, store.user, {
      action: 'add',
      entity: 'user',
      entityId: user.username,
      after: { username: user.username, role, area_id: areaId },
    });
  });
  return (await findAccount(store.db, user.username)) as Account;
}

/**
 * An account with its area's county, township and village names, or null when unknown.
 * @example (await findAccount(store.db, 'wang'))?.village // 'V03'
 */
export async function findAccount(c: Db, username: string): Promise<Account | null> {
  const rows = await rowsOf(
    c,
    `SELECT u.username, u.role, u.area_id, a.county, a.township, a.village, u.password_hash
     FROM users u LEFT JOIN areas a ON a.area_id = u.area_id
     WHERE u.username = ${sqlString(username)}`,
  );
  return rows.length === 0 ? null : (Object.freeze(rows[0]) as unknown as Account);
}
