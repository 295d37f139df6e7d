import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { makeStore } from '../server/harness.js';

let db: string;
beforeAll(async () => {
  db = await makeStore({ households: 40, waves: 2 });
}, 120_000);

const ok = async (args: string[]) => {
  const r = await runCli([...args, '--db', db]);
  expect(r.stderr, args.join(' ')).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
};

describe('povrisk monitor open, step, assign, overdue, my-cases', { timeout: 120_000 }, () => {
  it('opens a case by self-report, assigns it, and lists it as overdue and as mine', async () => {
    const summary = JSON.parse(await ok(['monitor', 'alerts', '--json']));
    const flagged = new Set(summary.map((a: { household_id: string }) => a.household_id));
    const id = Array.from({ length: 40 }, (_, i) => `H${String(i + 1).padStart(5, '0')}`).find(
      (h) => !flagged.has(h),
    ) as string;
    expect(id).toBeDefined();
    const k = JSON.parse(
      await ok(['monitor', 'open', id, '--found-by', 'cadre-visit', '--date', '2022-07-01']),
    );
    expect(k).toMatchObject({ household_id: id, status: 'flagged', found_by: 'cadre_visit' });
    expect(JSON.parse(await ok(['monitor', 'assign', id, '--cadre', 'v01'])).responsible).toBe(
      'v01',
    );
    const overdue = JSON.parse(await ok(['monitor', 'overdue', '--as-of', '2022-07-17', '--json']));
    const mine = overdue.find((r: { household_id: string }) => r.household_id === id);
    expect(mine).toMatchObject({
      next_step: 'verification',
      due: '2022-07-16',
      days_overdue: 1,
      responsible: 'v01',
    });
    const list = JSON.parse(
      await ok(['monitor', 'my-cases', '--user', 'v01', '--as-of', '2022-07-10', '--json']),
    );
    expect(list.map((r: { household_id: string }) => r.household_id)).toEqual([id]);
    const text = await ok(['monitor', 'my-cases', '--user', 'v01', '--as-of', '2022-07-17']);
    expect(text).toContain('(1 cases of v01)');
    expect(text).toContain('1 d');
  });

  it('refuses a step out of order in one line, exit 1', async () => {
    const r = await runCli(['monitor', 'step', 'H00001', 'county_approval', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^povrisk: household H00001: cannot record county approval: (home verification|village review) not recorded yet/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
