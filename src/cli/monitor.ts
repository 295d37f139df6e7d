import type { Command } from 'commander';
import { registerMonitorAlerts } from './monitor-alerts.js';
import { registerMonitorAssist } from './monitor-assist.js';
import { registerMonitorCases } from './monitor-cases.js';
import { registerMonitorEvents } from './monitor-events.js';
import { registerMonitorImport } from './monitor-import.js';
import { registerMonitorRun } from './monitor-run.js';
import { registerMonitorProcedure } from './monitor-procedure.js';
import { registerMonitorSummary } from './monitor-summary.js';
import { registerMonitorValidate } from './monitor-validate.js';

/**
 * Registers `povrisk monitor import|run|alerts|summary|cases|case|villages|assist|set-status|events`
 * and the procedure's `open|step|assign|overdue|my-cases`, each from its own file.
 * @example registerMonitor(program)
 */
export function registerMonitor(program: Command): void {
  const monitor = program
    .command('monitor')
    .description('household monitoring: import survey waves, score, alert, follow cases');
  registerMonitorEvents(monitor);
  registerMonitorImport(monitor);
  registerMonitorRun(monitor);
  registerMonitorValidate(monitor);
  registerMonitorAlerts(monitor);
  registerMonitorSummary(monitor);
  registerMonitorCases(monitor);
  registerMonitorAssist(monitor);
  registerMonitorProcedure(monitor);
}
