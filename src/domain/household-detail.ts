import type { CaseStatus } from './statuses.js';
import type { ProcedureStep } from './procedure.js';

/*
 * The API's answer for one household (`GET /api/households/:id`), and the rows it is made of:
 * one definition, which the monitor and the server build and the dashboard reads. Field names
 * are the JSON's (snake_case), as the store's columns are.
 */

/** Why a vulnerable household is vulnerable: expected income below the line, or its spread. */
export const CAUSES = Object.freeze(['low mean', 'high variance'] as const);

/** One term's share of a household's linear index: βⱼ(xⱼ − x̄ⱼ). */
export interface DriverTerm {
  readonly term: string;
  /** The household's value xⱼ. */
  readonly value: number;
  /** The wave's mean x̄ⱼ. */
  readonly mean: number;
  readonly coefficient: number;
  readonly contribution: number;
}

/** A linear index split into the average household's value and each term's contribution. */
export interface EquationDrivers {
  /** b₀ + Σ bⱼ x̄ⱼ (plus Harvey's correction for an exponential variance equation). */
  readonly baseline: number;
  readonly contributions: readonly DriverTerm[];
  /** baseline + Σ contributions: μ, or Xθ (linear variance), or ln σ² (exponential). */
  readonly total: number;
}

/** One suggested kind of help, and the terms (largest negative drivers) that call for it. */
export interface Suggestion {
  readonly measure: string;
  readonly terms: readonly string[];
}

/** One indicator of the latest wave, and its change since the previous wave. */
export interface ProfileItem {
  readonly name: string;
  readonly en: string;
  readonly zh: string;
  readonly value: number | null;
  readonly previous: number | null;
  /** value − previous (null when either is missing or there is no previous wave). */
  readonly change: number | null;
}

/** A household's profile: the latest and previous waves, and the indicators by group. */
export interface HouseholdProfile {
  readonly wave: string | null;
  readonly previous_wave: string | null;
  readonly groups: readonly {
    readonly group: string;
    readonly en: string;
    readonly zh: string;
    readonly items: readonly ProfileItem[];
  }[];
}

/** What drives a household's risk in its latest scored wave (the API's `drivers`). */
export interface HouseholdDrivers {
  readonly wave: string;
  readonly model_id: number;
  /** The VEP poverty line of the model (CNY per person per year), which v refers to. */
  readonly line: number;
  /** μ = baseline + Σ contributions. */
  readonly mean: EquationDrivers;
  /**
   * The variance equation's index: Xθ (linear; σ² = max(Xθ, floor)) or ln σ² (exponential),
   * = baseline + Σ contributions.
   */
  readonly variance: EquationDrivers & {
    readonly model: 'linear' | 'exponential';
    readonly sigma2: number;
    readonly floored: boolean;
  };
  readonly mu: number;
  readonly sigma: number;
  readonly vulnerability: number;
  /** Vulnerable (v ≥ 0.5) because μ < ln z (`low mean`) or despite it (`high variance`); null if not vulnerable. */
  readonly cause: (typeof CAUSES)[number] | null;
  /** Kinds of help for the largest negative drivers of μ. */
  readonly suggestions: readonly Suggestion[];
}

/** A case as stored. Dates are YYYY-MM-DD. */
export interface CaseRow {
  readonly case_id: number;
  readonly household_id: string;
  readonly status: CaseStatus;
  readonly category: string;
  readonly opened_wave: string;
  readonly opened_on: string;
  readonly status_on: string;
  readonly monitored_since: string | null;
  readonly closed_on: string | null;
  readonly reason: string | null;
  /** The responsible cadre (帮扶责任人): a dashboard user name, or null before assignment. */
  readonly responsible: string | null;
  /** How the case was found: self_report, cadre_visit, department_data or model_alert. */
  readonly found_by: string | null;
}

/** A recorded step of a case's procedure. Dates are YYYY-MM-DD. */
export interface StepRow {
  readonly step: ProcedureStep;
  readonly date: string;
  readonly result: string;
  /** The public notice's last day (other steps: null). */
  readonly end_date: string | null;
  readonly note: string | null;
  readonly user_name: string;
}

/** One entry of the append-only event log. */
export interface MonitorEvent {
  readonly event_id: number;
  readonly recorded_at: string;
  readonly user_name: string;
  readonly action: string;
  readonly entity: string;
  readonly entity_id: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

/** Where a household lives. */
export interface HouseholdArea {
  readonly household_id: string;
  readonly area_id: string;
  readonly county: string;
  readonly township: string;
  readonly village: string;
  readonly first_wave: string;
}

/** A wave's observation of the household (its current version): every indicator column. */
export interface Observation {
  readonly wave: string;
  readonly wave_date: string | null;
  readonly per_capita_income: number | null;
  readonly able_to_work: number | null;
  readonly [column: string]: unknown;
}

/** μ, σ and vulnerability of a wave, from the wave's latest model. */
export interface WaveScore {
  readonly wave: string;
  readonly model_id: number;
  readonly mu: number | null;
  readonly sigma: number | null;
  readonly vulnerability: number | null;
}

/** An alert raised on the household. */
export interface HouseholdAlert {
  readonly alert_id: number;
  readonly case_id: number;
  readonly wave: string;
  readonly rule: string;
  readonly category: string;
  readonly reason: string;
  readonly reason_zh: string;
  readonly vulnerability: number | null;
  readonly per_capita_income: number | null;
  readonly raised_at: string;
}

/** An assistance measure on a case. Dates are YYYY-MM-DD. */
export interface MeasureRow {
  readonly measure_id: number;
  readonly type: string;
  readonly date: string;
  /** The last day of the measure (null: open-ended). */
  readonly end_date: string | null;
  readonly amount: number | null;
  readonly note: string | null;
  readonly user_name: string;
}

/** Everything the household page shows (`GET /api/households/:id`). */
export interface HouseholdDetail {
  readonly household: HouseholdArea;
  /** The current version of each wave's observation, oldest wave first, with the wave's date. */
  readonly observations: readonly Observation[];
  /** μ, σ and vulnerability by wave, from each wave's latest model. */
  readonly scores: readonly WaveScore[];
  /** Every alert of the household, over all its cases. */
  readonly alerts: readonly HouseholdAlert[];
  /** The latest case (null before the household was ever flagged), its measures and history. */
  readonly case: CaseRow | null;
  readonly measures: readonly MeasureRow[];
  readonly history: readonly MonitorEvent[];
  /** The procedure's recorded steps of the latest case. */
  readonly steps: readonly StepRow[];
  /** Statuses the case may move to next. */
  readonly next_statuses: readonly CaseStatus[];
  /** The latest wave's indicators by group, with the change since the previous wave. */
  readonly profile: HouseholdProfile;
  /** What drives μ and σ² in the latest scored wave (null when unscored). */
  readonly drivers: HouseholdDrivers | null;
  /** The monitoring line of each wave's year (CNY). */
  readonly lines: {
    readonly monitoring: readonly { wave: string; year: number | null; line: number | null }[];
  };
}
