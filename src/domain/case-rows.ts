/*
 * The rows of the alert list, the case queues and the village view, as the CLI's `--json` and the API answer them: one definition,
 * which the monitor builds and the dashboard reads. Field names are the JSON's (snake_case).
 */

/** One reason a case is open: an alert's rule, wave and text in English and Chinese. */
export interface CaseReason {
  readonly wave: string;
  readonly rule: string;
  readonly reason: string;
  readonly reason_zh: string;
}

/** One row of the case queue: a household with an open case. */
export interface CaseQueueRow {
  readonly household_id: string;
  readonly county: string;
  readonly township: string;
  readonly village: string;
  readonly case_id: number;
  readonly status: string;
  readonly category: string;
  readonly opened_on: string;
  /** How the case was found: self_report, cadre_visit, department_data or model_alert. */
  readonly found_by: string | null;
  /** The responsible cadre (帮扶责任人), a dashboard user name; null before assignment. */
  readonly responsible: string | null;
  /** The last procedural step recorded (found, verification, … county_approval). */
  readonly last_step: string | null;
  /** The latest of the case's status change, its procedural steps and its measures (YYYY-MM-DD). */
  readonly last_step_on: string;
  readonly days_since_step: number;
  /** Distinct rules of the case's alerts, sorted. */
  readonly rules: readonly string[];
  /** Every alert of the case, oldest wave first. */
  readonly reasons: readonly CaseReason[];
  /** The household's latest wave, and its income there. */
  readonly wave: string | null;
  readonly per_capita_income: number | null;
  /** The latest wave scored for the household, and its vulnerability there (that wave's latest model). */
  readonly score_wave: string | null;
  readonly vulnerability: number | null;
  /** low (< 0.3), medium (0.3–0.6 inclusive), high (> 0.6), or unscored (`src/domain/bands.ts`). */
  readonly band: string;
}

/** An open case with the step it waits for and when that step is due. */
export interface QueueRow {
  readonly case_id: number;
  readonly household_id: string;
  readonly county: string;
  readonly township: string;
  readonly village: string;
  readonly status: string;
  readonly category: string;
  readonly found_by: string | null;
  readonly responsible: string | null;
  /** The last step recorded and its date (a public notice: its last day). */
  readonly last_step: string;
  readonly since: string;
  /** The next step (null once the county has approved), its due date and days overdue (≤ 0: not yet). */
  readonly next_step: string | null;
  readonly due: string | null;
  readonly days_overdue: number | null;
}

/** One row of `povrisk monitor alerts`. */
export interface AlertRow {
  readonly household_id: string;
  readonly county: string;
  readonly village: string;
  readonly wave: string;
  readonly rule: string;
  readonly category: string;
  readonly reason: string;
  readonly reason_zh: string;
  readonly vulnerability: number | null;
  readonly per_capita_income: number | null;
  /** The status of the household's case: flagged, verified, monitored, risk eliminated, dismissed. */
  readonly status: string;
}

/** A driver common among a village's vulnerable households. */
export interface VillageDriver {
  readonly term: string;
  readonly en: string;
  readonly zh: string;
  /** Vulnerable households whose largest negative contribution to μ is this term. */
  readonly households: number;
  /** Kinds of help that address it (the driver-to-measure mapping). */
  readonly measures: readonly string[];
}

/** One village: households by band, open cases by category, and common drivers. */
export interface VillageRow {
  readonly county: string;
  readonly township: string;
  readonly village: string;
  readonly households: number;
  readonly bands: Readonly<Record<'low' | 'medium' | 'high' | 'unscored', number>>;
  readonly open_cases: Readonly<Record<string, number>>;
  /** Vulnerable households (v ≥ threshold) in the wave. */
  readonly vulnerable: number;
  readonly drivers: readonly VillageDriver[];
}

/** The village view: the wave it describes, and its villages. */
export interface VillageView {
  readonly wave: string | null;
  readonly model_id: number | null;
  readonly threshold: number;
  readonly villages: readonly VillageRow[];
}
