import { beforeAll, describe, expect, test } from 'vitest';
import { listEvents, logEvent } from '../../src/monitor/events.js';
import { openStore } from '../../src/monitor/store.js';
import { makeStore } from '../server/harness.js';
import { runCli } from '../helpers/run-cli.js';

let db: string;
beforeAll(async () => {
  db = await makeStore({ households: 24, waves: 1 });
  const store = await openStore(db, { user: 'server' });
  try {
    for (const [user, action, address] of [
      ['v01', 'login failed', '10.0.0.1'],
      ['v01', 'login failed', '10.0.0.2'],
      ['v01', 'login locked', '10.0.0.3'],
      ['admin', 'logout', '10.0.0.4'],
    ]) {
      await logEvent(store.db, user, {
        action,
        entity: 'user',
        entityId: user,
        after: { address },
      });
    }
  } finally {
    store.close();
  }
});

const events = async (...args: string[]) => {
  const r = await runCli(['monitor', 'events', '--db', db, ...args]);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as {
    total: number;
    events: { event_id: number; user_name: string; action: string; after: { address?: string } }[];
  };
};

describe('povrisk monitor events', () => {
  test('filters by action and user, newest first, with the total', async () => {
    const store = await openStore(db);
    const all = await listEvents(store);
    store.close();
    const failed = await events('--action', 'login failed', '--json');
    const want = all.filter((e) => e.action === 'login failed').reverse();
    expect(want.length).toBe(2);
    expect(failed.total).toBe(2);
    expect(failed.events.map((e) => e.event_id)).toEqual(want.map((e) => e.event_id));
    expect(failed.events.map((e) => e.after.address)).toEqual(['10.0.0.2', '10.0.0.1']);
    const v01 = await events('--by', 'v01', '--entity', 'user', '--json');
    expect(v01.events.map((e) => e.action)).toEqual([
      'login locked',
      'login failed',
      'login failed',
    ]);
    const oldest = await events('--by', 'v01', '--order', 'oldest', '--limit', '1', '--json');
    expect(oldest.total).toBe(3);
    expect(oldest.events.map((e) => e.action)).toEqual(['login failed']);
  });

  test('filters by day', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const none = await events('--until', '2000-01-01', '--json');
    expect(none).toEqual({ total: 0, events: [] });
    const store = await openStore(db);
    const n = (await listEvents(store)).length;
    store.close();
    const r = await runCli(['monitor', 'events', '--db', db, '--since', '2000-01-01', '--json']);
    expect(JSON.parse(r.stdout).total).toBe(n);
    expect(today).toMatch(/^\d{4}-/);
  });

  test('prints a table by default', async () => {
    const r = await runCli(['monitor', 'events', '--db', db, '--action', 'logout']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBe(6); // rule, header, rule, one event, rule, count
    expect(lines[1]).toMatch(/^id\s+recorded at\s+user\s+action\s+entity\s+id\s+details$/);
    expect(lines[3]).toMatch(/admin\s+logout\s+user\s+admin\s+\{"address":"10\.0\.0\.4"\}$/);
    expect(lines[5]).toBe('(1 of 1 events)');
  });

  test.each([
    [
      ['--since', '2021-02-30'],
      "povrisk: --since: '2021-02-30' is invalid: expected a date YYYY-MM-DD",
    ],
    [['--limit', '0'], 'povrisk: --limit'],
    [['--order', 'sideways'], 'povrisk: --order'],
  ])('bad option %j: one line, exit 1', async (args, start) => {
    const r = await runCli(['monitor', 'events', '--db', db, ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').length).toBe(1);
    expect(r.stderr.startsWith(start.split(':')[0] + ':')).toBe(true);
    expect(r.stderr).toContain(args[0]);
  });
});
