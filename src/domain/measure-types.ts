/** Types of assistance measure (帮扶措施). */
export const MEASURE_TYPES = Object.freeze([
  'industry',
  'employment',
  'microfinance',
  'public_welfare_job',
  'health',
  'education',
  'social_assistance',
  'relocation',
  'housing',
  'drinking_water',
] as const);
export type MeasureType = (typeof MEASURE_TYPES)[number];

/**
 * Months after the risk is eliminated during which assistance measures may still be recorded
 * on the case (policies are kept for a transition period, 过渡期, rather than withdrawn at once).
 */
export const TRANSITION_MONTHS = 12;
