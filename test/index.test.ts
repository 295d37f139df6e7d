import { describe, expect, test } from 'vitest';
import * as povrisk from '../src/index.js';
import { runCli } from './helpers/run-cli.js';

describe('the library entry point (package "main")', () => {
  test('exposes the estimators, the study and the monitoring registry', () => {
    for (const name of [
      'readColumns',
      'regress',
      'regressFile',
      'startTsqr',
      'quantreg',
      'estimateVep',
      'runStudy',
      'toDocx',
      'validateWarning',
      'historyVep',
      'auc',
      'brier',
      'cpiFactor2011',
    ]) {
      expect(typeof (povrisk as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(typeof povrisk.monitor.openStore).toBe('function');
    for (const name of ['casePage', 'householdDrivers', 'householdProfile', 'villageView']) {
      expect(typeof (povrisk.monitor as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(typeof povrisk.equationDrivers).toBe('function');
  });

  test('a regression through the library equals the CLI', async () => {
    const x = ['education', 'experience', 'experience_sq'];
    const data = await povrisk.readColumns('data/wages.csv', { numeric: ['log_wage', ...x] });
    const frame = povrisk.modelFrame(data, { y: 'log_wage', x });
    const { result } = povrisk.regress(frame, { vce: 'hc1' });
    const cli = await runCli([
      'regress',
      'data/wages.csv',
      '--y',
      'log_wage',
      '--x',
      x.join(','),
      '--vce',
      'hc1',
      '--json',
    ]);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout).coefficients).toEqual(
      JSON.parse(JSON.stringify(povrisk.regressionJson(result).coefficients)),
    );
  });
});
