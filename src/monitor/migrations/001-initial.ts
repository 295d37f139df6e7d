import { postgresSql, type Migration } from './migration.js';

const observationColumns = [
  'per_capita_income DOUBLE',
  'able_to_work DOUBLE',
  'head_male DOUBLE',
  'family_size DOUBLE',
  'debt DOUBLE',
  'net_income DOUBLE',
  'subsistence_allowance DOUBLE',
  'industrial_support DOUBLE',
  'road_hardened DOUBLE',
  'county_gdp_per_capita DOUBLE',
  'motivation DOUBLE',
  'head_ethnicity DOUBLE',
  'disabled_count DOUBLE',
  'hospitalized DOUBLE',
  'chronic_count DOUBLE',
  'wage_share DOUBLE',
  'head_education DOUBLE',
  'shock_illness TINYINT',
  'shock_disability TINYINT',
  'shock_disaster TINYINT',
  'shock_accident TINYINT',
  'shock_job_loss TINYINT',
  'unsafe_housing TINYINT',
  'unsafe_water TINYINT',
  'schooling_costs TINYINT',
].join(', ');

/**
 * The current observations on PostgreSQL: the newest version of each household-wave (made
 * again when a migration adds columns, since PostgreSQL fixes a view's columns).
 * @example migration.postgres = [..., CURRENT_OBSERVATIONS_PG]
 */
export const CURRENT_OBSERVATIONS_PG = `CREATE OR REPLACE VIEW current_observations AS
  SELECT o.* FROM observations o WHERE NOT EXISTS (SELECT 1 FROM observations p
    WHERE p.household_id = o.household_id AND p.wave = o.wave AND p.version > o.version)`;

/** DuckDB's functions that povrisk's SQL calls, on PostgreSQL. */
const COMPAT_FUNCTIONS_PG = [
  `CREATE OR REPLACE FUNCTION current_localtimestamp() RETURNS timestamp LANGUAGE sql STABLE
     AS 'SELECT LOCALTIMESTAMP::timestamp'`,
  `CREATE OR REPLACE FUNCTION today() RETURNS date LANGUAGE sql STABLE AS 'SELECT current_date'`,
  `CREATE OR REPLACE FUNCTION isnan(double precision) RETURNS boolean LANGUAGE sql IMMUTABLE
     AS 'SELECT $1 = ''NaN''::double precision'`,
];

const statements: readonly string[] = [
  'CREATE SEQUENCE event_seq',
  'CREATE SEQUENCE import_seq',
  'CREATE SEQUENCE model_seq',
  'CREATE SEQUENCE alert_seq',
  'CREATE SEQUENCE case_seq',
  'CREATE SEQUENCE measure_seq',
  `CREATE TABLE areas (area_id VARCHAR PRIMARY KEY, level VARCHAR NOT NULL, name VARCHAR NOT NULL,
       parent_id VARCHAR, county VARCHAR NOT NULL, township VARCHAR, village VARCHAR)`,
  `CREATE TABLE households (household_id VARCHAR NOT NULL, area_id VARCHAR NOT NULL,
       first_wave VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE waves (wave VARCHAR PRIMARY KEY, seq INTEGER NOT NULL, wave_date DATE,
       year INTEGER, created_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE imports (import_id BIGINT PRIMARY KEY, wave VARCHAR NOT NULL, file VARCHAR NOT NULL,
       rows BIGINT NOT NULL, inserted BIGINT NOT NULL, versioned BIGINT NOT NULL,
       unchanged BIGINT NOT NULL, user_name VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE observations (household_id VARCHAR NOT NULL, wave VARCHAR NOT NULL,
       version INTEGER NOT NULL, import_id BIGINT NOT NULL, area_id VARCHAR NOT NULL,
       ${observationColumns})`,
  `CREATE TABLE monitoring_lines (year INTEGER PRIMARY KEY, line DOUBLE NOT NULL)`,
  `INSERT INTO monitoring_lines VALUES (2021, 6000)`,
  `CREATE TABLE models (model_id BIGINT PRIMARY KEY, wave VARCHAR NOT NULL, method VARCHAR NOT NULL,
       spec JSON NOT NULL, coefficients JSON NOT NULL, poverty_line DOUBLE NOT NULL,
       n_used BIGINT NOT NULL, n_scored BIGINT NOT NULL, fitted_model_id BIGINT,
       user_name VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE risk_scores (model_id BIGINT NOT NULL, household_id VARCHAR NOT NULL,
       wave VARCHAR NOT NULL, mu DOUBLE, sigma DOUBLE, vulnerability DOUBLE)`,
  `CREATE TABLE alerts (alert_id BIGINT PRIMARY KEY, household_id VARCHAR NOT NULL,
       wave VARCHAR NOT NULL, area_id VARCHAR NOT NULL, rule VARCHAR NOT NULL, category VARCHAR NOT NULL,
       reason VARCHAR NOT NULL, reason_zh VARCHAR NOT NULL, vulnerability DOUBLE,
       per_capita_income DOUBLE, model_id BIGINT, case_id BIGINT NOT NULL, raised_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE cases (case_id BIGINT PRIMARY KEY, household_id VARCHAR NOT NULL,
       status VARCHAR NOT NULL, category VARCHAR NOT NULL, opened_wave VARCHAR NOT NULL,
       opened_on DATE NOT NULL, status_on DATE NOT NULL, monitored_since DATE, closed_on DATE,
       reason VARCHAR, updated_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE measures (measure_id BIGINT PRIMARY KEY, case_id BIGINT NOT NULL,
       household_id VARCHAR NOT NULL, type VARCHAR NOT NULL, measure_date DATE NOT NULL,
       amount DOUBLE, note VARCHAR, user_name VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE events (event_id BIGINT PRIMARY KEY, recorded_at TIMESTAMP NOT NULL,
       user_name VARCHAR NOT NULL, action VARCHAR NOT NULL, entity VARCHAR NOT NULL,
       entity_id VARCHAR, before JSON, after JSON)`,
  `CREATE VIEW current_observations AS
       SELECT * FROM observations
       QUALIFY version = max(version) OVER (PARTITION BY household_id, wave)`,
];

/**
 * The first schema of the monitoring store. Big tables (households, observations,
 * risk_scores) carry no index on DuckDB: keys are enforced by the import and scoring SQL,
 * which keeps bulk loads fast (PostgreSQL gets indexes for its joins). Observations are
 * versioned: a changed value for a household-wave is a new row with `version + 1`, never an
 * update.
 */
export const migration001: Migration = Object.freeze({
  version: 1,
  name: 'initial',
  statements,
  postgres: [
    ...COMPAT_FUNCTIONS_PG,
    ...statements.slice(0, -1).map(postgresSql),
    'CREATE INDEX observations_key ON observations (wave, household_id, version)',
    'CREATE INDEX risk_scores_model ON risk_scores (model_id, household_id)',
    'CREATE INDEX alerts_household ON alerts (household_id, wave)',
    CURRENT_OBSERVATIONS_PG,
  ],
});
