import type { AlertFilter, AreaFilter } from '../monitor/list-alerts.js';
import { sqlString } from '../monitor/sql.js';
import type { Role } from './roles.js';

/**
 * The areas an account may see: every area (admin), or one county, one township or one
 * village, named as in the `areas` table. Null names are not constrained.
 */
export interface Scope {
  readonly role: Role;
  readonly county: string | null;
  readonly township: string | null;
  readonly village: string | null;
}

/**
 * The scope of an account. Admin sees all; a county account its county; a township account
 * its township's villages; a village account its village.
 * @example scopeOf({ role: 'township', county: 'Xide', township: 'Xide T1', village: null })
 */
export function scopeOf(account: Scope): Scope {
  const all = account.role === 'admin';
  return Object.freeze({
    role: account.role,
    county: all ? null : account.county,
    township: all || account.role === 'county' ? null : account.township,
    village: account.role === 'village' ? account.village : null,
  });
}

/**
 * A SQL condition on an `areas` row (alias `ar` by default) that holds exactly inside the
 * scope; `TRUE` for admin.
 * @example scopeSql(scope, 'ar') // "ar.county = 'Xide' AND ar.township = 'Xide T1'"
 */
export function scopeSql(scope: Scope, alias = 'ar'): string {
  const parts: string[] = [];
  if (scope.county !== null) parts.push(`${alias}.county = ${sqlString(scope.county)}`);
  if (scope.township !== null) parts.push(`${alias}.township = ${sqlString(scope.township)}`);
  if (scope.village !== null) parts.push(`${alias}.village = ${sqlString(scope.village)}`);
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

/**
 * Narrows a requested alert filter to the scope: the scope's area names replace the
 * request's; a request for an area outside the scope yields null (an empty list).
 * @example scopedFilter(villageScope, { village: 'V12' }) // null when the account's village is V03
 */
export function scopedFilter(scope: Scope, filter: AlertFilter): AlertFilter | null {
  const out: Record<string, string | undefined> = { ...filter };
  for (const level of ['county', 'township', 'village'] as const) {
    const own = scope[level];
    if (own === null) continue;
    if (filter[level] !== undefined && filter[level] !== own) return null;
    out[level] = own;
  }
  return out as AlertFilter;
}

/**
 * The scope as a monitor area filter (every area for admin).
 * @example scopeArea(villageScope) // { county: 'Xide', township: 'Xide T1', village: 'V03' }
 */
export function scopeArea(scope: Scope): AreaFilter {
  return {
    county: scope.county ?? undefined,
    township: scope.township ?? undefined,
    village: scope.village ?? undefined,
  };
}
