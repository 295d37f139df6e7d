import { describe, expect, test } from 'vitest';
import type { StudyGroup } from '../../src/study/study-schema.js';
import { parseStudy } from '../../src/study/study.js';
import { groupLevels, MISSING_LEVEL, NO_LEVEL } from '../../src/report/group-levels.js';
import { groupBlocks } from '../../src/report/study-groups.js';

const all = (n: number) => Array.from({ length: n }, (_, i) => i);
const levelsOf = (group: StudyGroup, column: Parameters<typeof groupLevels>[1], rows: number) =>
  groupLevels(group, column, all(rows), { lang: 'en' });

describe('group levels of every type', () => {
  const region = ['Vienna', ' Tyrol', 'Vienna', null, '', 'Styria', 'Tyrol', 'Carinthia'];

  test('text values, matched exactly (blanks trimmed); missing and unlisted values are apart', () => {
    const g: StudyGroup = {
      column: 'region',
      levels: [
        { label: 'Capital', values: ['Vienna'] },
        { label: 'West', values: ['Tyrol', 'Vorarlberg'] },
      ],
    };
    const { labels, level } = levelsOf(g, { text: region }, region.length);
    expect(labels).toEqual(['Capital', 'West']);
    expect([...level]).toEqual([0, 1, 0, MISSING_LEVEL, MISSING_LEVEL, NO_LEVEL, 1, NO_LEVEL]);
  });

  test('from-data: one level per distinct value, sorted; min_count pools the small ones', () => {
    const g: StudyGroup = { column: 'region', levels: 'from-data' };
    expect(levelsOf(g, { text: region }, region.length).labels).toEqual([
      'Carinthia',
      'Styria',
      'Tyrol',
      'Vienna',
    ]);
    const pooled = groupLevels({ ...g, min_count: 2 }, { text: region }, all(region.length), {
      lang: 'en',
      other: 'Other',
    });
    expect(pooled.labels).toEqual(['Tyrol', 'Vienna', 'Other']);
    expect([...pooled.level]).toEqual([1, 0, 1, MISSING_LEVEL, MISSING_LEVEL, 2, 0, 2]);
  });

  test('from-data sorts numbers as numbers, from text or from a numeric column', () => {
    const g: StudyGroup = { column: 'size', levels: 'from-data' };
    expect(levelsOf(g, { text: ['10', '9', '2', '10'] }, 4).labels).toEqual(['2', '9', '10']);
    const x = Float64Array.from([3, NaN, 1, 3]);
    const r = levelsOf(g, { numbers: x }, 4);
    expect(r.labels).toEqual(['1', '3']);
    expect([...r.level]).toEqual([1, MISSING_LEVEL, 0, 1]);
  });

  test('numbers and ranges on a numeric column; numbers on a text column', () => {
    const g: StudyGroup = {
      column: 'edu',
      levels: [
        { label: 'Primary', values: [1] },
        { label: 'More', min: 2, max: 5 },
      ],
    };
    const x = Float64Array.from([1, 2, 5, 6, NaN]);
    expect([...levelsOf(g, { numbers: x }, 5).level]).toEqual([0, 1, 1, NO_LEVEL, MISSING_LEVEL]);
    const t = ['1', '2.0', '5', 'six', ''];
    expect([...levelsOf(g, { text: t }, 5).level]).toEqual([0, 1, 1, NO_LEVEL, MISSING_LEVEL]);
  });

  test('from-labels: one level per value label, in code order', () => {
    const g: StudyGroup = { column: 'sex', levels: 'from-labels' };
    const labels = new Map([
      [2, 'Female'],
      [1, 'Male'],
    ]);
    const r = levelsOf(g, { numbers: Float64Array.from([2, 1, 9, NaN]), valueLabels: labels }, 4);
    expect(r.labels).toEqual(['Male', 'Female']);
    expect([...r.level]).toEqual([1, 0, NO_LEVEL, MISSING_LEVEL]);
  });

  test('labels in the report language', () => {
    const g: StudyGroup = {
      column: 'region',
      levels: [{ label: { en: 'Capital', 'zh-CN': '首都' }, values: ['Vienna'] }],
    };
    const zh = groupLevels(g, { text: region }, all(8), { lang: 'zh-CN' });
    expect(zh.labels).toEqual(['首都']);
    expect(zh.english).toEqual(['Capital']);
  });
});

describe('group settings in the study file', () => {
  const base = `data: { path: s.csv }
vep: { income: y, x: [a], poverty_line: { line: 1 } }
explanatory: [a]
groups:
`;
  const refusal = (groups: string) => {
    try {
      parseStudy(base + groups, { file: 'study.yaml', dir: '/d' });
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('accepted');
  };

  test('text and number values, from-data, from-labels and a missing row are accepted', () => {
    const s = parseStudy(
      base +
        `  - { column: region, levels: [{ label: V, values: [Vienna, 9] }], missing: Not stated }
  - { column: job, levels: from-data, min_count: 5 }
  - { column: sex, levels: from-labels }
`,
      { file: 'study.yaml', dir: '/d' },
    );
    expect(s.groups.map((g) => g.levels)).toEqual([
      [{ label: 'V', values: ['Vienna', 9] }],
      'from-data',
      'from-labels',
    ]);
  });

  test.each([
    [
      '  - { column: r, levels: from-file }\n',
      'groups[0].levels: must be one of from-data, from-labels',
    ],
    [
      '  - { column: r, levels: [{ label: A, values: [true] }] }\n',
      'groups[0].levels[0].values[0]: must be number,string',
    ],
    [
      '  - { column: r, levels: [{ label: A, values: [1], min: 2 }] }\n',
      'groups[0].levels[0]: give values, or min and/or max, not both',
    ],
    [
      '  - { column: r, levels: [{ label: A, values: [1] }], min_count: 3 }\n',
      'groups[0].min_count: min_count goes with levels: from-data',
    ],
  ])('%s is refused', (groups, message) => {
    expect(refusal(groups)).toContain(message);
  });
});

describe('Table 2 blocks', () => {
  const v = Float64Array.from([0.1, 0.5, 0.9, 0.2, 0.7]);
  const text = ['a', 'b', null, 'a', 'zz'];
  const overall = { group: 'Overall', n: 5, mean: 0.48, sd: 0, below: 0, between: 0, above: 0 };
  const blocks = (missing?: string) =>
    groupBlocks(v, null, [0, 1, 2, 3, 4], {
      groups: [
        {
          column: 'g',
          levels: [
            { label: 'A', values: ['a'] },
            { label: 'B', values: ['b'] },
          ],
          ...(missing ? { missing } : {}),
        },
      ],
      columns: () => ({ text }),
      bands: [0.3, 0.6],
      overall,
      lang: 'en',
    });

  test('households with a missing value form a row only when the group names one', () => {
    const without = blocks()[1];
    expect(without.rows.map((r) => [r.group, r.n])).toEqual([
      ['A', 2],
      ['B', 1],
    ]);
    expect(without.leftOut).toEqual({ missing: 1, unmatched: 1 });
    const withRow = blocks('Not stated')[1];
    expect(withRow.rows.map((r) => [r.group, r.n, r.mean])).toEqual([
      ['A', 2, (0.1 + 0.2) / 2],
      ['B', 1, 0.5],
      ['Not stated', 1, 0.9],
    ]);
    expect(withRow.leftOut).toEqual({ missing: 0, unmatched: 1 });
    // Without compare, no row carries the paper's figures.
    for (const r of withRow.rows) expect(r.paper).toBeNull();
  });
});
