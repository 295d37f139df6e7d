import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeInto, withLang } from '../../src/cli/analyze.js';
import { setWarningSink } from '../../src/log.js';
import { simulatePanel } from '../../src/simulate/panel.js';
import { writeSurvey } from '../../src/simulate/write-survey.js';
import { loadStudy, parseStudy } from '../../src/study/study.js';
import { runStudy } from '../../src/report/study-run.js';
import { monitoringRules } from '../../src/cli/validate.js';
import { assertClose } from '../helpers/assert-close.js';

/** The R reference of `povrisk validate` on the same panel (test/fixtures/r/validate.R). */
interface RefPair {
  from: number;
  to: number;
  n: number;
  base_rate?: number;
  auc?: number | null;
  brier?: number;
  rules?: { rule: string; flagged: number; caught: number }[];
}
const ref = JSON.parse(readFileSync('test/fixtures/ref/validate-sim.json', 'utf8')) as {
  data: string;
  x: string[];
  line: number;
  models: Record<string, { pairs: RefPair[] }>;
};

/** The 300 × 3 panel of validate-sim as a study: an id and a wave column, the R script's x and line. */
const STUDY = `title: A panel
data:
  path: ${resolve(ref.data)}
  id: id
  wave: wave
vep:
  income: per_capita_income
  x: [${ref.x.join(', ')}]
  poverty_line: { line: ${ref.line} }
explanatory: [${ref.x.join(', ')}]
outputs:
  formats: [csv]
`;

interface JsonPair extends Omit<RefPair, 'from' | 'to'> {
  from: string;
  to: string;
}
interface Results {
  study: { rows: number };
  validation: {
    waves: string[];
    latest: string;
    models: { model: string; variance: string; pairs: JsonPair[] }[];
  } | null;
}

let dir: string;
const html: Record<string, string> = {};
let results: Results;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'povrisk-panel-study-'));
  writeFileSync(join(dir, 'panel.yaml'), STUDY);
  const previous = setWarningSink(() => undefined);
  try {
    const study = await loadStudy(join(dir, 'panel.yaml'));
    for (const lang of ['en', 'zh-CN']) {
      const report = await analyzeInto(withLang(study, lang), join(dir, lang));
      html[lang] = readFileSync(report, 'utf8');
    }
  } finally {
    setWarningSink(previous);
  }
  results = JSON.parse(readFileSync(join(dir, 'en', 'results.json'), 'utf8')) as Results;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const f = (x: number, digits: number) => x.toFixed(digits);

