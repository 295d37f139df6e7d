import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assignCadre, openCase, recordStep } from '../../monitor/procedure.js';
import { areaCases, myCases, overdueCases } from '../../monitor/procedure-queue.js';
import { audit } from '../audit.js';
import { sessionOf, storeAs, type ServerContext } from '../context.js';
import { REQUEST_SCHEMAS } from '../openapi.js';
import { scopeArea, scopedFilter } from '../scope.js';
import { inScope } from './households.js';

type Params = { Params: { id: string } };
const params = REQUEST_SCHEMAS.householdParams;

interface Page {
  limit: number;
  offset: number;
}
type QueueQuery = { Querystring: Page & { as_of?: string } };
type AreaQuery = { Querystring: Page & { county?: string; township?: string; village?: string } };

interface StepBody {
  step: string;
  date?: string;
  result?: string;
  notice_end?: string;
  note?: string;
}
interface OpenBody {
  found_by: string;
  date?: string;
  category?: string;
  note?: string;
}

/**
 * The procedure of a case, acting as the signed-in user: `POST /api/households/:id/open`
 * (a case found by self-report, a cadre's visit or department data), `…/steps` (the next
 * step, in order), `…/cadre` (the responsible cadre; admin, county and township accounts),
 * and the queues `GET /api/cases/mine` ("my cases"), `GET /api/cases/overdue` and
 * `GET /api/cases/area?village=…` (a village's monitoring list), within the account's area,
 * judged on `as_of` (default today) with the server's deadlines, at most `MAX_PAGE` rows a
 * page (`limit`, `offset`). A household outside the area answers 404 and each queue read is
 * logged (a filter outside the area also as refused), as on every other route.
 * @example registerCaseRoutes(app, ctx)
 */
export function registerCaseRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<Params & { Body: OpenBody }>(
    '/api/households/:id/open',
    { schema: { params, body: REQUEST_SCHEMAS.openCase } },
    async (request, reply) => {
      const h = await inScope(ctx, request, reply);
      if (h === null) return reply;
      const store = storeAs(ctx, request);
      const { found_by: foundBy, date, category, note } = request.body;
      const k = await ctx.gate.write(() =>
        openCase(store, h.household_id, { foundBy, date, category, note }),
      );
      return reply.code(201).send(k);
    },
  );

  app.post<Params & { Body: StepBody }>(
    '/api/households/:id/steps',
    { schema: { params, body: REQUEST_SCHEMAS.step } },
    async (request, reply) => {
      const h = await inScope(ctx, request, reply);
      if (h === null) return reply;
      const store = storeAs(ctx, request);
      const { step, date, result, notice_end: noticeEnd, note } = request.body;
      return ctx.gate.write(() =>
        recordStep(store, h.household_id, step, { date, result, noticeEnd, note }),
      );
    },
  );

  app.post<Params & { Body: { username: string } }>(
    '/api/households/:id/cadre',
    {
      schema: { params, body: REQUEST_SCHEMAS.cadre },
      config: { roles: ['admin', 'county', 'township'] },
    },
    async (request, reply) => {
      const h = await inScope(ctx, request, reply);
      if (h === null) return reply;
      const store = storeAs(ctx, request);
      return ctx.gate.write(() => assignCadre(store, h.household_id, request.body.username));
    },
  );

  const queueOptions = (request: FastifyRequest<QueueQuery>) => ({
    asOf: request.query.as_of,
    deadlines: ctx.rules.procedure.deadlines,
    area: scopeArea(sessionOf(request).scope),
    limit: request.query.limit,
    offset: request.query.offset,
  });
  /** Every list read is logged with its filter and row count. */
  const logged = async <T>(request: FastifyRequest, queue: string, rows: T[]): Promise<T[]> => {
    await audit(ctx, sessionOf(request).username, {
      action: 'list',
      entity: 'cases',
      after: { queue, filter: request.query, rows: rows.length },
    });
    return rows;
  };
  app.get<QueueQuery>(
    '/api/cases/mine',
    { schema: { querystring: REQUEST_SCHEMAS.queueQuery } },
    async (request) => {
      const me = sessionOf(request).username;
      const rows = await ctx.gate.read(() => myCases(ctx.store, me, queueOptions(request)));
      return logged(request, 'mine', rows);
    },
  );
  app.get<QueueQuery>(
    '/api/cases/overdue',
    { schema: { querystring: REQUEST_SCHEMAS.queueQuery } },
    async (request) => {
      const rows = await ctx.gate.read(() => overdueCases(ctx.store, queueOptions(request)));
      return logged(request, 'overdue', rows);
    },
  );
  app.get<AreaQuery>(
    '/api/cases/area',
    { schema: { querystring: REQUEST_SCHEMAS.areaQuery } },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      const me = sessionOf(request);
      const area = scopedFilter(me.scope, filter);
      if (area === null) {
        await audit(ctx, me.username, {
          action: 'refused',
          entity: 'cases',
          after: { filter, reason: 'outside the account area' },
        });
        return logged(request, 'area', []);
      }
      const rows = await ctx.gate.read(() =>
        areaCases(ctx.store, {
          area,
          deadlines: ctx.rules.procedure.deadlines,
          limit,
          offset,
        }),
      );
      return logged(request, 'area', rows);
    },
  );
}
