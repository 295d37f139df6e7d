import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/monitor/store.js';
import { CLI, runCli } from '../helpers/run-cli.js';
import { FIXTURE_COLUMNS, panel, writeCsv } from '../monitor/fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'povrisk-monitor-kill-'));

/**
 * Spawns a CLI command and SIGKILLs it as soon as it starts writing to `db` (the file grows or
 * its write-ahead log appears). Resolves to 'writing' if it was killed so, 'exited' if it
 * finished first.
 */
async function killWhenWriting(db: string, args: readonly string[]): Promise<string> {
  const size0 = statSync(db).size;
  const child = spawn(process.execPath, [CLI, ...args]);
  const killedAt = await new Promise<string>((resolve) => {
    const timer = setInterval(() => {
      const grew = statSync(db).size > size0 || existsSync(`${db}.wal`);
      if (grew) {
        clearInterval(timer);
        child.kill('SIGKILL');
        resolve('writing');
      }
    }, 5);
    child.on('exit', () => {
      clearInterval(timer);
      resolve('exited');
    });
  });
  await new Promise((r) => child.once('close', r).once('exit', r));
  expect(child.signalCode).toBe(killedAt === 'writing' ? 'SIGKILL' : null);
  return killedAt;
}

/** A large valid wave file, written line by line from one template row. */
function bigWave(path: string, households: number): void {
  const [row] = panel({ households: 1, waves: 1, seed: 7, labels: ['big'] })[0].map((r) => r);
  const cells = FIXTURE_COLUMNS.map((c) => String(row[c]));
  const parts = [FIXTURE_COLUMNS.join(',')];
  for (let i = 0; i < households; i++) {
    cells[0] = `B${i}`;
    parts.push(cells.join(','));
  }
  writeFileSync(path, `${parts.join('\n')}\n`);
}

async function state(db: string) {
  const r = await runCli(['monitor', 'summary', '--db', db, '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('povrisk monitor durability', { timeout: 180_000 }, () => {
  it('leaves the database as before when an import is killed mid-write', async () => {
    const db = join(dir, 'kill.duckdb');
    const small = join(dir, 'small.csv');
    writeCsv(small, panel({ households: 50, waves: 1, seed: 3, labels: ['w1'] })[0]);
    expect((await runCli(['monitor', 'import', small, '--db', db, '--wave', 'w1'])).code).toBe(0);
    const before = await state(db);
    const big = join(dir, 'big.csv');
    bigWave(big, 400_000);
    expect(await killWhenWriting(db, ['monitor', 'import', big, '--db', db, '--wave', 'big'])).toBe(
      'writing',
    );
    expect(await state(db)).toEqual(before);
    // The file is still a healthy store: the same import now succeeds.
    const next = join(dir, 'next.csv');
    writeCsv(next, panel({ households: 50, waves: 2, seed: 3, labels: ['w1', 'w2'] })[1]);
    const again = await runCli(['monitor', 'import', next, '--db', db, '--wave', 'w2']);
    expect(again.code).toBe(0);
    expect((await state(db)).observations).toBe(before.observations + 50);
  });

  it('leaves the database as before when a monitoring run is killed mid-write', async () => {
    const db = join(dir, 'kill-run.duckdb');
    const wave = join(dir, 'run.csv');
    writeCsv(wave, panel({ households: 100_000, waves: 1, seed: 5, labels: ['r1'] })[0]);
    expect((await runCli(['monitor', 'import', wave, '--db', db, '--wave', 'r1'])).code).toBe(0);
    const before = await state(db);
    expect(before.alerts_open).toBe(0);
    expect(await killWhenWriting(db, ['monitor', 'run', '--db', db, '--wave', 'r1'])).toBe(
      'writing',
    );
    expect(await state(db)).toEqual(before);
    // Nothing of the killed run is left behind: the same run now succeeds in full.
    const again = await runCli(['monitor', 'run', '--db', db, '--wave', 'r1']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/100,?000 of 100,?000 households scored/);
    expect((await state(db)).alerts_open).toBeGreaterThan(0);
  });

  it('answers "database busy" while another process holds the file', async () => {
    const db = join(dir, 'busy.duckdb');
    const store = await openStore(db, { user: 'holder' });
    try {
      const r = await runCli(['monitor', 'summary', '--db', db, '--json']);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `povrisk: ${db}: database busy (another povrisk command is using it); try again when it has finished\n`,
      );
    } finally {
      store.close();
    }
    expect((await state(db)).households).toBe(0);
  });
});
