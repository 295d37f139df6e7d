import { duckdb } from '../data/duckdb.js';
import { firstNumber, type Db } from './db.js';
import { duckDb, isDuckDb, type DuckDb } from './duckdb-db.js';
import { isPostgresDb, type PostgresDb } from './postgres-db.js';
import { copyFromDuckDb } from '../data/copy-from-duckdb.js';
import { columnNames } from '../data/read.js';
import { quoteIdent } from '../data/source.js';
import { stageSource } from '../data/stage-source.js';
import { optionError, UserError } from '../errors.js';
import { messages } from '../messages.js';
import {
  ID_COLUMNS,
  OBSERVATION_NAMES,
  OPTIONAL_COLUMNS,
  STORED_COLUMNS,
  STORED_NAMES,
} from './columns.js';
import { logEvent } from './events.js';
import { findProblems, type RowProblem } from './import-validate.js';
import { inTransaction, type Store } from './store.js';
import { rowsOf, sqlString, sqlValue } from './sql.js';
import { parseDate, waveYear } from './wave-info.js';

/**
 * Options of `importWave`: the wave label, optionally its date (YYYY-MM-DD) and county, and the
 * text encoding of a CSV or old Stata file (default: detected / windows-1252).
 */
export interface ImportOptions {
  readonly wave: string;
  readonly date?: string | undefined;
  /** Accept only rows of this county (a county account's upload); default any county. */
  readonly county?: string | undefined;
  readonly encoding?: string | undefined;
}

/** What an import did. `changed` is false when the file adds nothing new. */
export interface ImportResult {
  readonly file: string;
  readonly wave: string;
  readonly importId: number | null;
  readonly rows: number;
  /** Household-waves seen for the first time. */
  readonly inserted: number;
  /** Household-waves whose values changed: stored as a new version. */
  readonly versioned: number;
  readonly unchanged: number;
  readonly newHouseholds: number;
  readonly changed: boolean;
}

/** A file with invalid rows: nothing was imported; `problems` lists every bad cell. */
export class ImportRejected extends UserError {
  constructor(
    message: string,
    readonly problems: readonly RowProblem[],
  ) {
    super(message);
  }
}

const RAW = 'monitor_raw';
const STAGE = 'monitor_stage';
const OBS_LIST = STORED_NAMES.map(quoteIdent).join(', ');

/**
 * Imports one survey wave from any file the shared reader reads (CSV, TSV, Parquet, xlsx,
 * Stata .dta, SPSS .sav) in a single transaction. The file needs household_id, county, township, village
 * and every observation column, and may have the optional ones (`OPTIONAL_COLUMNS`:
 * registration status, hardship spending, education and medical flags); extra columns are
 * ignored; with a `wave` column only the rows of this wave are read. Any invalid row
 * rejects the whole file with `ImportRejected` listing every bad cell. A household-wave seen
 * before is skipped when identical and stored as a new version when changed; re-importing
 * the same file changes nothing (`changed: false`); optional columns a file leaves out keep
 * their stored values.
 * @example await importWave(store, 'wave1.csv', { wave: '2021', date: '2021-06-30' })
 */
export async function importWave(
  store: Store,
  file: string,
  options: ImportOptions,
): Promise<ImportResult> {
  const wave = options.wave.trim();
  if (wave === '') throw optionError.bad('wave', options.wave, 'a label');
  const date = options.date === undefined ? null : parseDate('date', options.date);
  const names = await columnNames(file, { encoding: options.encoding });
  const missing = [...ID_COLUMNS, ...OBSERVATION_NAMES].filter((n) => !names.includes(n));
  if (missing.length > 0) throw new UserError(messages.importMissingColumns(file, missing));
  return inTransaction(store, async (c) =>
    withStaging(c, async (stage) => {
      await stageFile(stage, file, names, wave, options);
      if (isPostgresDb(c)) await moveStaged(stage, c);
      return storeStaged(c, store.user, file, names, wave, date);
    }),
  );
}

/**
 * Runs `body` with a DuckDB connection to stage a file on: the store's own on DuckDB, a
 * fresh in-memory database on PostgreSQL (one staging path for both stores).
 */
async function withStaging<T>(c: Db, body: (stage: DuckDb) => Promise<T>): Promise<T> {
  if (isDuckDb(c)) return body(c);
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const stage = duckDb(await instance.connect(), () => instance.closeSync());
  try {
    return await body(stage);
  } finally {
    await stage.close();
  }
}

