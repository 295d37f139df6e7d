import type { FastifyInstance } from 'fastify';
import { alertPage, type AlertFilter, type AlertSort } from '../../monitor/list-alerts.js';
import { sessionOf, type ServerContext } from '../context.js';
import { REQUEST_SCHEMAS } from '../openapi.js';
import { scopedFilter } from '../scope.js';

interface AlertQuery extends AlertFilter {
  readonly sort?: AlertSort;
  readonly limit: number;
  readonly offset: number;
}

/**
 * `GET /api/alerts`: the rows of the monitor's `listAlerts`, narrowed to the account's area
 * (a filter outside it gives an empty list), optionally by rule, sorted and paged in SQL;
 * `X-Total-Count` holds the full count. Pages are cached as encoded JSON until the next write,
 * so users polling the queue cost neither a query nor a serialisation.
 * @example registerAlertRoutes(app, ctx)
 */
export function registerAlertRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: AlertQuery }>(
    '/api/alerts',
    { schema: { querystring: REQUEST_SCHEMAS.alertQuery } },
    async (request, reply) => {
      const { sort, limit, offset, ...filter } = request.query;
      const scoped = scopedFilter(sessionOf(request).scope, filter);
      const key = `alerts:${JSON.stringify([scoped, sort, limit, offset])}`;
      const page = await ctx.gate.cached(key, async () => {
        const p =
          scoped === null
            ? { total: 0, rows: [] }
            : await alertPage(ctx.store, scoped, { sort, limit, offset });
        return { total: p.total, body: Buffer.from(JSON.stringify(p.rows)) };
      });
      reply.header('x-total-count', String(page.total));
      return reply.type('application/json; charset=utf-8').send(page.body);
    },
  );
}
