import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listEvents } from '../../src/monitor/events.js';
import { listAlerts } from '../../src/monitor/list-alerts.js';
import { rowsOf } from '../../src/monitor/sql.js';
import { assertClose } from '../helpers/assert-close.js';
import { makeCaseStore } from './case-store.js';
import { login, startServer, type Client, type Running } from './harness.js';

interface CaseRow {
  household_id: string;
  village: string;
  status: string;
  category: string;
  rules: string[];
  reasons: { wave: string; rule: string; reason: string; reason_zh: string }[];
  vulnerability: number | null;
  band: string;
  days_since_step: number;
  last_step: string | null;
  last_step_on: string;
  responsible: string | null;
}
interface Term {
  term: string;
  value: number;
  mean: number;
  coefficient: number;
  contribution: number;
}
interface Drivers {
  wave: string;
  model_id: number;
  mean: { baseline: number; contributions: Term[] };
  variance: { baseline: number; contributions: Term[]; sigma2: number; floored: boolean };
  cause: string | null;
  suggestions: { measure: string; terms: string[] }[];
}

let s: Running;
let admin: Client;
const OPEN = "('flagged', 'verified', 'monitored')";

beforeAll(async () => {
  s = await startServer((await makeCaseStore()).db);
  admin = await login(s.url, 'admin');
}, 120_000);
afterAll(async () => s?.close());

async function cases(c: Client, query = ''): Promise<{ rows: CaseRow[]; total: number }> {
  const r = await c.get(`/api/cases?limit=1000${query}`);
  expect(r.status, await r.clone().text()).toBe(200);
  return { rows: (await r.json()) as CaseRow[], total: Number(r.headers.get('x-total-count')) };
}

/** Open alerts by household, from the alert list (not the code under test). */
async function openAlerts(filter: Record<string, string> = {}) {
  const by = new Map<string, { rule: string; wave: string; reason_zh: string }[]>();
  for (const a of await listAlerts(s.store, filter)) {
    if (!['flagged', 'verified', 'monitored'].includes(a.status)) continue;
    by.set(a.household_id, [...(by.get(a.household_id) ?? []), a]);
  }
  return by;
}

