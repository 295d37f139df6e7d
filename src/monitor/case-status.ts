/** The case statuses live in `src/domain/statuses.ts`; re-exported here for the monitor. */
export {
  ACTIVE_STATUSES,
  CASE_STATUSES,
  MIN_MONITORED_MONTHS,
  TRANSITIONS,
  type CaseStatus,
} from '../domain/statuses.js';
