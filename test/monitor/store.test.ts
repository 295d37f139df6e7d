import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { listEvents } from '../../src/monitor/events.js';
import { importWave, ImportRejected } from '../../src/monitor/import.js';
import { migrate } from '../../src/monitor/migrate.js';
import { duckDb } from '../../src/monitor/duckdb-db.js';
import { BACKENDS } from '../helpers/stores.js';
import { MIGRATIONS } from '../../src/monitor/migrations/index.js';
import { loadRules, lineForYear, rulesFrom } from '../../src/monitor/rules.js';
import { runRules } from '../../src/monitor/run.js';
import { defaultStore, openStore, shownUrl } from '../../src/monitor/store.js';
import { summary } from '../../src/monitor/summary.js';
import { alertPage, listAlerts } from '../../src/monitor/list-alerts.js';
import { panel, writeCsv } from './fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'povrisk-monitor-store-'));

describe('monitor store', () => {
  it('applies migrations once, records them, and refuses a newer schema', async () => {
    const path = join(dir, 'mig.duckdb');
    const store = await openStore(path, { user: 'a' });
    const rows = await store.db.all('SELECT version, name FROM schema_version ORDER BY version');
    expect(rows).toEqual([
      { version: 1, name: 'initial' },
      { version: 2, name: 'dashboard users' },
      { version: 3, name: 'monitoring procedure' },
      { version: 4, name: 'sessions' },
      { version: 5, name: 'append-only events' },
    ]);
    expect(await migrate(store.db)).toEqual([]);
    await store.db.run("INSERT INTO schema_version VALUES (99, 'future', now())");
    store.close();
    await expect(openStore(path)).rejects.toThrow(
      `${path}: database schema version 99 is newer than this povrisk knows (${MIGRATIONS.length}); upgrade povrisk`,
    );
  });

  it('migrates a version-1 store whose server made its users table, keeping the accounts', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const c = duckDb(await instance.connect());
    expect(await migrate(c, MIGRATIONS.slice(0, 1))).toEqual([1]);
    // as `povrisk serve` created it before the table was a migration
    await c.run(
      `CREATE TABLE users (username VARCHAR PRIMARY KEY, role VARCHAR NOT NULL,
         area_id VARCHAR NOT NULL, password_hash VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL,
         updated_at TIMESTAMP NOT NULL)`,
    );
    await c.run("INSERT INTO users VALUES ('wang', 'admin', 'all', 'h', now(), now())");
    expect(await migrate(c)).toEqual([2, 3, 4, 5]);
    expect(await c.all('SELECT username FROM users')).toEqual([{ username: 'wang' }]);
    await c.close();
    instance.closeSync();
  });

  it('rolls back a failing migration entirely', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const c = duckDb(await instance.connect());
    const broken = [
      {
        version: 1,
        name: 'broken',
        statements: ['CREATE TABLE t (x INTEGER)', 'SELECT nonsense('],
      },
    ];
    await expect(migrate(c, broken)).rejects.toThrow();
    const t = await c.all(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 't'",
    );
    expect(t).toEqual([{ n: 0 }]);
    expect(await c.all('SELECT count(*) AS n FROM schema_version')).toEqual([{ n: 0 }]);
    await c.close();
    instance.closeSync();
  });

  for (const backend of BACKENDS) {
    it.skipIf(backend.skip)(
      `imports through the library (${backend.name}): missing columns, every bad cell, versions with before/after`,
      async () => {
        const made = await backend.make();
        const store = await openStore(made.target, { user: 'li.wei' });
        try {
          const [w1, w2] = panel({ households: 30, waves: 2, seed: 11, labels: ['a', 'b'] });
          const f1 = join(dir, 'a.csv');
          writeCsv(f1, w1);
          const short = join(dir, 'short.csv');
          writeCsv(short, w1, [
            'household_id',
            'county',
            'township',
            'village',
            'per_capita_income',
          ]);
          await expect(importWave(store, short, { wave: 'a' })).rejects.toThrow(
            /missing column\(s\) able_to_work, head_male/,
          );
          const bad = w1.map((r) => ({ ...r }));
          bad[4].wage_share = 1.5;
          bad[7].head_education = 9;
          bad[9].household_id = bad[2].household_id;
          writeCsv(join(dir, 'bad.csv'), bad);
          const err = await importWave(store, join(dir, 'bad.csv'), { wave: 'a' }).catch(
            (e: unknown) => e,
          );
          expect(err).toBeInstanceOf(ImportRejected);
          expect((err as ImportRejected).problems).toEqual([
            { row: 5, column: 'wage_share', value: '1.5', why: 'must lie in [0, 1]' },
            { row: 8, column: 'head_education', value: '9', why: 'must be one of 1, 2, 3, 4, 5' },
            {
              row: 10,
              column: 'household_id',
              value: 'H00003',
              why: 'household_id repeated (first at row 3)',
            },
          ]);
          expect((await summary(store)).observations).toBe(0);
          await expect(importWave(store, f1, { wave: 'a', date: '2021-02-30' })).rejects.toThrow(
            "invalid date: '2021-02-30'",
          );
          const r1 = await importWave(store, f1, { wave: 'a', date: '2021-06-30' });
          expect(r1).toMatchObject({
            rows: 30,
            inserted: 30,
            versioned: 0,
            newHouseholds: 30,
            changed: true,
          });
          const changed = w1.map((r) => ({ ...r }));
          changed[0].per_capita_income = 1234.5;
          writeCsv(f1, changed);
          const r2 = await importWave(store, f1, { wave: 'a' });
          expect(r2).toMatchObject({ inserted: 0, versioned: 1, unchanged: 29 });
          const versions = await listEvents(store, { entity: 'observation' });
          expect(versions).toHaveLength(1);
          expect(versions[0]).toMatchObject({
            user_name: 'li.wei',
            action: 'new version',
            entity_id: 'H00001 @ a',
            before: { per_capita_income: w1[0].per_capita_income },
            after: { per_capita_income: 1234.5 },
          });
          const f2 = join(dir, 'b.csv');
          writeCsv(f2, w2);
          await importWave(store, f2, { wave: 'b', date: '2022-06-30' });
          const s = await summary(store);
          expect(s).toMatchObject({ households: 30, waves: 2, observations: 60 });

          // Fit on wave a, apply the stored model to wave b: the rules see the applied scores.
          const rules = rulesFrom({ vep: { line: 9000 }, new_shock: { enabled: false } });
          const fit = await runRules(store, { wave: 'a', rules });
          const applied = await runRules(store, { wave: 'b', rules, model: fit.model_id });
          expect(applied).toMatchObject({ method: 'apply', scored: 30, previous_wave: 'a' });
          const models = await store.db.all(
            'SELECT model_id, method, fitted_model_id FROM models ORDER BY model_id',
          );
          expect(models).toEqual([
            { model_id: 1, method: 'fit', fitted_model_id: null },
            { model_id: 2, method: 'apply', fitted_model_id: 1 },
          ]);
          const alerts = await listAlerts(store, { wave: 'b' });
          expect(alerts.length).toBeGreaterThan(0);
          expect(alerts.every((a) => a.rule !== 'new_shock')).toBe(true);

          // Areas: the summaries of the villages add up to the store's, and each counts the
          // village's own open alerts; lists filter, sort and page in SQL.
          const all = await listAlerts(store);
          const villages = [...new Set(all.map((a) => a.village))];
          expect(villages.length).toBeGreaterThan(1);
          const whole = await summary(store);
          const parts = await Promise.all(villages.map((village) => summary(store, { village })));
          expect(parts.reduce((n, p) => n + p.alerts_open, 0)).toBe(whole.alerts_open);
          for (const [i, village] of villages.entries()) {
            expect(parts[i].alerts_open).toBe(all.filter((a) => a.village === village).length);
            expect(parts[i].waves).toBe(2);
          }
          expect(await summary(store, { village: 'no such village' })).toMatchObject({
            households: 0,
            observations: 0,
            alerts_open: 0,
          });
          const rule = all[0].rule;
          expect(await listAlerts(store, { rule })).toEqual(all.filter((a) => a.rule === rule));
          const byRisk = await listAlerts(store, {}, { sort: '-vulnerability' });
          const risks = byRisk.map((a) => a.vulnerability ?? -Infinity);
          expect(risks).toEqual([...risks].sort((x, y) => y - x));
          const page = await alertPage(store, {}, { sort: '-vulnerability', limit: 3, offset: 2 });
          expect(page).toEqual({ total: all.length, rows: byRisk.slice(2, 5) });
        } finally {
          await store.close();
          await made.drop();
        }
      },
    );
  }

  it('opens POVRISK_DB, else PostgreSQL by the PG* variables, else ./povrisk.duckdb', () => {
    expect(defaultStore({ POVRISK_DB: 'x.duckdb', PGHOST: 'h' })).toBe('x.duckdb');
    expect(defaultStore({ PGHOST: 'db.example' })).toBe('postgresql://');
    expect(defaultStore({ PGDATABASE: 'povrisk' })).toBe('postgresql://');
    expect(defaultStore({ PGUSER: 'only-a-user' })).toBe('./povrisk.duckdb');
    expect(defaultStore({})).toBe('./povrisk.duckdb');
    expect(shownUrl('postgres://u:secret@h:5432/db')).toBe('postgres://u@h:5432/db');
  });

  it('validates rules files (JSON and YAML) and looks up monitoring lines by year', async () => {
    const yaml = join(dir, 'rules.yaml');
    writeFileSync(
      yaml,
      'high_vulnerability:\n  threshold: 0.5\nmonitoring_lines:\n  "2022": 6300\n',
    );
    const r = await loadRules(yaml);
    expect(r.high_vulnerability).toEqual({ enabled: true, threshold: 0.5, category: 'unstable' });
    expect(r.monitoring_lines).toEqual({ '2022': 6300 });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ high_vulnerability: { threshold: 1.5 } }));
    await expect(loadRules(bad)).rejects.toThrow(
      `${bad}: invalid rules file: /high_vulnerability/threshold must be < 1`,
    );
    writeFileSync(bad, JSON.stringify({ new_shock: { flags: ['shock_flood'] } }));
    await expect(loadRules(bad)).rejects.toThrow(
      /\/new_shock\/flags\/0 must be equal to one of the allowed values/,
    );
    writeFileSync(bad, JSON.stringify({ low_incme: {} }));
    await expect(loadRules(bad)).rejects.toThrow("invalid rules file: /: unknown key 'low_incme'");
    const lines = { '2021': 6000, '2023': 6600 };
    expect([2020, 2021, 2022, 2023, 2030, null].map((y) => lineForYear(lines, y))).toEqual([
      6000, 6000, 6000, 6600, 6600, 6600,
    ]);
  });
});
