import { CURRENT_OBSERVATIONS_PG } from './001-initial.js';
import { postgresSql, type Migration } from './migration.js';

const statements: readonly string[] = Object.freeze([
  'ALTER TABLE observations ADD COLUMN registered_poor TINYINT',
  'ALTER TABLE observations ADD COLUMN medical_expenditure DOUBLE',
  'ALTER TABLE observations ADD COLUMN schooling_expenditure DOUBLE',
  'ALTER TABLE observations ADD COLUMN disaster_loss DOUBLE',
  'ALTER TABLE observations ADD COLUMN school_dropout TINYINT',
  'ALTER TABLE observations ADD COLUMN no_medical_insurance TINYINT',
  'ALTER TABLE cases ADD COLUMN responsible VARCHAR',
  'ALTER TABLE cases ADD COLUMN found_by VARCHAR',
  'ALTER TABLE measures ADD COLUMN end_date DATE',
  `CREATE TABLE case_steps (case_id BIGINT NOT NULL, step VARCHAR NOT NULL,
       step_date DATE NOT NULL, result VARCHAR NOT NULL, end_date DATE, note VARCHAR,
       user_name VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL, PRIMARY KEY (case_id, step))`,
  `UPDATE cases SET found_by = 'model_alert'`,
  `INSERT INTO case_steps SELECT case_id, 'found', opened_on, 'model_alert', NULL,
       'recorded when the case was opened', 'migration', current_localtimestamp() FROM cases`,
]);

/**
 * The mechanism as a county office runs it: observations gain the registration status
 * (`registered_poor`), the year's rigid spending (medical, schooling, disaster loss) and the
 * two remaining guarantees (a child out of compulsory school, a member without basic medical
 * insurance), all optional; a case gains its responsible cadre and how it was found; each
 * procedural step is a row of `case_steps`; a measure may have an end date. Cases opened
 * before this migration get their `found` step from their opening (a model alert).
 */
export const migration003: Migration = Object.freeze({
  version: 3,
  name: 'monitoring procedure',
  statements,
  postgres: Object.freeze([...statements.map(postgresSql), CURRENT_OBSERVATIONS_PG]),
});
