/** A warning sink: the CLI prints to stderr; tests swap in a collector. */
export type WarningSink = (message: string) => void;

let sink: WarningSink = (message) => process.stderr.write(`warning: ${message}\n`);

/**
 * Reports a warning through the current sink.
 * @example warn(messages.collinear(['x3']));
 */
export function warn(message: string): void {
  sink(message);
}

/**
 * Replaces the warning sink and returns the previous one (for tests and servers).
 * @example const previous = setWarningSink((m) => seen.push(m));
 */
export function setWarningSink(next: WarningSink): WarningSink {
  const previous = sink;
  sink = next;
  return previous;
}
