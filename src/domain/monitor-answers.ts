/*
 * What the monitor answers about a store and about a wave file it refused: one definition,
 * which the CLI's `--json`, the API and the dashboard share. Field names are the JSON's.
 */

/** Counts of what a store holds. `observations` counts household-waves (not versions). */
export interface StoreSummary {
  readonly households: number;
  readonly waves: number;
  readonly observations: number;
  /** Alerts whose case is still open (flagged, verified or monitored). */
  readonly alerts_open: number;
  readonly cases_by_status: Readonly<Record<string, number>>;
}

/** One invalid cell of an import file. `row` is the 1-based data row (the header is line 1). */
export interface RowProblem {
  readonly row: number;
  readonly column: string;
  readonly value: string | null;
  readonly why: string;
}