/** Reads the file into the typed staging table, or throws `ImportRejected` with every bad cell. */
async function stageFile(
  c: DuckDb,
  file: string,
  names: readonly string[],
  wave: string,
  options: ImportOptions,
): Promise<void> {
  const source = await stageSource(c.connection, file, { encoding: options.encoding });
  try {
    await stageRaw(c, source.sql, names, wave, file);
  } finally {
    await source.release();
  }
  const problems = await findProblems(c, RAW);
  if (options.county !== undefined) {
    const outside = await rowsOf(
      c,
      `SELECT row_no, county FROM ${RAW}
       WHERE trim(county) <> ${sqlString(options.county)} ORDER BY row_no`,
    );
    for (const r of outside) {
      problems.push({
        row: Number(r.row_no),
        column: 'county',
        value: String(r.county),
        why: messages.cellRule.outsideCounty(options.county),
      });
    }
    problems.sort((a, b) => a.row - b.row);
  }
  if (problems.length > 0) {
    const rows = new Set(problems.map((p) => p.row)).size;
    throw new ImportRejected(messages.importRejected(file, rows, problems.length), problems);
  }
  await stageTyped(c);
}

/**
 * Moves the typed staging table from the DuckDB staging database into a temporary table of
 * the store (PostgreSQL, dropped at commit) with COPY FROM STDIN.
 */
async function moveStaged(stage: DuckDb, c: PostgresDb): Promise<void> {
  const table = `${STAGE}_typed`;
  const columns = [
    { name: 'row_no', sql: 'BIGINT' },
    ...['household_id', 'county', 'township', 'village', 'area_id'].map((name) => ({
      name,
      sql: 'VARCHAR COLLATE "C"',
    })),
    ...STORED_COLUMNS.map((col) => ({
      name: col.name,
      sql: col.kind === 'flag' ? 'SMALLINT' : 'DOUBLE PRECISION',
    })),
  ];
  const names = columns.map((col) => col.name);
  await c.run(`DROP TABLE IF EXISTS ${table}`);
  await c.run(
    `CREATE TEMP TABLE ${table} (${columns.map((col) => `${quoteIdent(col.name)} ${col.sql}`).join(', ')})
     ON COMMIT DROP`,
  );
  await c.client((client) =>
    copyFromDuckDb(
      stage.connection,
      `SELECT ${names.map(quoteIdent).join(', ')} FROM ${table} ORDER BY row_no`,
      client,
      table,
      names,
    ),
  );
  await c.run(`ANALYZE ${table}`);
}

/** Compares the staged rows with the store and stores what is new, in the caller's transaction. */
async function storeStaged(
  c: Db,
  user: string,
  file: string,
  names: readonly string[],
  wave: string,
  date: string | null,
): Promise<ImportResult> {
  const absent = OPTIONAL_COLUMNS.map((col) => col.name).filter((n) => !names.includes(n));
  const counts = await compareWithStore(c, wave, absent);
  const existing = await rowsOf(
    c,
    `SELECT CAST(wave_date AS VARCHAR) AS d FROM waves WHERE wave = ${sqlString(wave)}`,
  );
  const dateChanged = existing.length > 0 && date !== null && existing[0].d !== date;
  const base = { file, wave, rows: counts.rows, unchanged: counts.unchanged };
  if (counts.inserted + counts.versioned === 0 && existing.length > 0 && !dateChanged) {
    await dropStaging(c);
    return Object.freeze({
      ...base,
      importId: null,
      inserted: 0,
      versioned: 0,
      newHouseholds: 0,
      changed: false,
    });
  }
  await upsertWave(c, user, wave, date, existing[0]?.d as string | null | undefined);
  await insertAreas(c);
  const newHouseholds = await insertHouseholds(c, wave);
  const importId = await firstNumber(c, "SELECT nextval('import_seq')");
  await logVersionEvents(c, user, wave);
  await c.run(
    `INSERT INTO observations SELECT household_id, ${sqlString(wave)},
         coalesce(old_version, 0) + 1, ${importId}, area_id, ${OBS_LIST}
       FROM ${STAGE} WHERE kind <> 'same'`,
  );
  const result = Object.freeze({
    ...base,
    importId,
    inserted: counts.inserted,
    versioned: counts.versioned,
    newHouseholds,
    changed: true,
  });
  await c.run(
    `INSERT INTO imports VALUES (${importId}, ${sqlString(wave)}, ${sqlString(file)},
         ${counts.rows}, ${counts.inserted}, ${counts.versioned}, ${counts.unchanged},
         ${sqlString(user)}, current_localtimestamp())`,
  );
  await logEvent(c, user, {
    action: 'import',
    entity: 'wave',
    entityId: wave,
    after: { ...result, file },
  });
  await dropStaging(c);
  return result;
}

