import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { messages } from '../../messages.js';
import { assignCadre, openCase, recordStep } from '../../monitor/procedure.js';
import { areaCases, myCases, overdueCases } from '../../monitor/procedure-queue.js';
import { fail, sessionOf, storeAs, type ServerContext } from '../context.js';
import { REQUEST_SCHEMAS } from '../openapi.js';
import { householdInScope, type HouseholdArea } from '../queries/household-area.js';
import { scopeArea, scopedFilter } from '../scope.js';

type Params = { Params: { id: string } };
const params = REQUEST_SCHEMAS.householdParams;

async function inScope(
  ctx: ServerContext,
  request: FastifyRequest<Params>,
  reply: FastifyReply,
): Promise<HouseholdArea | null> {
  const h = await ctx.gate.read(() =>
    householdInScope(ctx.store, sessionOf(request).scope, request.params.id),
  );
  if (h === null) fail(reply, 404, messages.server.householdNotFound(request.params.id));
  return h;
}

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
 * `GET /api/cases/area?village=…` (a village's monitoring list), within the account's area, judged on `as_of` (default today) with the server's deadlines.
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

  const queueOptions = (request: FastifyRequest<{ Querystring: { as_of?: string } }>) => ({
    asOf: request.query.as_of,
    deadlines: ctx.rules.procedure.deadlines,
    area: scopeArea(sessionOf(request).scope),
  });
  app.get<{ Querystring: { as_of?: string } }>(
    '/api/cases/mine',
    { schema: { querystring: REQUEST_SCHEMAS.queueQuery } },
    async (request) =>
      ctx.gate.read(() => myCases(ctx.store, sessionOf(request).username, queueOptions(request))),
  );
  app.get<{ Querystring: { as_of?: string } }>(
    '/api/cases/overdue',
    { schema: { querystring: REQUEST_SCHEMAS.queueQuery } },
    async (request) => ctx.gate.read(() => overdueCases(ctx.store, queueOptions(request))),
  );
  app.get<{ Querystring: { county?: string; township?: string; village?: string } }>(
    '/api/cases/area',
    { schema: { querystring: REQUEST_SCHEMAS.areaQuery } },
    async (request) => {
      const area = scopedFilter(sessionOf(request).scope, request.query);
      if (area === null) return [];
      return ctx.gate.read(() =>
        areaCases(ctx.store, { area, deadlines: ctx.rules.procedure.deadlines }),
      );
    },
  );
}
