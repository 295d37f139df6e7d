import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importWave } from '../../src/monitor/import.js';
import { setStatus } from '../../src/monitor/cases.js';
import { addMeasure } from '../../src/monitor/measures.js';
import { assignCadre, recordStep } from '../../src/monitor/procedure.js';
import { rowsOf } from '../../src/monitor/sql.js';
import { rulesFrom } from '../../src/monitor/rules.js';
import { runRules } from '../../src/monitor/run.js';
import { openStore } from '../../src/monitor/store.js';
import { addUser } from '../../src/server/users.js';
import { panel, writeCsv } from '../monitor/fixture.js';
import { ACCOUNTS, PASSWORD } from './harness.js';

/** The VEP line of the case-queue store: high enough that some households are vulnerable. */
export const CASE_STORE_LINE = 10500;

/**
 * A store for the case queue, drivers and village view: the monitor fixture's panel with
 * household ids that are plain numbers (1, 2, …, 120, so that text order would put 10 before
 * 2), three waves scored with a VEP line of 10,500 CNY (many households vulnerable), the cases of
 * households 2, 3 and 5 (when open) verified on 2022-07-01, a measure for household 3 on
 * 2022-08-15, the harness's accounts, household 3's village review on 2022-08-01 with `admin`
 * as its responsible cadre, and (when verified) households 2 and 5's village reviews on
 * 2022-09-10 with `xide` as their cadre.
 */
export async function makeCaseStore(
  options: { households?: number; waves?: number } = {},
): Promise<{ db: string; dir: string; rulesFile: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'povrisk-cases-'));
  const db = join(dir, 'monitor.duckdb');
  const rulesFile = join(dir, 'rules.json');
  writeFileSync(rulesFile, JSON.stringify({ vep: { line: CASE_STORE_LINE } }));
  const rules = rulesFrom({ vep: { line: CASE_STORE_LINE } });
  const waves = panel({
    households: options.households ?? 120,
    waves: options.waves ?? 3,
    seed: 11,
  });
  const store = await openStore(db, { user: 'setup' });
  try {
    for (let w = 0; w < waves.length; w++) {
      const file = join(dir, `wave${w + 1}.csv`);
      const wave = String(2020 + w);
      writeCsv(
        file,
        waves[w].map((row) => ({
          ...row,
          household_id: String(Number(String(row.household_id).slice(1))),
          wave,
        })),
      );
      await importWave(store, file, { wave, date: `${wave}-06-30` });
      await runRules(store, { wave, rules });
    }
    for (const id of ['2', '3', '5']) {
      const open = await rowsOf(
        store.db,
        `SELECT 1 FROM cases WHERE household_id = '${id}' AND status = 'flagged'`,
      );
      if (open.length > 0) await setStatus(store, id, 'verified', { date: '2022-07-01' });
    }
    await addMeasure(store, '3', { type: 'employment', date: '2022-08-15' });
    for (const [name, [role, area]] of Object.entries(ACCOUNTS)) {
      await addUser(store, { username: name, role, area, password: PASSWORD });
    }
    await recordStep(store, '3', 'village_review', { date: '2022-08-01' });
    await assignCadre(store, '3', 'admin');
    for (const id of ['2', '5']) {
      const open = await rowsOf(
        store.db,
        `SELECT 1 FROM cases WHERE household_id = '${id}' AND status = 'verified'`,
      );
      if (open.length > 0) {
        await recordStep(store, id, 'village_review', { date: '2022-09-10' });
        await assignCadre(store, id, 'xide');
      }
    }
  } finally {
    store.close();
  }
  return { db, dir, rulesFile };
}
