import type { FastifyInstance } from 'fastify';
import { casePage, type CaseFilter, type CaseSort } from '../../monitor/case-queue.js';
import type { DriverMeasures } from '../../monitor/driver-measures.js';
import type { AreaFilter } from '../../monitor/list-alerts.js';
import { villageView } from '../../monitor/village-view.js';
import { CASE_SCHEMAS } from '../case-schemas.js';
import { sessionOf, type ServerContext } from '../context.js';
import { scopedFilter } from '../scope.js';

interface CaseQuery extends CaseFilter {
  readonly sort?: CaseSort;
  readonly limit: number;
  readonly offset: number;
}

/**
 * `GET /api/cases` (the monitor's `casePage`: one row per household with an open case, paged
 * and sorted in SQL, `X-Total-Count` the full count) and `GET /api/villages` (the monitor's
 * `villageView`), each narrowed to the account's area (a filter outside it gives nothing)
 * and cached until the next write.
 * @example registerCaseQueueRoutes(app, ctx, { mapping: DEFAULT_DRIVER_MEASURES })
 */
export function registerCaseQueueRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  options: { mapping?: DriverMeasures | undefined } = {},
): void {
  app.get<{ Querystring: CaseQuery }>(
    '/api/cases',
    { schema: { querystring: CASE_SCHEMAS.caseQuery } },
    async (request, reply) => {
      const { sort, limit, offset, ...filter } = request.query;
      // scopedFilter narrows the area names and keeps the other filters as they are.
      const scoped = scopedFilter(sessionOf(request).scope, filter) as CaseFilter | null;
      const day = new Date().toISOString().slice(0, 10);
      const key = `cases:${JSON.stringify([scoped, sort, limit, offset, day])}`;
      const page = await ctx.gate.cached(key, async () => {
        const p =
          scoped === null
            ? { total: 0, rows: [] }
            : await casePage(ctx.store, scoped, { sort, limit, offset });
        return { total: p.total, body: Buffer.from(JSON.stringify(p.rows)) };
      });
      reply.header('x-total-count', String(page.total));
      return reply.type('application/json; charset=utf-8').send(page.body);
    },
  );

  app.get<{ Querystring: AreaFilter & { threshold: number } }>(
    '/api/villages',
    { schema: { querystring: CASE_SCHEMAS.villageQuery } },
    async (request) => {
      const { threshold, ...area } = request.query;
      const scoped = scopedFilter(sessionOf(request).scope, area);
      const key = `villages:${JSON.stringify([scoped, threshold])}`;
      return ctx.gate.cached(key, async () =>
        scoped === null
          ? { wave: null, model_id: null, threshold, villages: [] }
          : villageView(ctx.store, scoped, { threshold, mapping: options.mapping }),
      );
    },
  );
}
