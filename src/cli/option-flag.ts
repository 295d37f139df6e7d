/** Library option names whose command-line flag is not simply their kebab-case. */
const FLAGS: Readonly<Record<string, string>> = Object.freeze({
  taus: '--tau',
  floor: '--variance-floor',
  usdPerDay: '--line-usd-day',
  status: 'STATUS',
});

/**
 * The command-line flag of a library option: `varianceFloor` → `--variance-floor`, `taus` →
 * `--tau`. The library names its options in errors; the command line says them as flags.
 * @example flagOf('tau') // '--tau'
 */
export function flagOf(option: string): string {
  return FLAGS[option] ?? `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
