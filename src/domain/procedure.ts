/**
 * The steps of a case, in the order they must be recorded (识别认定程序):
 * `found` (how the case came to notice), `verification` (入户核实, home verification),
 * `village_review` (村级评议, the village's democratic review), `public_notice` (公示, posted in
 * the village), `township_review` (乡镇审核) and `county_approval` (县级审定, after which the
 * household is monitored). Each is recorded once, with its date and user.
 */
export const PROCEDURE_STEPS = Object.freeze([
  'found',
  'verification',
  'village_review',
  'public_notice',
  'township_review',
  'county_approval',
] as const);
export type ProcedureStep = (typeof PROCEDURE_STEPS)[number];

/**
 * How a case was found (发现方式): the household's own report (农户自主申报), a cadre's visit
 * (干部走访排查), department data (部门筛查预警) or the model's alert (this system's rules).
 */
export const FOUND_BY = Object.freeze([
  'self_report',
  'cadre_visit',
  'department_data',
  'model_alert',
] as const);
export type FoundBy = (typeof FOUND_BY)[number];

/** Results a step may record. Reviews approve or reject; a notice ends with or without objection. */
export const STEP_RESULTS: Readonly<Record<ProcedureStep, readonly string[]>> = Object.freeze({
  found: FOUND_BY,
  verification: ['confirmed', 'not_confirmed'],
  village_review: ['approved', 'rejected'],
  public_notice: ['no_objection', 'objection'],
  township_review: ['approved', 'rejected'],
  county_approval: ['approved', 'rejected'],
});

/** Results that end the procedure: the case is dismissed with the step named as the reason. */
export const NEGATIVE_RESULTS: readonly string[] = Object.freeze([
  'not_confirmed',
  'rejected',
  'objection',
]);

/**
 * Default deadlines, in days after the previous step (the public notice: its end date). The
 * county sets its own in the rules file (`procedure.deadlines`).
 */
export const DEFAULT_DEADLINES: Readonly<Record<Exclude<ProcedureStep, 'found'>, number>> =
  Object.freeze({
    verification: 15,
    village_review: 10,
    public_notice: 7,
    township_review: 10,
    county_approval: 15,
  });

/** Shortest public notice, in days (from its first to its last day). */
export const MIN_NOTICE_DAYS = 5;
