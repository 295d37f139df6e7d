import type { Command } from 'commander';
import { messages } from '../messages.js';
import { loadDriverMeasures } from '../monitor/driver-measures.js';
import { loadRules } from '../monitor/rules.js';
import { removeServeMarker, writeServeMarker } from '../monitor/serve-marker.js';
import { DB_OPTION_HELP, defaultStore, isPostgresUrl, openStore } from '../monitor/store.js';
import { buildApp } from '../server/app.js';
import { parseAllowedHosts, parseTrustProxy } from '../server/proxy-list.js';
import { parseNumber } from './options.js';

interface ServeFlags {
  db: string;
  host: string;
  port: string;
  idleMinutes: string;
  maxHours: string;
  secureCookies?: boolean;
  log?: boolean;
  measureMap?: string;
  allowedHost: string[];
  trustProxy: string[];
  cacheMb: string;
  rules?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * Registers `povrisk serve --db DB [--host 127.0.0.1] [--port 8080] [--allowed-host NAME]…
 * [--trust-proxy ADDR|CIDR]… [--cache-mb 64] [--rules FILE]`: the dashboard and its API, until
 * interrupted (Ctrl-C or SIGTERM stop accepting connections, close idle ones, let the requests in
 * flight finish for up to 10 s, then close the store). While it runs, `DB.serve.json`
 * tells the CLI the store is held. See docs/security.md.
 * @example registerServe(program)
 */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the monitoring dashboard and its JSON API')
    .option('--db <store>', DB_OPTION_HELP, defaultStore())
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0: any free port)', '8080')
    .option('--idle-minutes <n>', 'sign out after this many idle minutes', '30')
    .option('--max-hours <n>', 'sign out this many hours after signing in', '8')
    .option('--secure-cookies', 'mark cookies Secure (when served over HTTPS by a proxy)')
    .option('--log', 'log every request (JSON lines on stdout)')
    .option('--measure-map <file>', 'driver-to-measure mapping (.json, .yaml) for suggestions')
    .option(
      '--allowed-host <name>',
      'a host name the dashboard is reached by, besides the bound address and localhost (repeatable)',
      collect,
      [],
    )
    .option(
      '--trust-proxy <addr>',
      'a reverse proxy (address or CIDR) whose X-Forwarded-For names the client (repeatable)',
      collect,
      [],
    )
    .option('--cache-mb <n>', 'memory for cached answers, in MB', '64')
    .option('--rules <file>', 'rules file for waves uploaded in the dashboard and for deadlines')
    .action(async (flags: ServeFlags) => {
      const port = parseNumber('--port', flags.port, { min: 0, max: 65535, integer: true });
      const idle = parseNumber('--idle-minutes', flags.idleMinutes, { min: 1 });
      const max = parseNumber('--max-hours', flags.maxHours, { min: 0.1 });
      const driverMeasures = flags.measureMap
        ? await loadDriverMeasures(flags.measureMap)
        : undefined;
      const allowedHosts = parseAllowedHosts(flags.allowedHost);
      const trustProxy = parseTrustProxy(flags.trustProxy);
      const cacheMb = parseNumber('--cache-mb', flags.cacheMb, { min: 0, max: 1_000_000 });
      const rules = flags.rules ? await loadRules(flags.rules) : undefined;
      const store = await openStore(flags.db, { user: 'povrisk-serve' });
      const app = await buildApp(store, {
        sessions: { idleMs: idle * 60_000, absoluteMs: max * 3_600_000 },
        secureCookies: Boolean(flags.secureCookies),
        logger: Boolean(flags.log),
        driverMeasures,
        allowedHosts,
        trustProxy,
        cacheBytes: Math.round(cacheMb * 1024 * 1024),
        rules,
      });
      const url = await app.listen({ host: flags.host, port });
      // A DuckDB file is one process's: the marker tells the CLI who holds it. PostgreSQL is shared.
      const marked = !isPostgresUrl(flags.db);
      if (marked) writeServeMarker(flags.db, url);
      process.stdout.write(`${messages.server.listening(url)}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      // Stop accepting, let the requests in flight finish (10 s at most), then close the store.
      await app.closeGracefully();
      await store.close();
      if (marked) removeServeMarker(flags.db);
    });
}
