import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readColumns } from '../../src/data/read.js';
import { SHOCK_NAMES } from '../../src/monitor/columns.js';
import { quickVep } from '../simulate/vep-check.js';
import { runCli } from '../helpers/run-cli.js';

// Three survey rounds written by `povrisk simulate --waves 3`, imported as 2021–2023.
const dir = mkdtempSync(join(tmpdir(), 'povrisk-monitor-sim-'));
const db = join(dir, 'm.duckdb');
const panelFile = join(dir, 'panel.csv');
const LABELS = ['2021', '2022', '2023'];
const LINES: Record<string, number> = { '2021': 6000, '2022': 6300, '2023': 6600 };
// Every simulated household passed the 2020 exit standard (4,000 CNY), far above the paper's
// $1.90 line (2,563 CNY), at which v ≥ 0.6 for nobody; the rules file puts the VEP at the
// monitoring line so that the high_vulnerability rule has households to flag.
const VEP_LINE = 6000;
const X = ['head_male', 'family_size', 'debt', 'net_income'];
const files = LABELS.map((w) => join(dir, `wave-${w}.csv`));
const rulesFile = join(dir, 'rules.json');

async function ok(args: string[]): Promise<string> {
  const r = await runCli([...args, '--db', db, '--user', 'tester']);
  if (r.code !== 0) throw new Error(`povrisk ${args.join(' ')} → ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** Splits the panel into one file per round, relabelling the `wave` column with the year. */
function splitPanel(): void {
  const [header, ...lines] = readFileSync(panelFile, 'utf8').trimEnd().split('\n');
  const waveAt = header.split(',').indexOf('wave');
  LABELS.forEach((label, k) => {
    const rows = lines
      .map((l) => l.split(','))
      .filter((f) => f[waveAt] === String(k + 1))
      .map((f) => Object.assign([...f], { [waveAt]: label }).join(','));
    writeFileSync(files[k], `${header}\n${rows.join('\n')}\n`);
  });
}

const SPENDING = ['medical_expenditure', 'schooling_expenditure', 'disaster_loss'];

/** The alerts the default rules imply, computed from the files with an independent VEP fit. */
async function expectedAlerts(): Promise<string[]> {
  const out: string[] = [];
  let previous: Map<string, { income: number; shocks: number[] }> | null = null;
  for (const [k, file] of files.entries()) {
    const data = await readColumns(file, {
      numeric: ['per_capita_income', ...X, ...SHOCK_NAMES, ...SPENDING],
      text: ['household_id'],
    });
    // The three-step FGLS written out in the test (quickVep), not src/vep's estimator.
    const lnY = data.numeric.get('per_capita_income')!.map(Math.log);
    const vulnerability = quickVep(
      lnY,
      X.map((x) => data.numeric.get(x)!),
      Math.log(VEP_LINE),
    );
    expect(vulnerability.length).toBe(data.rows);
    const ids = data.text.get('household_id')!;
    const income = data.numeric.get('per_capita_income')!;
    const shocks = SHOCK_NAMES.map((s) => data.numeric.get(s)!);
    const spending = SPENDING.map((s) => data.numeric.get(s)!);
    const size = data.numeric.get('family_size')!;
    const current = new Map<string, { income: number; shocks: number[] }>();
    for (let i = 0; i < data.rows; i++) {
      const id = ids[i]!;
      const key = (rule: string) => `${id}|${LABELS[k]}|${rule}`;
      const now = { income: income[i], shocks: shocks.map((s) => s[i]) };
      current.set(id, now);
      const before = previous?.get(id);
      if (vulnerability[i] >= 0.6) out.push(key('high_vulnerability'));
      if (now.income < LINES[LABELS[k]]) out.push(key('low_income'));
      if (before && before.income > 0 && (before.income - now.income) / before.income >= 0.3)
        out.push(key('income_drop'));
      if (now.shocks.some((v, j) => v === 1 && (!before || before.shocks[j] !== 1)))
        out.push(key('new_shock'));
      // high_expenditure: medical + schooling + disaster loss above half the household's income.
      const spent = spending.reduce((sum, s) => sum + s[i], 0);
      if (spent > 0.5 * income[i] * size[i]) out.push(key('high_expenditure'));
    }
    previous = current;
  }
  return out.sort();
}

interface RunJson {
  previous_alerts: {
    rule: string;
    flagged: number;
    later_poor: number;
    precision: number | null;
    recall: number | null;
  }[];
}

/** Each run's `previous_alerts`, recomputed from the files and the expected alerts. */
async function checkPreviousAlerts(runs: RunJson[], alerts: string[]): Promise<void> {
  expect(runs.length).toBe(3);
  expect(runs[0].previous_alerts).toEqual([]);
  const incomes = await Promise.all(
    files.map(async (file) => {
      const d = await readColumns(file, { numeric: ['per_capita_income'], text: ['household_id'] });
      const ids = d.text.get('household_id')!;
      const inc = d.numeric.get('per_capita_income')!;
      return new Map(ids.map((id, i) => [id!, inc[i]]));
    }),
  );
  for (let k = 1; k < 3; k++) {
    const line = LINES[LABELS[k]];
    const now = incomes[k];
    const poorNow = [...now].filter(([id, inc]) => incomes[k - 1].has(id) && inc < line).length;
    const byRule = new Map<string, Set<string>>();
    for (const key of alerts) {
      const [id, wave, rule] = key.split('|');
      if (wave !== LABELS[k - 1] || !now.has(id)) continue;
      for (const r of [rule, 'any alert']) byRule.set(r, (byRule.get(r) ?? new Set()).add(id));
    }
    const want = [...byRule.keys()]
      .sort((a, b) => (a === 'any alert' ? 1 : b === 'any alert' ? -1 : a < b ? -1 : 1))
      .map((rule) => {
        const ids = [...byRule.get(rule)!];
        const later = ids.filter((id) => now.get(id)! < line).length;
        return {
          rule,
          flagged: ids.length,
          later_poor: later,
          precision: later / ids.length,
          recall: poorNow > 0 ? later / poorNow : null,
        };
      });
    expect(want.length).toBeGreaterThan(1);
    expect(runs[k].previous_alerts).toEqual(want);
  }
}

describe('povrisk monitor on three simulated survey rounds', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    const sim = await runCli([
      'simulate',
      '--households',
      '300',
      '--seed',
      '7',
      '--waves',
      '3',
      '--out',
      panelFile,
    ]);
    expect(sim.code, sim.stderr).toBe(0);
    splitPanel();
    writeFileSync(
      rulesFile,
      JSON.stringify({ monitoring_lines: { '2022': 6300, '2023': 6600 }, vep: { line: VEP_LINE } }),
    );
  });

  it('raises exactly the alerts the rules imply, and a re-import changes nothing', async () => {
    const runs: RunJson[] = [];
    for (const [k, label] of LABELS.entries()) {
      const out = await ok([
        'monitor',
        'import',
        files[k],
        '--wave',
        label,
        '--date',
        `${label}-06-30`,
      ]);
      expect(out).toContain(`wave ${label}: 300 new, 0 changed`);
      runs.push(
        JSON.parse(await ok(['monitor', 'run', '--wave', label, '--rules', rulesFile, '--json'])),
      );
    }
    const alerts = JSON.parse(await ok(['monitor', 'alerts', '--json'])) as Record<
      string,
      unknown
    >[];
    const got = alerts.map((a) => `${a.household_id}|${a.wave}|${a.rule}`).sort();
    const want = await expectedAlerts();
    for (const rule of [
      'high_vulnerability',
      'low_income',
      'income_drop',
      'new_shock',
      'high_expenditure',
    ]) {
      expect(
        want.some((k) => k.endsWith(rule)),
        `the simulated panel triggers ${rule}`,
      ).toBe(true);
    }
    expect(got).toEqual(want);
    await checkPreviousAlerts(runs, want);
    const validation = JSON.parse(
      await ok(['monitor', 'validate', '--model', 'history', '--json']),
    ) as {
      line: number;
      pairs: {
        from: string;
        to: string;
        n: number;
        auc: number | null;
        rules: { rule: string }[];
      }[];
    };
    expect(validation.line).toBe(6600);
    expect(validation.pairs.map((p) => `${p.from}→${p.to}`)).toEqual(['2021→2022', '2022→2023']);
    expect(validation.pairs.map((p) => p.n)).toEqual([0, 300]);
    expect(validation.pairs[1].auc).toBeGreaterThan(0.5);
    expect(validation.pairs[1].rules.map((r) => r.rule)).toEqual([
      'vep',
      'poor_now',
      'top',
      'high_vulnerability',
      'low_income',
      'income_drop',
      'new_shock',
    ]);

    const before = JSON.parse(await ok(['monitor', 'summary', '--json']));
    const again = await ok([
      'monitor',
      'import',
      files[1],
      '--wave',
      '2022',
      '--date',
      '2022-06-30',
    ]);
    expect(again).toMatch(/nothing changed/);
    expect(JSON.parse(await ok(['monitor', 'summary', '--json']))).toEqual(before);
  });
});