describe('analyze on panel data: the report checks the warning on the next wave', () => {
  it('Tables 1–5 use the latest wave; results.json has both models, equal to the R reference', () => {
    const v = results.validation!;
    expect(v.waves).toEqual(['1', '2', '3']);
    expect(v.latest).toBe('3');
    // The rows of wave 3 in the file, counted from its text.
    const [head, ...lines] = readFileSync(ref.data, 'utf8').trim().split('\n');
    const waveAt = head.split(',').indexOf('wave');
    const latestRows = lines.filter((l) => l.split(',')[waveAt] === '3').length;
    expect(latestRows).toBeGreaterThan(0);
    expect(results.study.rows).toBe(latestRows);
    expect(v.models.map((m) => [m.model, m.variance])).toEqual([
      ['cross-section', 'linear'],
      ['history', 'exponential'],
    ]);
    let compared = 0;
    for (const m of v.models) {
      const expected = ref.models[m.model].pairs;
      expect(m.pairs.length, `${m.model}: pairs`).toBe(expected.length);
      expected.forEach((e, k) => {
        const a = m.pairs[k];
        const at = `${m.model} ${e.from}→${e.to}`;
        expect([a.from, a.to]).toEqual([String(e.from), String(e.to)]);
        expect(a.n, `${at}: n`).toBe(e.n);
        if (e.n === 0) return;
        for (const key of ['base_rate', 'auc', 'brier'] as const)
          assertClose(a[key]!, e[key]!, { rtol: 0, atol: 1e-9, name: `${at}: ${key}` });
        expect(
          a.rules!.map((r) => [r.rule, r.flagged, r.caught]),
          `${at}: rules`,
        ).toEqual(e.rules!.map((r) => [r.rule, r.flagged, r.caught]));
        compared++;
      });
    }
    expect(compared).toBe(3); // cross-section 1→2, 2→3; history 2→3
  });

  it('report.html has the section, with the R reference figures, a ROC curve and a calibration plot per scored pair and model', () => {
    const page = html.en;
    const section = page.slice(page.indexOf('<section id="validation">'));
    expect(section).toContain('<h2>How well does the warning predict the next wave</h2>');
    expect(page).toContain('<a href="#validation">');
    for (const model of ['cross-section', 'history']) {
      for (const e of ref.models[model].pairs) {
        if (e.n === 0) continue;
        expect(section, `${model} ${e.from}→${e.to} AUC`).toContain(
          `<td class="right">${f(e.auc!, 3)}</td>`,
        );
        expect(section, `${model} ${e.from}→${e.to} Brier`).toContain(
          `<td class="right">${f(e.brier!, 4)}</td>`,
        );
      }
    }
    expect(section.match(/<h3>Waves \d → \d<\/h3>/g)).toEqual([
      '<h3>Waves 1 → 2</h3>',
      '<h3>Waves 2 → 3</h3>',
    ]);
    expect(section.match(/<svg [^>]*class="chart roc"/g)?.length).toBe(3);
    expect(section.match(/<svg [^>]*class="chart calibration"/g)?.length).toBe(3);
    for (const rule of [
      'poor_now',
      'top',
      'high_vulnerability',
      'low_income',
      'income_drop',
      'new_shock',
    ])
      expect(section).toContain(rule);
  });

  it('in Chinese, the section is worded by the report words (reportWords(lang).validation)', () => {
    const section = html['zh-CN'].slice(html['zh-CN'].indexOf('<section id="validation">'));
    expect(section).toContain('<h2>预警对下一轮的预测效果</h2>');
    expect(section).toContain('第 2 轮 → 第 3 轮');
    expect(section).toContain('截面 VEP');
    expect(section).toContain('历史收入模型');
    expect(section).toContain('召回率');
    expect(section).toContain('假阳性率');
    expect(section).not.toContain('False-positive rate');
  });

  it('a panel written by povrisk simulate --waves is recognised by its wave column, with the monitoring rules its columns allow', async () => {
    const file = join(dir, 'simulated-panel.csv');
    await writeSurvey(simulatePanel({ households: 200, seed: 3, waves: 3 }), file);
    const study = parseStudy(
      `data: { path: ${file}, id: household_id }
vep: { income: per_capita_income, x: [head_male, family_size, debt, net_income], poverty_line: { line: 6000 } }
explanatory: [head_male, family_size]
`,
      { file: 'panel.yaml', dir },
    );
    const previous = setWarningSink(() => undefined);
    try {
      const run = await runStudy(study, { monitoring: monitoringRules });
      const v = run.results.validation!;
      expect([v.wave, v.id, v.latest]).toEqual(['wave', 'household_id', '3']);
      expect(run.results.study.rows).toBe(200);
      const pair = v.models[1].pairs[1];
      expect(pair.n).toBe(200);
      expect(pair.rules.map((r) => r.rule)).toEqual([
        'vep',
        'poor_now',
        'top',
        'high_vulnerability',
        'low_income',
        'income_drop',
        'new_shock',
      ]);
    } finally {
      setWarningSink(previous);
    }
  });

  it('data.wave without data.id is refused, naming the key', () => {
    expect(() =>
      parseStudy(
        `data: { path: a.csv, wave: round }
vep: { income: y, x: [a], poverty_line: { line: 1 } }
explanatory: [a]
`,
        { file: 'panel.yaml', dir },
      ),
    ).toThrow(/data\.wave.*a panel needs data\.id too/);
  });
});
