import type { Migration } from './migration.js';

/**
 * The event log is append-only in the database itself on PostgreSQL: a trigger refuses every
 * UPDATE, DELETE and TRUNCATE of `events`, whoever connects. (A DuckDB file has no triggers;
 * it is one process's, and povrisk only ever inserts events.)
 */
export const migration005: Migration = Object.freeze({
  version: 5,
  name: 'append-only events',
  statements: Object.freeze([]),
  postgres: Object.freeze([
    `CREATE FUNCTION povrisk_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       RAISE EXCEPTION 'the event log is append-only: % of events refused', TG_OP
         USING ERRCODE = 'insufficient_privilege';
     END $$`,
    `CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
       FOR EACH ROW EXECUTE FUNCTION povrisk_events_append_only()`,
    `CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
       FOR EACH STATEMENT EXECUTE FUNCTION povrisk_events_append_only()`,
  ]),
});
