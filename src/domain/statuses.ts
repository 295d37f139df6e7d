/** Statuses of a case, in workflow order. */
export const CASE_STATUSES = Object.freeze([
  'flagged',
  'verified',
  'monitored',
  'risk eliminated',
  'dismissed',
] as const);
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses of a case still open. */
export const ACTIVE_STATUSES: readonly CaseStatus[] = Object.freeze([
  'flagged',
  'verified',
  'monitored',
]);

/**
 * Allowed moves: flagged → verified → monitored → risk eliminated, and any open status →
 * dismissed (with a reason). Closed cases (risk eliminated, dismissed) do not move; a new
 * alert opens a new case. `verified` is reached by recording the home verification and
 * `monitored` by the county's approval (see `PROCEDURE_STEPS`).
 */
export const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = Object.freeze({
  flagged: ['verified', 'dismissed'],
  verified: ['monitored', 'dismissed'],
  monitored: ['risk eliminated', 'dismissed'],
  'risk eliminated': [],
  dismissed: [],
});

/** Months of monitoring required before a risk can be marked eliminated. */
export const MIN_MONITORED_MONTHS = 6;
