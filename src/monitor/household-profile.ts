import { quoteIdent } from '../data/source.js';
import { INDICATOR_GROUPS } from '../domain/indicator-groups.js';
import { rowsOf, sqlString } from './sql.js';
import type { Store } from './store.js';
import type { HouseholdProfile } from '../domain/household-detail.js';

export type { HouseholdProfile, ProfileItem } from '../domain/household-detail.js';

/**
 * The household's indicators in its latest wave (current versions), grouped as the paper
 * groups them (`INDICATOR_GROUPS`), each with its value in the household's previous wave and
 * the change.
 * @example (await householdProfile(store, 'H00001')).groups[1].items[0] // { name: 'wage_share', value: 0.4, change: -0.1, … }
 */
export async function householdProfile(
  store: Pick<Store, 'db'>,
  householdId: string,
): Promise<HouseholdProfile> {
  const names = INDICATOR_GROUPS.flatMap((g) => g.items.map(([name]) => name));
  const rows = await rowsOf(
    store.db,
    `SELECT o.wave, ${names.map((n) => `CAST(o.${quoteIdent(n)} AS DOUBLE) AS ${quoteIdent(n)}`).join(', ')}
     FROM current_observations o JOIN waves w ON w.wave = o.wave
     WHERE o.household_id = ${sqlString(householdId)} ORDER BY w.seq DESC LIMIT 2`,
  );
  const [now, before] = rows;
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return Object.freeze({
    wave: now ? String(now.wave) : null,
    previous_wave: before ? String(before.wave) : null,
    groups: INDICATOR_GROUPS.map((g) =>
      Object.freeze({
        group: g.group,
        en: g.en,
        zh: g.zh,
        items: g.items.map(([name, en, zh]) => {
          const value = num(now?.[name]);
          const previous = num(before?.[name]);
          const change = value === null || previous === null ? null : value - previous;
          return Object.freeze({ name, en, zh, value, previous, change });
        }),
      }),
    ),
  });
}
