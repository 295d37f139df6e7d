/** The monitoring store's library API (for the CLI and the dashboard). */
export { openStore, DEFAULT_DB, type Store } from './store.js';
export { importWave, ImportRejected, type ImportResult } from './import.js';
export { runRules, type RunResult } from './run.js';
export {
  listAlerts,
  alertPage,
  ALERT_SORTS,
  type AlertRow,
  type AlertFilter,
  type AlertSort,
  type AreaFilter,
} from './list-alerts.js';
export { caseOf, setStatus, type CaseFile, type CaseRow } from './cases.js';
export { addMeasure, MEASURE_TYPES } from './measures.js';
export { summary, type StoreSummary } from './summary.js';
export { listEvents } from './events.js';
export { loadRules, rulesFrom, DEFAULT_RULES, CATEGORIES } from './rules.js';
export { eventPage, type EventFilter, type EventPageOptions } from './event-page.js';
export { exportAlertsCsv, ALERT_EXPORT_COLUMNS } from './export-alerts.js';