describe('GET /api/cases', () => {
  test('one row per household with an open case, carrying every reason of its alerts', async () => {
    const expected = await openAlerts();
    expect(expected.size).toBeGreaterThan(50);
    const { rows, total } = await cases(admin);
    expect(total).toBe(expected.size);
    expect(rows).toHaveLength(expected.size);
    expect(new Set(rows.map((r) => r.household_id)).size).toBe(rows.length);
    const byId = new Map(rows.map((r) => [r.household_id, r]));
    for (const [id, alerts] of expected) {
      const row = byId.get(id);
      expect(row, `household ${id}`).toBeDefined();
      expect(row!.reasons.map((x) => `${x.wave}/${x.rule}`).sort()).toEqual(
        alerts.map((a) => `${a.wave}/${a.rule}`).sort(),
      );
      expect(row!.reasons.map((x) => x.reason_zh).sort()).toEqual(
        alerts.map((a) => a.reason_zh).sort(),
      );
      expect(row!.rules).toEqual([...new Set(alerts.map((a) => a.rule))].sort());
    }
  });

  test('household ids that are numbers sort as numbers, both ways', async () => {
    const { rows } = await cases(admin, '&sort=household_id');
    const ids = rows.map((r) => Number(r.household_id));
    expect(ids.length).toBeGreaterThan(50);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // Text order would put 10 before 2: check that the page really crosses a digit boundary.
    expect(ids.some((x) => x < 10) && ids.some((x) => x >= 100)).toBe(true);
    const down = (await cases(admin, '&sort=-household_id')).rows.map((r) =>
      Number(r.household_id),
    );
    expect(down).toEqual([...ids].reverse());
  });

  test('the alert list also sorts numeric household ids as numbers', async () => {
    const r = await admin.get('/api/alerts?limit=1000&sort=household_id');
    const ids = ((await r.json()) as { household_id: string }[]).map((a) => Number(a.household_id));
    expect(ids.length).toBeGreaterThan(50);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids.some((x) => x < 10) && ids.some((x) => x >= 100)).toBe(true);
  });

  test('pages follow the order, and X-Total-Count is the whole queue', async () => {
    const all = (await cases(admin, '&sort=-vulnerability')).rows.map((r) => r.household_id);
    const r = await admin.get('/api/cases?sort=-vulnerability&limit=10&offset=10');
    const page = ((await r.json()) as CaseRow[]).map((x) => x.household_id);
    expect(page).toEqual(all.slice(10, 20));
    expect(Number(r.headers.get('x-total-count'))).toBe(all.length);
    const v = (await cases(admin, '&sort=-vulnerability')).rows
      .map((x) => x.vulnerability)
      .filter((x): x is number => x !== null);
    expect(v).toEqual([...v].sort((a, b) => b - a));
  });

  test('filters: status, category, rule, band, village; each total counted independently', async () => {
    const db = s.store.db;
    const count = async (where: string) =>
      Number(
        (
          await rowsOf(db, `SELECT count(*) AS n FROM cases WHERE status IN ${OPEN} AND ${where}`)
        )[0].n,
      );
    const verified = await cases(admin, '&status=verified');
    expect(verified.total).toBe(await count("status = 'verified'"));
    expect(verified.total).toBeGreaterThan(0);
    expect(verified.rows.map((r) => r.status)).toEqual(verified.rows.map(() => 'verified'));
    for (const category of ['unstable', 'sudden_hardship']) {
      const got = await cases(admin, `&category=${category}`);
      expect(got.total, category).toBe(await count(`category = '${category}'`));
      expect(got.total).toBeGreaterThan(0);
      expect(new Set(got.rows.map((r) => r.category))).toEqual(new Set([category]));
    }
    const withRule = await openAlerts();
    const highV = [...withRule].filter(([, a]) => a.some((x) => x.rule === 'high_vulnerability'));
    const byRule = await cases(admin, '&rule=high_vulnerability');
    expect(byRule.total).toBe(highV.length);
    expect(byRule.total).toBeGreaterThan(0);
    expect(byRule.rows.map((r) => r.household_id).sort()).toEqual(highV.map(([id]) => id).sort());
    const high = await cases(admin, '&band=high');
    expect(high.total).toBeGreaterThan(0);
    for (const r of high.rows) expect(r.vulnerability, r.household_id).toBeGreaterThan(0.6);
    const low = await cases(admin, '&band=low');
    for (const r of low.rows) expect(r.vulnerability, r.household_id).toBeLessThan(0.3);
    const all = await cases(admin);
    expect(all.rows.filter((r) => r.band === 'high').length).toBe(high.total);
    const v03 = await cases(admin, '&village=V03');
    expect(v03.total).toBe((await openAlerts({ village: 'V03' })).size);
    expect(new Set(v03.rows.map((r) => r.village))).toEqual(new Set(['V03']));
  });

  test('days since the last step count from the later of the status change and the measures', async () => {
    const rows = (await cases(admin, '&household=3')).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('verified');
    expect(rows[0].last_step_on).toBe('2022-08-15');
    const today = Date.parse(new Date().toISOString().slice(0, 10));
    expect(rows[0].days_since_step).toBe(Math.round((today - Date.parse('2022-08-15')) / 864e5));
    expect(rows[0].last_step).toBe('village_review');
  });

  test('a procedural step later than the status change and the measures is the last step', async () => {
    const reviewed = await rowsOf(
      s.store.db,
      `SELECT k.household_id FROM case_steps st JOIN cases k USING (case_id)
       WHERE st.step = 'village_review' AND st.step_date = DATE '2022-09-10' AND k.status IN ${OPEN}`,
    );
    expect(reviewed.length).toBeGreaterThan(0);
    for (const { household_id: id } of reviewed) {
      const rows = (await cases(admin, `&household=${String(id)}`)).rows;
      expect(rows).toHaveLength(1);
      expect(rows[0].last_step).toBe('village_review');
      expect(rows[0].last_step_on).toBe('2022-09-10');
      expect(rows[0].responsible).toBe('xide');
    }
  });

  test("the responsible cadre is a field and a filter (one cadre's cases)", async () => {
    const expected = await rowsOf(
      s.store.db,
      `SELECT household_id, responsible FROM cases WHERE status IN ${OPEN}`,
    );
    const all = await cases(admin);
    expect(all.rows).toHaveLength(expected.length);
    const byId = new Map(expected.map((r) => [String(r.household_id), r.responsible]));
    for (const r of all.rows) expect(r.responsible, r.household_id).toBe(byId.get(r.household_id));
    for (const cadre of ['admin', 'xide']) {
      const want = expected.filter((r) => r.responsible === cadre).map((r) => r.household_id);
      expect(want.length, cadre).toBeGreaterThan(0);
      const mine = await cases(admin, `&responsible=${cadre}`);
      expect(mine.total, cadre).toBe(want.length);
      expect(mine.rows.map((r) => r.household_id).sort()).toEqual([...want].sort());
    }
    expect((await cases(admin, '&responsible=nobody')).total).toBe(0);
  });

  test('scoped to the account: a village account sees its village only', async () => {
    const v01 = await login(s.url, 'v01');
    const own = await cases(v01);
    expect(own.total).toBe((await openAlerts({ village: 'V01' })).size);
    expect(new Set(own.rows.map((r) => r.village))).toEqual(new Set(['V01']));
    const other = await cases(v01, '&village=V03');
    expect(other.rows).toEqual([]);
    expect(other.total).toBe(0);
    const t1 = await login(s.url, 't1');
    expect(new Set((await cases(t1)).rows.map((r) => r.village))).toEqual(new Set(['V01']));
  });

  test('a bad filter is a 400 naming it', async () => {
    for (const q of [
      'band=severe',
      'sort=name',
      'status=dismissed',
      'limit=0',
      'limit=1001',
      'limit=Infinity',
      'offset=1e20',
      'colour=red',
    ]) {
      const r = await admin.get(`/api/cases?${q}`);
      expect(r.status, q).toBe(400);
      expect(((await r.json()) as { error: string }).error).toContain(q.split('=')[0]);
    }
    expect((await fetch(`${s.url}/api/cases`)).status).toBe(401);
  });
});

