import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../helpers/assert-close.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * End to end: `povrisk regress FILE ... --json` as a user runs it, against R
 * (test/fixtures/r/ols-wages-data.R and ols-cps.R). Tolerances as in
 * test/models/ols-reference.test.ts: estimates 1e-10, everything else 1e-8 relative.
 */

interface RefInference {
  df: number;
  std_error: number[];
  statistic: number[];
  p_value: number[];
  conf_low: number[];
  conf_high: number[];
  clusters?: number;
  f_test: { statistic: number | null; df1: number; df2: number; p_value: number | null };
}
interface RefCase {
  name: string;
  estimated: string[];
  omitted: string[];
  coefficients: number[];
  n: number;
  n_dropped: number;
  df_residual: number;
  r_squared: number;
  adj_r_squared: number;
  sigma: number;
  vce: Record<string, RefInference>;
}
interface CliRegression {
  n: number;
  n_dropped: number;
  df_residual: number;
  r_squared: number;
  adj_r_squared: number;
  sigma: number;
  vce: string;
  clusters: number | null;
  weighted: boolean;
  omitted: string[];
  f_test: { statistic: number | null; df1: number; df2: number; p_value: number | null };
  coefficients: {
    term: string;
    estimate: number;
    std_error: number;
    statistic: number;
    p_value: number;
    conf_low: number;
    conf_high: number;
  }[];
}

const refCase = (file: string, name: string): RefCase => {
  const json = JSON.parse(
    readFileSync(new URL(`../fixtures/ref/${file}.json`, import.meta.url), 'utf8'),
  ) as {
    cases: RefCase[];
  };
  const found = json.cases.find((c) => c.name === name);
  if (!found) throw new Error(`no case ${name} in ${file}.json`);
  return found;
};

async function regressJson(args: string[]): Promise<{ out: CliRegression; stderr: string }> {
  const run = await runCli(['regress', ...args, '--json']);
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return { out: JSON.parse(run.stdout) as CliRegression, stderr: run.stderr };
}

function expectMatchesR(out: CliRegression, c: RefCase, vce: string): void {
  const ref = c.vce[vce];
  expect(out.vce).toBe(vce);
  expect(out.n).toBe(c.n);
  expect(out.n_dropped).toBe(c.n_dropped);
  expect(out.df_residual).toBe(c.df_residual);
  expect(out.omitted).toEqual(c.omitted);
  expect(out.coefficients.map((r) => r.term)).toEqual(c.estimated);
  expect(out.coefficients[0].term).toBe('(Intercept)');
  assertClose(out.r_squared, c.r_squared, { rtol: 1e-10, name: 'r_squared' });
  assertClose(out.adj_r_squared, c.adj_r_squared, { rtol: 1e-10, name: 'adj_r_squared' });
  assertClose(out.sigma, c.sigma, { rtol: 1e-10, name: 'sigma' });
  out.coefficients.forEach((row, j) => {
    const at = (what: string) => `${what}[${row.term}]`;
    const se = ref.std_error[j];
    assertClose(row.estimate, c.coefficients[j], { rtol: 1e-10, name: at('estimate') });
    assertClose(row.std_error, se, { rtol: 1e-8, name: at('std_error') });
    assertClose(row.statistic, ref.statistic[j], { rtol: 1e-8, name: at('statistic') });
    assertClose(row.p_value, ref.p_value[j], { rtol: 1e-8, name: at('p_value') });
    assertClose(row.conf_low, ref.conf_low[j], {
      rtol: 1e-8,
      atol: 1e-8 * se,
      name: at('conf_low'),
    });
    assertClose(row.conf_high, ref.conf_high[j], {
      rtol: 1e-8,
      atol: 1e-8 * se,
      name: at('conf_high'),
    });
  });
  expect([out.f_test.df1, out.f_test.df2]).toEqual([ref.f_test.df1, ref.f_test.df2]);
  assertClose(out.f_test.statistic ?? NaN, ref.f_test.statistic ?? NaN, { rtol: 1e-8, name: 'F' });
  assertClose(out.f_test.p_value ?? NaN, ref.f_test.p_value ?? NaN, {
    rtol: 1e-8,
    name: 'F p-value',
  });
  expect(out.clusters).toBe(vce === 'cluster' ? ref.clusters : null);
}

