import type { FastifyInstance } from 'fastify';
import { casePage, type CaseFilter, type CaseSort } from '../../monitor/case-queue.js';
import type { DriverMeasures } from '../../monitor/driver-measures.js';
import type { AreaFilter } from '../../monitor/list-alerts.js';
import { villageView } from '../../monitor/village-view.js';
import { audit } from '../audit.js';
import { sessionOf, type ServerContext } from '../context.js';
import { REQUEST_SCHEMAS } from '../openapi.js';
import { scopedFilter } from '../scope.js';

interface CaseQuery extends CaseFilter {
  readonly sort?: CaseSort;
  readonly limit: number;
  readonly offset: number;
}

/**
 * `GET /api/cases` (the monitor's `casePage`: one row per household with an open case, paged
 * and sorted in SQL, at most `MAX_PAGE` rows a page, `X-Total-Count` the full count) and
 * `GET /api/villages` (the monitor's `villageView`), each narrowed to the account's area (a
 * filter outside it gives nothing and is logged as refused) and cached until the next write.
 * Every read is logged as a list read with its filter and row count, as the alert list is.
 * @example registerCaseQueueRoutes(app, ctx, { mapping: DEFAULT_DRIVER_MEASURES })
 */
export function registerCaseQueueRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  options: { mapping?: DriverMeasures | undefined } = {},
): void {
  const refused = async (user: string, filter: object, what: string) =>
    audit(ctx, user, {
      action: 'refused',
      entity: what,
      after: { filter, reason: 'outside the account area' },
    });

  app.get<{ Querystring: CaseQuery }>(
    '/api/cases',
    { schema: { querystring: REQUEST_SCHEMAS.caseQuery } },
    async (request, reply) => {
      const { sort, limit, offset, ...filter } = request.query;
      const me = sessionOf(request);
      // scopedFilter narrows the area names and keeps the other filters as they are.
      const scoped = scopedFilter(me.scope, filter) as CaseFilter | null;
      if (scoped === null) await refused(me.username, filter, 'cases');
      const day = new Date().toISOString().slice(0, 10);
      const key = `cases:${JSON.stringify([scoped, sort, limit, offset, day])}`;
      const page = await ctx.gate.cached(key, async () => {
        const p =
          scoped === null
            ? { total: 0, rows: [] }
            : await casePage(ctx.store, scoped, { sort, limit, offset });
        return { total: p.total, rows: p.rows.length, body: Buffer.from(JSON.stringify(p.rows)) };
      });
      await audit(ctx, me.username, {
        action: 'list',
        entity: 'cases',
        after: {
          queue: 'cases',
          filter: scoped ?? filter,
          sort,
          limit,
          offset,
          rows: page.rows,
          total: page.total,
        },
      });
      reply.header('x-total-count', String(page.total));
      return reply.type('application/json; charset=utf-8').send(page.body);
    },
  );

  app.get<{ Querystring: AreaFilter & { threshold: number } }>(
    '/api/villages',
    { schema: { querystring: REQUEST_SCHEMAS.villageQuery } },
    async (request) => {
      const { threshold, ...area } = request.query;
      const me = sessionOf(request);
      const scoped = scopedFilter(me.scope, area);
      if (scoped === null) await refused(me.username, area, 'villages');
      const key = `villages:${JSON.stringify([scoped, threshold])}`;
      const view = await ctx.gate.cached(key, async () =>
        scoped === null
          ? { wave: null, model_id: null, threshold, villages: [] }
          : villageView(ctx.store, scoped, { threshold, mapping: options.mapping }),
      );
      await audit(ctx, me.username, {
        action: 'list',
        entity: 'villages',
        after: { filter: scoped ?? area, threshold, rows: view.villages.length },
      });
      return view;
    },
  );
}
