/*
 * What the dashboard's API answers (`/api/me`, `/api/meta`, `/api/overview`, `/api/model`,
 * `POST /api/waves`): one definition, which the server builds and the web app reads. Field
 * names are the JSON's.
 */
import type { RowProblem } from './monitor-answers.js';

/** A village and the township and county it lies in. */
export interface VillageRef {
  readonly county: string;
  readonly township: string;
  readonly village: string;
}

/** The signed-in account (`/api/me`, `POST /api/login`). */
export interface AccountAnswer {
  readonly username: string;
  readonly role: string;
  readonly county: string | null;
  readonly township: string | null;
  readonly village: string | null;
  readonly csrf_token: string;
}

/**
 * `/api/meta`: the waves (oldest first), the villages of the account's area and the rules that
 * raised alerts, with the domain's constants (`src/domain/`) the filters and forms offer.
 */
export interface MetaAnswer {
  readonly waves: readonly { readonly wave: string; readonly date: string | null }[];
  readonly villages: readonly VillageRef[];
  readonly rules: readonly string[];
  readonly measure_types: readonly string[];
  readonly statuses: readonly string[];
  readonly categories: readonly string[];
  readonly steps: readonly string[];
  readonly found_by: readonly string[];
  readonly step_results: Readonly<Record<string, readonly string[]>>;
  readonly bands: { readonly low: number; readonly high: number; readonly rule: string };
  readonly labels: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** One wave of the overview's trend. */
export interface TrendRow {
  readonly wave: string;
  readonly households: number;
  readonly mean_vulnerability: number | null;
  readonly high: number;
  readonly alerts: number;
  readonly mean_income: number | null;
}

/** One village of the overview, in the latest wave. */
export interface VillageFigures extends VillageRef {
  readonly households: number;
  readonly high: number;
  readonly mean_vulnerability: number | null;
  readonly alerts_open: number;
}

/** `/api/overview`: the figures of the overview page, over the households of the account's area. */
export interface OverviewAnswer {
  /** Latest wave (null before any import). */
  readonly wave: string | null;
  /** Households of the latest wave by vulnerability band (Table 2's: < 0.3, 0.3–0.6 inclusive, > 0.6). */
  readonly bands: Readonly<Record<'low' | 'medium' | 'high' | 'unscored', number>>;
  /** Open cases by category. */
  readonly categories: readonly { readonly category: string; readonly n: number }[];
  /** By wave: households observed, mean vulnerability, high-band count, alerts, mean income. */
  readonly trend: readonly TrendRow[];
  /** By village in the latest wave: households, high-band count, mean vulnerability, open alerts. */
  readonly villages: readonly VillageFigures[];
}

/** How one rule's alerts of the previous wave fared in this wave. */
export interface AlertOutcome {
  readonly rule: string;
  /** Households the rule alerted in the previous wave that have an income in this one. */
  readonly flagged: number;
  /** Of those, households now below the line. */
  readonly later_poor: number;
  /** later_poor / flagged; null when nothing was flagged. */
  readonly precision: number | null;
  /** later_poor / all households below the line now that were observed in the previous wave. */
  readonly recall: number | null;
}

/** The latest VEP model stored by `povrisk monitor run`. */
export interface StoredModelView {
  readonly model_id: number;
  readonly wave: string;
  readonly method: string;
  readonly poverty_line: number;
  readonly n_used: number;
  readonly n_scored: number;
  readonly fitted_at: string;
  readonly spec: unknown;
  /** The coefficients as the monitor stores them. */
  readonly coefficients: {
    readonly terms: readonly string[];
    readonly beta: readonly number[];
    readonly theta: readonly number[];
    readonly floor?: number;
  };
}

/** How well last round's warning worked, as the latest `monitor run` recorded it. */
export interface LastRound {
  readonly wave: string;
  readonly previous_wave: string;
  readonly monitoring_line: number;
  readonly previous_alerts: readonly AlertOutcome[];
}

/** A row of the paper's Table 2: the distribution of the probability of returning to poverty. */
export interface PublishedVulnerability {
  readonly group: string;
  readonly mean: number;
  readonly sd: number;
  /** Shares of households with a probability below 0.3, from 0.3 to 0.6, and above 0.6. */
  readonly below: number;
  readonly middle: number;
  readonly above: number;
}

/** `/api/model`: the latest model, how last round's warning worked, and the paper's Table 2. */
export interface ModelAnswer {
  readonly model: StoredModelView | null;
  readonly last_round: LastRound | null;
  readonly published_table2: readonly PublishedVulnerability[];
  readonly risk_bands: { readonly low: number; readonly high: number };
  readonly min_monitored_months: number;
}

/** `POST /api/waves`: what the upload imported and the run it started, or why it refused the file. */
export interface UploadAnswer {
  readonly error?: string;
  readonly problems?: readonly RowProblem[];
  readonly import?: {
    readonly file: string;
    readonly wave: string;
    readonly rows: number;
    readonly inserted: number;
    readonly versioned: number;
  };
  readonly run?: {
    readonly wave: string;
    readonly scored: number;
    readonly households: number;
    readonly alerts: Readonly<Record<string, number>>;
    readonly cases_opened: number;
  };
}
