import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { panel, writeCsv } from '../monitor/fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'povrisk-monitor-stat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('monitor import reads Stata files through the shared reader', { timeout: 120_000 }, () => {
  it('a wave imported from .dta, then from the same data as CSV, changes nothing', async () => {
    const [rows] = panel({ households: 120, waves: 1, seed: 14, labels: ['2021'] });
    const csv = join(dir, 'wave.csv');
    const dta = join(dir, 'wave.dta');
    writeCsv(csv, rows);
    const db = join(dir, 'm.duckdb');
    expect((await runCli(['convert', csv, dta])).code).toBe(0);
    const first = await runCli(['monitor', 'import', dta, '--wave', '2021', '--db', db, '--json']);
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toMatchObject({ rows: 120, inserted: 120, changed: true });
    const again = await runCli(['monitor', 'import', csv, '--wave', '2021', '--db', db, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({
      rows: 120,
      inserted: 0,
      versioned: 0,
      unchanged: 120,
      changed: false,
    });
  });
});