describe('the audit trail of the case queue and the village view', () => {
  test('a queue read is logged as a list read with its filter and row count', async () => {
    const v01 = await login(s.url, 'v01');
    const before = (await listEvents(s.store)).length;
    const r = await v01.get('/api/cases?band=high&limit=3&offset=1');
    expect(r.status).toBe(200);
    const rows = (await r.json()) as unknown[];
    const added = (await listEvents(s.store)).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      user_name: 'v01',
      action: 'list',
      entity: 'cases',
      after: {
        filter: { band: 'high', village: 'V01' },
        limit: 3,
        offset: 1,
        rows: rows.length,
        total: Number(r.headers.get('x-total-count')),
      },
    });
  });

  test('another area is refused in the log and gives nothing, for cases and villages', async () => {
    const v01 = await login(s.url, 'v01');
    for (const [url, entity] of [
      ['/api/cases?village=V03', 'cases'],
      ['/api/villages?village=V03', 'villages'],
    ] as const) {
      const before = (await listEvents(s.store)).length;
      const r = await v01.get(url);
      expect(r.status, url).toBe(200);
      const added = (await listEvents(s.store)).slice(before);
      expect(added.map((e) => [e.action, e.entity])).toEqual([
        ['refused', entity],
        ['list', entity],
      ]);
      expect(added[0].after).toMatchObject({ filter: { village: 'V03' } });
      expect(added[1].after).toMatchObject({ rows: 0 });
    }
  });

  test('a village view read is logged with its village count', async () => {
    const before = (await listEvents(s.store)).length;
    const r = await admin.get('/api/villages?threshold=0.4');
    const view = (await r.json()) as { villages: unknown[] };
    const added = (await listEvents(s.store)).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      user_name: 'admin',
      action: 'list',
      entity: 'villages',
      after: { threshold: 0.4, rows: view.villages.length },
    });
    expect(view.villages.length).toBeGreaterThan(0);
  });
});