async function stageRaw(
  c: Db,
  sourceSql: string,
  names: readonly string[],
  wave: string,
  file: string,
): Promise<void> {
  const hasWave = names.includes('wave');
  const optional = OPTIONAL_COLUMNS.map((col) => col.name);
  const cols = [...ID_COLUMNS, ...OBSERVATION_NAMES, ...optional]
    .map((n) =>
      names.includes(n)
        ? `CAST(${quoteIdent(n)} AS VARCHAR) AS ${quoteIdent(n)}`
        : `NULL::VARCHAR AS ${quoteIdent(n)}`,
    )
    .join(', ');
  const waveCol = hasWave ? ', trim(CAST(wave AS VARCHAR)) AS wave' : '';
  await dropStaging(c);
  try {
    await c.run(
      `CREATE TEMP TABLE ${RAW} AS SELECT * FROM (
         SELECT row_number() OVER () AS row_no, ${cols}${waveCol} FROM ${sourceSql})
       ${hasWave ? `WHERE wave = ${sqlString(wave)}` : ''}`,
    );
  } catch (e) {
    const text = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new UserError(messages.malformed(file, text.replace(/^[A-Za-z ]*Error: /, '')));
  }
  const n = await firstNumber(c, `SELECT count(*) FROM ${RAW}`);
  if (n > 0) return;
  if (!hasWave) throw new UserError(messages.headerOnly(file));
  const present = await rowsOf(
    c,
    `SELECT DISTINCT trim(CAST(wave AS VARCHAR)) AS w FROM ${sourceSql} ORDER BY 1 LIMIT 20`,
  );
  throw new UserError(
    messages.importNoWaveRows(
      file,
      wave,
      present.map((r) => String(r.w)),
    ),
  );
}

async function stageTyped(c: Db): Promise<void> {
  const typed = STORED_COLUMNS.map((col) => {
    const t = `TRY_CAST(trim(${quoteIdent(col.name)}) AS DOUBLE)`;
    return `${col.kind === 'flag' ? `CAST(${t} AS TINYINT)` : t} AS ${quoteIdent(col.name)}`;
  }).join(', ');
  await c.run(
    `CREATE TEMP TABLE ${STAGE}_typed AS SELECT row_no, trim(household_id) AS household_id,
       trim(county) AS county, trim(township) AS township, trim(village) AS village,
       trim(county) || ' › ' || trim(township) || ' › ' || trim(village) AS area_id, ${typed}
     FROM ${RAW}`,
  );
  await c.run(`DROP TABLE ${RAW}`);
}

/**
 * Compares the staged rows with the store's current observations of the wave. Optional
 * columns the file leaves out (`absent`) keep the stored values rather than erasing them.
 */
async function compareWithStore(
  c: Db,
  wave: string,
  absent: readonly string[],
): Promise<{ rows: number; inserted: number; versioned: number; unchanged: number }> {
  const current =
    c.dialect === 'duckdb'
      ? `SELECT * FROM observations WHERE wave = ${sqlString(wave)}
         QUALIFY version = max(version) OVER (PARTITION BY household_id)`
      : `SELECT * FROM current_observations WHERE wave = ${sqlString(wave)}`;
  if (absent.length > 0) {
    await c.run(
      `UPDATE ${STAGE}_typed s SET ${absent.map((n) => `${quoteIdent(n)} = o.${quoteIdent(n)}`).join(', ')}
       FROM (${current}) o
       WHERE o.household_id = s.household_id`,
    );
  }
  const same = ['area_id', ...STORED_NAMES]
    .map((n) => `s.${quoteIdent(n)} IS NOT DISTINCT FROM o.${quoteIdent(n)}`)
    .join(' AND ');
  await c.run(
    `CREATE TEMP TABLE ${STAGE} AS
     SELECT s.*, o.version AS old_version,
       CASE WHEN o.household_id IS NULL THEN 'new' WHEN ${same} THEN 'same' ELSE 'changed' END AS kind
     FROM ${STAGE}_typed s LEFT JOIN (${current}) o
     ON o.household_id = s.household_id`,
  );
  await c.run(`DROP TABLE ${STAGE}_typed`);
  const r = (
    await rowsOf(
      c,
      `SELECT count(*) AS rows, count(*) FILTER (WHERE kind = 'new') AS inserted,
       count(*) FILTER (WHERE kind = 'changed') AS versioned, count(*) FILTER (WHERE kind = 'same') AS unchanged
     FROM ${STAGE}`,
    )
  )[0];
  return {
    rows: Number(r.rows),
    inserted: Number(r.inserted),
    versioned: Number(r.versioned),
    unchanged: Number(r.unchanged),
  };
}

