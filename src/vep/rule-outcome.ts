/** How a warning rule fared against the outcome. */
export interface RuleOutcome {
  readonly rule: string;
  /** Households the rule flagged. */
  readonly flagged: number;
  /** Flagged households that had the event (fell below the line a wave later). */
  readonly caught: number;
  /** caught / flagged; null when nothing was flagged. */
  readonly precision: number | null;
  /** caught / households with the event; null when none had it. */
  readonly recall: number | null;
}

/**
 * Counts a rule's flags (1 = flagged) against a 0/1 outcome over the first `n` households.
 * @example ruleOutcome('poor_now', Uint8Array.of(1, 1, 0), Uint8Array.of(1, 0, 1), 3) // flagged 2, caught 1, precision 0.5, recall 0.5
 */
export function ruleOutcome(
  rule: string,
  flags: Uint8Array,
  y: Uint8Array,
  n: number = flags.length,
): RuleOutcome {
  let flagged = 0;
  let caught = 0;
  let events = 0;
  for (let i = 0; i < n; i++) {
    flagged += flags[i];
    events += y[i];
    caught += flags[i] & y[i];
  }
  return Object.freeze({
    rule,
    flagged,
    caught,
    precision: flagged > 0 ? caught / flagged : null,
    recall: events > 0 ? caught / events : null,
  });
}