describe('GET /api/households/:id drivers', () => {
  test('baseline + contributions = the stored mu and sigma^2 to 1e-9; terms as computed from the raw data', async () => {
    const db = s.store.db;
    const ids = (
      await rowsOf(db, `SELECT household_id FROM households ORDER BY household_id LIMIT 24`)
    ).map((r) => String(r.household_id));
    let checked = 0;
    for (const id of ids) {
      const r = await admin.get(`/api/households/${id}`);
      expect(r.status).toBe(200);
      const d = ((await r.json()) as { drivers: Drivers }).drivers;
      // The stored score (from the VEP fit) and the model, read straight from the store.
      const [score] = await rowsOf(
        db,
        `SELECT s.mu, s.sigma, CAST(m.coefficients AS VARCHAR) AS coef, CAST(m.spec AS VARCHAR) AS spec
         FROM risk_scores s JOIN models m USING (model_id)
         WHERE s.household_id = '${id}' AND s.model_id = ${d.model_id}`,
      );
      const coef = JSON.parse(String(score.coef)) as { beta: number[]; theta: number[] };
      const spec = JSON.parse(String(score.spec)) as { x: string[]; income: string };
      const sum = (e: { baseline: number; contributions: Term[] }) =>
        e.contributions.reduce((a, c) => a + c.contribution, e.baseline);
      assertClose(sum(d.mean), Number(score.mu), { atol: 1e-9, rtol: 0, name: `mu ${id}` });
      if (!d.variance.floored) {
        const s2 = Number(score.sigma) ** 2;
        assertClose(sum(d.variance), s2, { atol: 1e-9, rtol: 0, name: `sigma2 ${id}` });
      }
      // Each term from the observation, the wave's mean of the estimation sample, and beta.
      const cols = spec.x.map((x) => `avg(${x}) AS ${x}`).join(', ');
      const [mean] = await rowsOf(
        db,
        `SELECT ${cols} FROM current_observations WHERE wave = '${d.wave}' AND ${spec.income} > 0
           AND ${spec.x.map((x) => `${x} IS NOT NULL`).join(' AND ')}`,
      );
      const [own] = await rowsOf(
        db,
        `SELECT ${spec.x.join(', ')} FROM current_observations WHERE wave = '${d.wave}' AND household_id = '${id}'`,
      );
      expect(d.mean.contributions.map((c) => c.term)).toEqual(spec.x);
      spec.x.forEach((x, j) => {
        const expected = coef.beta[j + 1] * (Number(own[x]) - Number(mean[x]));
        assertClose(d.mean.contributions[j].contribution, expected, {
          rtol: 1e-9,
          atol: 1e-13,
          name: `${id} ${x}`,
        });
        const expectedV = coef.theta[j + 1] * (Number(own[x]) - Number(mean[x]));
        assertClose(d.variance.contributions[j].contribution, expectedV, {
          rtol: 1e-9,
          atol: 1e-13,
          name: `${id} variance ${x}`,
        });
      });
      checked++;
    }
    expect(checked).toBe(24);
  });

  test('the cause and the suggested measures follow the drivers', async () => {
    const db = s.store.db;
    const vulnerable = await rowsOf(
      db,
      `SELECT s.household_id, s.mu FROM risk_scores s JOIN (SELECT max(model_id) AS m FROM models) l
         ON s.model_id = l.m WHERE s.vulnerability >= 0.5 ORDER BY s.household_id LIMIT 5`,
    );
    expect(vulnerable.length).toBeGreaterThan(0);
    for (const v of vulnerable) {
      const d = (
        (await (await admin.get(`/api/households/${v.household_id}`)).json()) as {
          drivers: Drivers;
        }
      ).drivers;
      expect(d.cause).toBe(Number(v.mu) < Math.log(10500) ? 'low mean' : 'high variance');
      const worst = [...d.mean.contributions].sort((a, b) => a.contribution - b.contribution)[0];
      if (worst.contribution < 0 && worst.term === 'debt') {
        expect(d.suggestions.map((x) => x.measure)).toContain('microfinance');
      }
      for (const sug of d.suggestions) {
        for (const t of sug.terms) {
          const c = d.mean.contributions.find((x) => x.term === t)!;
          expect(c.contribution).toBeLessThan(0);
        }
      }
    }
  });

  test('the profile groups indicators as the paper does, with the change since the previous wave', async () => {
    const body = (await (await admin.get('/api/households/7')).json()) as {
      profile: {
        wave: string;
        previous_wave: string;
        groups: {
          group: string;
          items: { name: string; value: number; change: number | null }[];
        }[];
      };
      lines: { monitoring: { wave: string; line: number }[] };
    };
    expect(body.profile.groups.map((g) => g.group)).toEqual([
      'household',
      'livelihood',
      'infrastructure',
      'health',
      'shocks',
    ]);
    expect(body.profile.wave).toBe('2022');
    expect(body.profile.previous_wave).toBe('2021');
    const [now, before] = await rowsOf(
      s.store.db,
      `SELECT wage_share FROM current_observations WHERE household_id = '7' ORDER BY wave DESC`,
    );
    const ws = body.profile.groups[1].items.find((i) => i.name === 'wage_share')!;
    expect(ws.value).toBe(Number(now.wage_share));
    assertClose(ws.change!, Number(now.wage_share) - Number(before.wage_share), { atol: 1e-12 });
    expect(body.lines.monitoring.map((m) => [m.wave, m.line])).toEqual([
      ['2020', 6000],
      ['2021', 6000],
      ['2022', 6000],
    ]);
  });
});