async function upsertWave(
  c: Db,
  user: string,
  wave: string,
  date: string | null,
  oldDate: string | null | undefined,
): Promise<void> {
  if (oldDate === undefined) {
    await c.run(
      `INSERT INTO waves SELECT ${sqlString(wave)}, coalesce(max(seq), 0) + 1,
         ${date === null ? 'NULL' : `DATE ${sqlString(date)}`}, ${sqlValue(waveYear(wave, date))},
         current_localtimestamp() FROM waves`,
    );
    await logEvent(c, user, {
      action: 'create',
      entity: 'wave',
      entityId: wave,
      after: { wave, date },
    });
  } else if (date !== null && oldDate !== date) {
    await c.run(
      `UPDATE waves SET wave_date = DATE ${sqlString(date)}, year = ${waveYear(wave, date)}
       WHERE wave = ${sqlString(wave)}`,
    );
    await logEvent(c, user, {
      action: 'update',
      entity: 'wave',
      entityId: wave,
      before: { date: oldDate },
      after: { date },
    });
  }
}

async function insertAreas(c: Db): Promise<void> {
  const township = `s.county || ' › ' || s.township`;
  const levels = [
    { level: 'county', id: 's.county', name: 's.county', parent: 'NULL', t: 'NULL', v: 'NULL' },
    {
      level: 'township',
      id: township,
      name: 's.township',
      parent: 's.county',
      t: 's.township',
      v: 'NULL',
    },
    {
      level: 'village',
      id: 's.area_id',
      name: 's.village',
      parent: township,
      t: 's.township',
      v: 's.village',
    },
  ];
  for (const l of levels) {
    await c.run(
      `INSERT INTO areas SELECT DISTINCT ${l.id}, '${l.level}', ${l.name}, ${l.parent}, s.county, ${l.t}, ${l.v}
       FROM ${STAGE} s WHERE s.kind <> 'same'
         AND NOT EXISTS (SELECT 1 FROM areas a WHERE a.area_id = ${l.id})`,
    );
  }
}

async function insertHouseholds(c: Db, wave: string): Promise<number> {
  return c.run(
    `INSERT INTO households SELECT s.household_id, s.area_id, ${sqlString(wave)}, current_localtimestamp()
     FROM ${STAGE} s WHERE s.kind = 'new'
       AND NOT EXISTS (SELECT 1 FROM households h WHERE h.household_id = s.household_id)`,
  );
}

async function logVersionEvents(c: Db, user: string, wave: string): Promise<void> {
  const pairs = (alias: string) =>
    ['area_id', ...STORED_NAMES].map((n) => `'${n}', ${alias}.${quoteIdent(n)}`).join(', ');
  const struct = (alias: string) =>
    c.dialect === 'duckdb'
      ? `to_json({${['area_id', ...STORED_NAMES].map((n) => `'${n}': ${alias}.${quoteIdent(n)}`).join(', ')}})`
      : `json_build_object(${pairs(alias)})`;
  await c.run(
    `INSERT INTO events SELECT nextval('event_seq'), current_localtimestamp(), ${sqlString(user)},
       'new version', 'observation', s.household_id || ' @ ' || ${sqlString(wave)},
       ${struct('o')}, ${struct('s')}
     FROM ${STAGE} s JOIN observations o ON o.household_id = s.household_id
       AND o.wave = ${sqlString(wave)} AND o.version = s.old_version
     WHERE s.kind = 'changed' ORDER BY s.row_no`,
  );
}

async function dropStaging(c: Db): Promise<void> {
  for (const t of [RAW, `${STAGE}_typed`, STAGE]) await c.run(`DROP TABLE IF EXISTS ${t}`);
}
