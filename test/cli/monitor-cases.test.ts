import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { listAlerts } from '../../src/monitor/list-alerts.js';
import { rowsOf } from '../../src/monitor/sql.js';
import { openStore } from '../../src/monitor/store.js';
import { assertClose } from '../helpers/assert-close.js';
import { CLI, runCli } from '../helpers/run-cli.js';
import { makeCaseStore } from '../server/case-store.js';

let db = '';
beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error('run `npm run build` first');
  db = (await makeCaseStore()).db;
}, 120_000);

const run = async (args: string[]) => {
  const r = await runCli(['monitor', ...args, '--db', db]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};
const query = async (sql: string) => {
  const store = await openStore(db);
  try {
    return await rowsOf(store.db, sql);
  } finally {
    store.close();
  }
};
interface Row {
  household_id: string;
  village: string;
  status: string;
  band: string;
  vulnerability: number | null;
  reasons: { rule: string }[];
}

describe('povrisk monitor cases', () => {
  test('one row per household with an open case, ids in numeric order', async () => {
    const rows = JSON.parse(await run(['cases', '--json', '--sort', 'household_id'])) as Row[];
    const store = await openStore(db);
    const open = new Set(
      (await listAlerts(store))
        .filter((a) => ['flagged', 'verified', 'monitored'].includes(a.status))
        .map((a) => a.household_id),
    );
    store.close();
    expect(open.size).toBeGreaterThan(50);
    expect(rows.map((r) => r.household_id).sort()).toEqual([...open].sort());
    const ids = rows.map((r) => Number(r.household_id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids.some((x) => x < 10) && ids.some((x) => x >= 100)).toBe(true);
  });

  test('filters by status, band and village; the table names the count when paged', async () => {
    const verified = JSON.parse(await run(['cases', '--json', '--status', 'verified'])) as Row[];
    const [n] = await query("SELECT count(*) AS n FROM cases WHERE status = 'verified'");
    expect(verified).toHaveLength(Number(n.n));
    expect(verified.length).toBeGreaterThan(0);
    const high = JSON.parse(await run(['cases', '--json', '--band', 'high'])) as Row[];
    expect(high.length).toBeGreaterThan(0);
    for (const r of high) expect(r.vulnerability).toBeGreaterThan(0.6);
    const v01 = JSON.parse(await run(['cases', '--json', '--village', 'V01'])) as Row[];
    expect(new Set(v01.map((r) => r.village))).toEqual(new Set(['V01']));
    const text = await run(['cases', '--limit', '5']);
    expect(text).toMatch(/\(5 of \d+ households with an open case\)/);
    expect(text).toContain('household');
  });

  test("--responsible and --mine list one cadre's cases, with the cadre in the table", async () => {
    const want = (
      await query(
        "SELECT household_id FROM cases WHERE responsible = 'admin' AND status IN ('flagged', 'verified', 'monitored')",
      )
    ).map((r) => String(r.household_id));
    expect(want.length).toBeGreaterThan(0);
    const byName = JSON.parse(await run(['cases', '--json', '--responsible', 'admin'])) as Row[];
    expect(byName.map((r) => r.household_id).sort()).toEqual([...want].sort());
    const mine = JSON.parse(await run(['cases', '--json', '--mine', '--user', 'admin'])) as Row[];
    expect(mine.map((r) => r.household_id).sort()).toEqual([...want].sort());
    const text = await run(['cases', '--mine', '--user', 'admin']);
    expect(text).toMatch(/cadre/);
    expect(text.split('\n').filter((l) => /\badmin\b/.test(l))).toHaveLength(want.length);
  });

  test('a bad option is one line naming it', async () => {
    for (const args of [
      ['--band', 'severe'],
      ['--sort', 'name'],
      ['--as-of', '2022/01/01'],
    ]) {
      const r = await runCli(['monitor', 'cases', ...args, '--db', db]);
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).toContain(args[0]);
    }
  });
});

describe('povrisk monitor case ID', () => {
  test('prints the drivers: baseline + contributions = the stored mu to 1e-9', async () => {
    const out = JSON.parse(await run(['case', '7'])) as {
      case: { household_id: string };
      profile: { groups: { group: string }[] };
      drivers: {
        model_id: number;
        mean: { baseline: number; contributions: { contribution: number }[] };
        variance: { baseline: number; contributions: { contribution: number }[]; floored: boolean };
      };
    };
    expect(out.case.household_id).toBe('7');
    expect(out.profile.groups).toHaveLength(5);
    const [score] = await query(
      `SELECT mu, sigma FROM risk_scores WHERE household_id = '7' AND model_id = ${out.drivers.model_id}`,
    );
    const d = out.drivers;
    expect(d.mean.contributions.length).toBe(4);
    const mu = d.mean.contributions.reduce((a, c) => a + c.contribution, d.mean.baseline);
    assertClose(mu, Number(score.mu), { atol: 1e-9, rtol: 0, name: 'mu' });
    expect(d.variance.floored).toBe(false);
    const s2 = d.variance.contributions.reduce((a, c) => a + c.contribution, d.variance.baseline);
    assertClose(s2, Number(score.sigma) ** 2, { atol: 1e-9, rtol: 0, name: 'sigma2' });
  });

  test('--measure-map changes the suggestions; a bad map is one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'povrisk-map-'));
    const good = join(dir, 'map.json');
    const everything = ['head_male', 'family_size', 'debt', 'net_income'];
    writeFileSync(
      good,
      JSON.stringify(Object.fromEntries(everything.map((t) => [t, ['relocation']]))),
    );
    const out = JSON.parse(await run(['case', '7', '--measure-map', good])) as {
      drivers: {
        suggestions: { measure: string }[];
        mean: { contributions: { contribution: number }[] };
      };
    };
    const anyNegative = out.drivers.mean.contributions.some((c) => c.contribution < 0);
    expect(out.drivers.suggestions.map((x) => x.measure)).toEqual(
      anyNegative ? ['relocation'] : [],
    );
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ debt: ['charity'] }));
    const r = await runCli(['monitor', 'case', '7', '--measure-map', bad, '--db', db]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('bad.json');
    expect(r.stderr).toContain('charity');
  });
});

describe('povrisk monitor villages', () => {
  test('households by band and open cases by category, per village', async () => {
    const view = JSON.parse(await run(['villages', '--json'])) as {
      villages: {
        village: string;
        households: number;
        bands: Record<string, number>;
        open_cases: Record<string, number>;
      }[];
    };
    expect(view.villages.map((v) => v.village).sort()).toEqual(['V01', 'V03', 'V07', 'V12']);
    const [k] = await query(
      "SELECT count(*) AS n FROM cases WHERE status IN ('flagged', 'verified', 'monitored')",
    );
    const open = view.villages
      .flatMap((v) => Object.values(v.open_cases))
      .reduce((a, b) => a + b, 0);
    expect(open).toBe(Number(k.n));
    for (const v of view.villages) {
      expect(Object.values(v.bands).reduce((a, b) => a + b, 0)).toBe(v.households);
    }
    const text = await run(['villages', '--township', 'Xide T1']);
    expect(text).toContain('V01 (Xide T1)');
    expect(text).not.toContain('V03');
  });
});
