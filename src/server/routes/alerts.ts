import type { FastifyInstance } from 'fastify';
import { listAlerts, type AlertFilter, type AlertRow } from '../../monitor/alerts.js';
import { sessionOf, type ServerContext } from '../context.js';
import { REQUEST_SCHEMAS } from '../openapi.js';
import { scopedFilter } from '../scope.js';

interface AlertQuery extends AlertFilter {
  readonly rule?: string;
  readonly sort?: string;
  readonly limit: number;
  readonly offset: number;
}

const compare = (key: string) => {
  const desc = key.startsWith('-');
  const k = (desc ? key.slice(1) : key) as keyof AlertRow;
  return (a: AlertRow, b: AlertRow) => {
    const x = a[k];
    const y = b[k];
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * (desc ? -1 : 1);
  };
};

/**
 * `GET /api/alerts`: the monitor's `listAlerts`, narrowed to the account's area (a filter
 * outside it gives an empty list), then by rule, sorted, and paged (`X-Total-Count` holds
 * the full count). Lists and pages are cached until the next write.
 * @example registerAlertRoutes(app, ctx)
 */
export function registerAlertRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: AlertQuery }>(
    '/api/alerts',
    { schema: { querystring: REQUEST_SCHEMAS.alertQuery } },
    async (request, reply) => {
      const { rule, sort, limit, offset, ...filter } = request.query;
      const scoped = scopedFilter(sessionOf(request).scope, filter);
      const key = `alerts:${JSON.stringify([scoped, rule ?? null, sort ?? null])}`;
      const rows = () =>
        scoped === null
          ? Promise.resolve([])
          : ctx.gate.cached(key, async () => {
              let all = await listAlerts(ctx.store, scoped);
              if (rule !== undefined) all = all.filter((r) => r.rule === rule);
              return sort === undefined || sort === 'wave' ? all : [...all].sort(compare(sort));
            });
      // the page is cached as JSON text: polling users get it without serialising again
      const page = await ctx.gate.memo(`${key}:${offset}:${limit}`, async () => {
        const all = await rows();
        return { total: all.length, body: JSON.stringify(all.slice(offset, offset + limit)) };
      });
      reply.header('x-total-count', String(page.total));
      return reply.type('application/json; charset=utf-8').send(page.body);
    },
  );
}