describe('povrisk regress --json vs R', () => {
  it('the README quick start: data/wages.csv with --vce hc1 (sandwich::vcovHC HC1)', async () => {
    const { out, stderr } = await regressJson([
      'data/wages.csv',
      '--y',
      'log_wage',
      '--x',
      'education,experience,experience_sq',
      '--vce',
      'hc1',
    ]);
    expectMatchesR(out, refCase('ols-wages', 'quick-start'), 'hc1');
    expect(out.weighted).toBe(false);
    expect(stderr).toBe('');
  });

  it('each --vce type on the quick start (classical F = summary.lm, hc0-hc3)', async () => {
    const c = refCase('ols-wages', 'quick-start');
    for (const vce of ['classical', 'hc0', 'hc2', 'hc3']) {
      const { out } = await regressJson([
        'data/wages.csv',
        '--y',
        'log_wage',
        '--x',
        'education,experience,experience_sq',
        '--vce',
        vce,
      ]);
      expectMatchesR(out, c, vce);
    }
  });

  it('--cluster occupation (vcovCL HC1, t on G - 1 df), the default --vce with --cluster', async () => {
    const args = ['data/wages.csv', '--y', 'log_wage', '--x', 'education,experience,experience_sq'];
    const { out } = await regressJson([...args, '--cluster', 'occupation']);
    expectMatchesR(out, refCase('ols-wages', 'quick-start'), 'cluster');
    expect(out.clusters).toBe(6);
    const explicit = await regressJson([...args, '--cluster', 'occupation', '--vce', 'cluster']);
    expect(explicit.out).toEqual(out);
  });

  it('--cluster with more slopes than clusters - 1: F is null, as Stata reports it missing', async () => {
    const x = 'education,experience,experience_sq,female,union,married,south';
    const { out } = await regressJson([
      'data/wages.csv',
      '--y',
      'log_wage',
      '--x',
      x,
      '--cluster',
      'sector',
    ]);
    expectMatchesR(out, refCase('ols-wages', 'full'), 'cluster');
    expect(out.f_test.statistic).toBeNull();
  });

  it('--weights with missing cells: WLS after listwise deletion, with a warning', async () => {
    const x = 'education,experience,experience_sq,female,union,married,south';
    const { out, stderr } = await regressJson([
      'test/fixtures/data/ols-cps-missing.csv',
      '--y',
      'log_wage',
      '--x',
      x,
      '--weights',
      'w',
      '--vce',
      'hc3',
    ]);
    expectMatchesR(out, refCase('ols-cps-missing', 'weighted-missing'), 'hc3');
    expect(out.weighted).toBe(true);
    expect(stderr).toBe(
      'warning: 8 of 534 row(s) dropped for missing values (listwise deletion); ' +
        'missing cells: log_wage 3, education 3, experience_sq 1, w 2\n',
    );
  });

  it('hc3 with an observation of leverage 1: null standard errors (R: NaN) and a warning naming its row', async () => {
    const file = 'test/fixtures/data/ols-mtcars-leverage.csv';
    const { out, stderr } = await regressJson([
      file,
      '--y',
      'mpg',
      '--x',
      'wt,hp,carb8',
      '--vce',
      'hc3',
    ]);
    expect(out.coefficients.map((r) => r.std_error)).toEqual([null, null, null, null]);
    expect(out.f_test.statistic).toBeNull();
    expect(stderr).toBe(
      'warning: --vce hc3: row(s) 31 have leverage 1 (each alone determines a coefficient), so hc3 standard errors are undefined; use --vce hc1\n',
    );
    const hc1 = await regressJson([file, '--y', 'mpg', '--x', 'wt,hp,carb8', '--vce', 'hc1']);
    expectMatchesR(hc1.out, refCase('ols-mtcars-leverage', 'leverage-one'), 'hc1');
    expect(hc1.stderr).toBe('');
  });

  it('a perfectly collinear regressor is omitted (R: NA coefficient), with a warning', async () => {
    const { out, stderr } = await regressJson([
      'test/fixtures/data/ols-cps.csv',
      '--y',
      'log_wage',
      '--x',
      'education,experience,school_and_work,female',
      '--vce',
      'hc2',
    ]);
    expectMatchesR(out, refCase('ols-cps', 'collinear'), 'hc2');
    expect(out.omitted).toEqual(['school_and_work']);
    expect(stderr).toBe('warning: omitted because of collinearity: school_and_work\n');
  });
});
