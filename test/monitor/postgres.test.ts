import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/errors.js';
import { setStatus } from '../../src/monitor/cases.js';
import { importWave } from '../../src/monitor/import.js';
import { listAlerts } from '../../src/monitor/list-alerts.js';
import { runRules } from '../../src/monitor/run.js';
import { openStore, type Store } from '../../src/monitor/store.js';
import { summary } from '../../src/monitor/summary.js';
import {
  flaggedHousehold,
  holdCaseLock,
  PG_SERVER_URL,
  postgresSuite,
} from '../helpers/postgres.js';
import { panel, writeCsv } from './fixture.js';

// The same two waves in a DuckDB file and a PostgreSQL database: the same scores, alerts and
// counts; then what only PostgreSQL does (several writers, a log the database guards).
describe.skipIf(!PG_SERVER_URL)('the monitoring store on PostgreSQL', () => {
  const suite = postgresSuite('povrisk-pg-');
  const dir = suite.dir;
  let duck: Store;
  let pg: Store;
  const runs: { duck: number[]; pg: number[] } = { duck: [], pg: [] };

  beforeAll(async () => {
    duck = await openStore(join(dir, 'same.duckdb'), { user: 'li.wei' });
    pg = await openStore(suite.db.url, { user: 'li.wei' });
    const waves = panel({ households: 400, waves: 2, seed: 23, labels: ['2021', '2022'] });
    for (const [w, rows] of waves.entries()) {
      const file = join(dir, `w${w}.csv`);
      writeCsv(file, rows);
      const wave = String(2021 + w);
      for (const [name, store] of [
        ['duck', duck],
        ['pg', pg],
      ] as const) {
        await importWave(store, file, { wave, date: `${wave}-06-30` });
        runs[name].push((await runRules(store, { wave })).model_id);
      }
    }
  });
  afterAll(async () => {
    await duck?.close();
    await pg?.close();
  });

  it('scores every household as DuckDB does: μ, σ and v to 1e-9', async () => {
    for (const k of [0, 1]) {
      const sql = (id: number) =>
        `SELECT household_id, mu, sigma, vulnerability FROM risk_scores
         WHERE model_id = ${id} ORDER BY household_id`;
      const a = await duck.db.all(sql(runs.duck[k]));
      const b = await pg.db.all(sql(runs.pg[k]));
      expect(a.length).toBe(400);
      expect(b.length).toBe(a.length);
      let scored = 0;
      for (const [i, r] of a.entries()) {
        expect(b[i].household_id).toBe(r.household_id);
        for (const col of ['mu', 'sigma', 'vulnerability']) {
          if (r[col] === null) {
            expect(b[i][col]).toBeNull();
            continue;
          }
          expect(Math.abs(Number(b[i][col]) - Number(r[col]))).toBeLessThan(1e-9);
        }
        if (r.vulnerability !== null) scored++;
      }
      expect(scored).toBeGreaterThan(300);
    }
  });

  it('raises the same alerts and counts', async () => {
    const a = await listAlerts(duck);
    const b = await listAlerts(pg);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBe(a.length);
    for (const [i, r] of a.entries()) {
      expect({ ...b[i], vulnerability: null }).toEqual({ ...r, vulnerability: null });
      if (r.vulnerability !== null) {
        expect(Math.abs(Number(b[i].vulnerability) - Number(r.vulnerability))).toBeLessThan(1e-9);
      }
    }
    expect(await summary(pg)).toEqual(await summary(duck));
  });

  it('keeps the event log append-only in the database itself', async () => {
    const [first] = await pg.db.all('SELECT event_id FROM events ORDER BY event_id LIMIT 1');
    expect(first).toBeDefined();
    await expect(
      pg.db.run(`UPDATE events SET user_name = 'someone else' WHERE event_id = ${first.event_id}`),
    ).rejects.toThrow('the event log is append-only: UPDATE of events refused');
    await expect(pg.db.run('DELETE FROM events')).rejects.toThrow(
      'the event log is append-only: DELETE of events refused',
    );
    await expect(pg.db.run('TRUNCATE events')).rejects.toThrow(
      'the event log is append-only: TRUNCATE of events refused',
    );
    const [{ n }] = await pg.db.all(
      `SELECT count(*) AS n FROM events WHERE user_name = 'someone else'`,
    );
    expect(n).toBe(0);
  });

  it('two officers changing one case: one wins, the other is told of the conflict', async () => {
    const other = await openStore(suite.db.url, { user: 'wang' });
    try {
      const household = await flaggedHousehold(pg);
      // The first officer's change is under way (its transaction holds the case) …
      const first = await holdCaseLock(pg, household);
      // … so the second one's is refused with one clear line, and changes nothing.
      const err = await setStatus(other, household, 'dismissed', { reason: 'moved away' }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ConflictError);
      expect((err as Error).message).toBe(
        `the case of household ${household} is being changed by another user right now; reload it and try again`,
      );
      await first.release((c) =>
        c.run(`UPDATE cases SET reason = 'first' WHERE household_id = '${household}'`),
      );
      const [k] = await pg.db.all(
        `SELECT status, reason FROM cases WHERE household_id = '${household}' ORDER BY case_id DESC LIMIT 1`,
      );
      expect(k).toEqual({ status: 'flagged', reason: 'first' });
      // Once the first has committed, the second may try again, on the case as it now is.
      const after = await setStatus(other, household, 'dismissed', { reason: 'moved away' });
      expect(after).toMatchObject({ status: 'dismissed', reason: 'moved away' });
    } finally {
      await other.close();
    }
  });

  it('refuses an unreachable server with one line naming the URL without its password', async () => {
    const url = new URL(PG_SERVER_URL!);
    url.password = 'secret';
    url.port = '1';
    const err = await openStore(url.toString()).catch((e: unknown) => e);
    expect((err as Error).name).toBe('UserError');
    expect((err as Error).message).not.toContain('secret');
    expect((err as Error).message).toMatch(
      /^postgres:\/\/postgres@127\.0\.0\.1:1\/postgres: cannot open database: /,
    );
  });
});