describe('GET /api/villages', () => {
  test('households by band and open cases by category, counted independently', async () => {
    const view = (await (await admin.get('/api/villages')).json()) as {
      wave: string;
      villages: {
        village: string;
        households: number;
        bands: Record<string, number>;
        open_cases: Record<string, number>;
        vulnerable: number;
        drivers: { term: string; households: number; measures: string[] }[];
      }[];
    };
    expect(view.wave).toBe('2022');
    expect(view.villages.map((v) => v.village).sort()).toEqual(['V01', 'V03', 'V07', 'V12']);
    const db = s.store.db;
    for (const v of view.villages) {
      expect(v.households).toBe(30);
      const b = await rowsOf(
        db,
        `SELECT count(*) FILTER (s.vulnerability > 0.6) AS high, count(*) FILTER (s.vulnerability < 0.3) AS low,
           count(*) FILTER (s.vulnerability >= 0.5) AS vulnerable
         FROM risk_scores s JOIN households h USING (household_id) JOIN areas ar USING (area_id)
         WHERE s.model_id = (SELECT max(model_id) FROM models) AND ar.village = '${v.village}'`,
      );
      expect(v.bands.high).toBe(Number(b[0].high));
      expect(v.bands.low).toBe(Number(b[0].low));
      expect(v.vulnerable).toBe(Number(b[0].vulnerable));
      expect(Object.values(v.bands).reduce((a, x) => a + x, 0)).toBe(30);
      const k = await rowsOf(
        db,
        `SELECT k.category, count(*) AS n FROM cases k JOIN households h USING (household_id)
         JOIN areas ar USING (area_id) WHERE k.status IN ${OPEN} AND ar.village = '${v.village}'
         GROUP BY 1`,
      );
      expect(v.open_cases).toEqual(Object.fromEntries(k.map((r) => [r.category, Number(r.n)])));
      expect(v.drivers.reduce((a, d) => a + d.households, 0)).toBeLessThanOrEqual(v.vulnerable);
    }
    const drivers = view.villages.flatMap((v) => v.drivers);
    expect(drivers.length).toBeGreaterThan(0);
  });

  test("the most common driver of a village is each vulnerable household's largest negative term", async () => {
    const view = (await (await admin.get('/api/villages?village=V01')).json()) as {
      villages: { village: string; drivers: { term: string; households: number }[] }[];
    };
    expect(view.villages).toHaveLength(1);
    const db = s.store.db;
    const vulnerable = await rowsOf(
      db,
      `SELECT s.household_id FROM risk_scores s JOIN households h USING (household_id)
       JOIN areas ar USING (area_id) WHERE s.model_id = (SELECT max(model_id) FROM models)
         AND ar.village = 'V01' AND s.vulnerability >= 0.5`,
    );
    // Count each household's most negative contribution from the household API (checked
    // against the raw data above).
    const counts: Record<string, number> = {};
    for (const v of vulnerable) {
      const d = (
        (await (await admin.get(`/api/households/${v.household_id}`)).json()) as {
          drivers: Drivers;
        }
      ).drivers;
      const worst = [...d.mean.contributions].sort((a, b) => a.contribution - b.contribution)[0];
      if (worst.contribution < 0) counts[worst.term] = (counts[worst.term] ?? 0) + 1;
    }
    expect(Object.fromEntries(view.villages[0].drivers.map((d) => [d.term, d.households]))).toEqual(
      counts,
    );
  });

  test('scoped: a village account sees one village; another village is empty', async () => {
    const v01 = await login(s.url, 'v01');
    const own = (await (await v01.get('/api/villages')).json()) as {
      villages: { village: string }[];
    };
    expect(own.villages.map((v) => v.village)).toEqual(['V01']);
    const other = (await (await v01.get('/api/villages?village=V03')).json()) as {
      villages: unknown[];
    };
    expect(other.villages).toEqual([]);
  });
});
