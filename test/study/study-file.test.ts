import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { LIANGSHAN_STUDY } from '../../src/paper/liangshan-study.js';
import { simulateSurvey } from '../../src/simulate/survey.js';
import { checkStudyColumns } from '../../src/study/study-columns.js';
import { STUDY_SCHEMA } from '../../src/study/study-schema.js';
import { parseStudy } from '../../src/study/study.js';

const columns = simulateSurvey({ households: 20, seed: 1 }).columns.map((c) => c.name);
const parseText = (text: string) => parseStudy(text, { file: 'study.yaml', dir: '/data' });
/** The message of the UserError a study text is refused with (schema, or columns). */
const refusal = (text: string): string => {
  try {
    checkStudyColumns(parseText(text), columns);
  } catch (e) {
    expect((e as Error).name).toBe('UserError');
    return (e as Error).message;
  }
  throw new Error('the study was accepted');
};
const edit = (from: string, to: string) => {
  expect(LIANGSHAN_STUDY).toContain(from);
  return LIANGSHAN_STUDY.replace(from, to);
};

describe('the built-in study', () => {
  test('is the text of examples/liangshan.study.yaml', () => {
    // Regenerate src/paper/liangshan-study.ts from the example if this fails.
    expect(LIANGSHAN_STUDY).toBe(readFileSync('examples/liangshan.study.yaml', 'utf8'));
  });

  test('the published schema file is STUDY_SCHEMA, and the example validates against it', () => {
    const published = JSON.parse(readFileSync('schemas/study.schema.json', 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(STUDY_SCHEMA)));
    expect(new Ajv({ strict: false }).compile(published)(parse(LIANGSHAN_STUDY))).toBe(true);
  });

  test('resolves with its defaults: the 1.90-dollar line, seven models, four quantiles', () => {
    const s = parseText(LIANGSHAN_STUDY);
    expect(s.vep.line).toBeCloseTo(2563.176, 9);
    expect(s.data.path).toBe('/data/survey.csv');
    expect(s.regression.models.map((m) => m.label)).toEqual([
      '(1)',
      '(2)',
      '(3)',
      '(4)',
      '(5)',
      '(6)',
      '(7)',
    ]);
    expect(s.regression.models[0].x).toEqual(s.explanatory);
    expect(s.regression.stepwise).toEqual({ pr: 0.1, pe: 0.05, forward: false });
    expect(s.quantiles?.x).toEqual(s.regression.models[6].x);
    expect(s.groups.map((g) => g.column)).toEqual([
      'head_ethnicity',
      'head_male',
      'head_education',
    ]);
    const plan = checkStudyColumns(s, columns);
    expect(plan.id).toBe('household_id');
    expect(plan.numeric.has('motivation')).toBe(false); // derived, not read
    expect(plan.numeric.get('microloan')).toBe('microloan');
  });

  test('JSON studies are read too', () => {
    const json = JSON.stringify(parse(LIANGSHAN_STUDY));
    expect(parseText(json).explanatory).toHaveLength(11);
  });
});

describe('a wrong study is refused with its path, line and a clear message', () => {
  test.each([
    [
      'a typo in a top-level key',
      edit('\nregression:', '\nregresion:'),
      "line 73, regresion: unknown key (did you mean 'regression'?)",
    ],
    [
      'a typo in a nested key',
      edit('    ppp: 3.696', '    pp: 3.696'),
      "line 55, vep.poverty_line.pp: unknown key (did you mean 'ppp'?)",
    ],
    [
      'a wrong type',
      edit('taus: [0.3, 0.5', 'taus: [0.3, "x"'),
      'quantiles.taus[1]: must be number',
    ],
    [
      'a value out of its set',
      edit('vce: hc1', 'vce: hc7'),
      'line 74, regression.vce: must be one of classical, hc0, hc1, hc2, hc3',
    ],
    [
      'a missing required key',
      edit('  income: per_capita_income\n', ''),
      "vep: missing required key 'income'",
    ],
    [
      'two poverty lines',
      edit('    usd_per_day: 1.9 ', '    line: 2300\n    usd_per_day: 1.9 '),
      'vep.poverty_line: line and usd_per_day are alternatives: give one of them',
    ],
    [
      'a formula that does not parse',
      edit('0.5 * has_employed_member', '0.5 * * has_employed_member'),
      "derive[0].formula: formula 'industry_fund_loan + own_business + microloan + employment_training + 0.5 * * has_employed_member': unexpected '*' at character 77",
    ],
    [
      'a bad threshold',
      edit('  variance: linear', '  variance: linear\n  threshold: 2'),
      "vep.threshold: must be a number in (0, 1) or 'relative'",
    ],
  ])('%s', (_, text, message) => {
    expect(refusal(text)).toContain(message);
    expect(refusal(text)).toMatch(/^study\.yaml /);
  });

  test('a column that does not exist, with the closest name', () => {
    expect(refusal(edit('x: [head_male, family_size', 'x: [head_male, famly_size'))).toBe(
      "study.yaml line 52, vep.x[1]: no column 'famly_size' in survey.csv (did you mean 'family_size'?)",
    );
    expect(refusal(edit('  - column: head_male', '  - column: head_sex'))).toContain(
      "groups[1].column: no column 'head_sex' in survey.csv",
    );
  });

  test('a formula over a missing item', () => {
    expect(refusal(edit('+ microloan +', '+ microlaon +'))).toBe(
      "study.yaml line 44, derive[0].formula: formula 'industry_fund_loan + own_business + microlaon + employment_training + 0.5 * has_employed_member' uses 'microlaon', which is neither a column of survey.csv nor an earlier derived variable (did you mean 'microloan'?)",
    );
  });

  test('a column mapping to a column that is not there', () => {
    expect(
      refusal(edit('  id: household_id', '  id: household_id\n  columns: { head_male: male }')),
    ).toContain("data.columns.head_male: no column 'male' in survey.csv");
  });

  test('a YAML syntax error names its line', () => {
    expect(refusal('data: { path: a.csv\nvep: [')).toMatch(
      /^study\.yaml line \d+: cannot parse the study file/,
    );
  });
});
