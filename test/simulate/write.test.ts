import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readColumns } from '../../src/data/read.js';
import { simulateSurvey } from '../../src/simulate/survey.js';
import { simulatePanel } from '../../src/simulate/panel.js';
import { surveyColumn } from '../../src/simulate/survey-columns.js';
import { writeSurvey } from '../../src/simulate/write-survey.js';
import { runCli } from '../helpers/run-cli.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'povrisk-simulate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeSurvey', () => {
  const survey = simulateSurvey({ households: 300, seed: 5 });
  const numeric = survey.columns.filter((c) => !c.levels).map((c) => c.name);
  const text = survey.columns.filter((c) => c.levels).map((c) => c.name);

  for (const ext of ['csv', 'parquet']) {
    test(`${ext}: same survey, same bytes; read back, same values`, async () => {
      const a = join(dir, `a.${ext}`);
      const b = join(dir, `b.${ext}`);
      await writeSurvey(survey, a);
      await writeSurvey(survey, b);
      expect((await readFile(a)).equals(await readFile(b))).toBe(true);
      const back = await readColumns(a, { numeric, text });
      expect(back.rows).toBe(survey.rows);
      for (const name of numeric)
        expect(back.numeric.get(name), name).toEqual(surveyColumn(survey, name));
      const county = survey.columns.find((c) => c.name === 'county');
      expect(back.text.get('county')).toEqual(
        Array.from(county?.values ?? [], (k) => county?.levels?.[k]),
      );
      expect((await readdir(dir)).filter((f) => f.includes('.tmp-'))).toEqual([]);
    });
  }

  test('a panel has a wave column and the shock flags', async () => {
    const path = join(dir, 'panel.csv');
    await writeSurvey(simulatePanel({ households: 20, seed: 1, waves: 3 }), path);
    const header = (await readFile(path, 'utf8')).split('\n')[0].split(',');
    expect(header.slice(0, 2)).toEqual(['household_id', 'wave']);
    expect(header).toContain('shock_job_loss');
    expect(header).toContain('unsafe_water');
  });

  test('an unknown extension is a user error naming the file', async () => {
    await expect(writeSurvey(survey, join(dir, 'x.xlsx'))).rejects.toThrow(
      /x\.xlsx: unknown output type/,
    );
  });
});

describe('povrisk simulate (built CLI)', () => {
  test('writes the same file for the same seed, and says the data are simulated', async () => {
    const a = join(dir, 'cli-a.csv');
    const b = join(dir, 'cli-b.csv');
    const r1 = await runCli(['simulate', '--households', '40', '--seed', '9', '--out', a]);
    const r2 = await runCli(['simulate', '--households', '40', '--seed', '9', '--out', b]);
    expect(r1.code).toBe(0);
    expect(r2.code).toBe(0);
    expect(r1.stderr).toMatch(/wrote 40 simulated household\(s\).*not the paper's/);
    expect((await readFile(a)).equals(await readFile(b))).toBe(true);
    expect((await readFile(a, 'utf8')).trim().split('\n')).toHaveLength(41);
  });

  test('--waves writes a panel', async () => {
    const out = join(dir, 'cli-panel.parquet');
    const r = await runCli([
      'simulate',
      '--households',
      '10',
      '--seed',
      '1',
      '--waves',
      '4',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const back = await readColumns(out, { numeric: ['wave', 'shock_disaster'] });
    expect(back.rows).toBe(40);
  });

  test('bad options and paths: exit 1 with one line', async () => {
    for (const args of [
      ['--households', '0', '--out', join(dir, 'x.csv')],
      ['--households', '2.5', '--out', join(dir, 'x.csv')],
      ['--waves', '0', '--out', join(dir, 'x.csv')],
      ['--out', join(dir, 'x.json')],
      ['--out', join(dir, 'no-such-folder', 'x.csv')],
    ]) {
      const r = await runCli(['simulate', ...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
