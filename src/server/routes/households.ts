import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { messages } from '../../messages.js';
import { setStatus } from '../../monitor/cases.js';
import type { DriverMeasures } from '../../monitor/driver-measures.js';
import { logEvent } from '../../monitor/events.js';
import { audit } from '../audit.js';
import { addMeasure, type MeasureInput } from '../../monitor/measures.js';
import { fail, sessionOf, storeAs, type ServerContext } from '../context.js';
import { maskRow } from '../mask.js';
import { REQUEST_SCHEMAS } from '../openapi.js';
import { householdDetail } from '../queries/household-detail.js';
import { householdInScope, type HouseholdArea } from '../queries/household-area.js';

type Params = { Params: { id: string } };
const params = REQUEST_SCHEMAS.householdParams;

/**
 * The household when it lies in the account's area; otherwise logs the refused attempt,
 * answers 404 (whether or not the household exists) and gives null. Shared by every route
 * under `/api/households/:id`.
 * @example const h = await inScope(ctx, request, reply); if (h === null) return reply;
 */
export async function inScope(
  ctx: ServerContext,
  request: FastifyRequest<Params>,
  reply: FastifyReply,
): Promise<HouseholdArea | null> {
  const h = await ctx.gate.read(() =>
    householdInScope(ctx.store, sessionOf(request).scope, request.params.id),
  );
  if (h === null) {
    const me = sessionOf(request);
    await audit(ctx, me.username, {
      action: 'refused',
      entity: 'household',
      entityId: request.params.id,
      after: { method: request.method, reason: 'not in the account area', role: me.scope.role },
    });
    fail(reply, 404, messages.server.householdNotFound(request.params.id));
  }
  return h;
}

/**
 * `GET /api/households/:id` (logged as a read), `POST …/measures` and `POST …/status` (the
 * monitor's `addMeasure` and `setStatus`, acting as the signed-in user). A household outside
 * the account's area answers 404, whether or not it exists.
 * @example registerHouseholdRoutes(app, ctx)
 */
export function registerHouseholdRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  options: { mapping?: DriverMeasures | undefined } = {},
): void {
  app.get<Params>('/api/households/:id', { schema: { params } }, async (request, reply) => {
    const h = await inScope(ctx, request, reply);
    if (h === null) return reply;
    const store = storeAs(ctx, request);
    const detail = await ctx.gate.read(() => householdDetail(store, h, options));
    await ctx.gate.write(
      () =>
        logEvent(store.db, store.user, {
          action: 'read',
          entity: 'household',
          entityId: h.household_id,
        }),
      { keepCache: true },
    );
    const role = sessionOf(request).scope.role;
    return {
      ...detail,
      household: maskRow({ ...detail.household }, role),
      observations: detail.observations.map((o) => maskRow(o, role)),
    };
  });

  app.post<Params & { Body: MeasureInput }>(
    '/api/households/:id/measures',
    { schema: { params, body: REQUEST_SCHEMAS.measure } },
    async (request, reply) => {
      const h = await inScope(ctx, request, reply);
      if (h === null) return reply;
      const store = storeAs(ctx, request);
      const measure = await ctx.gate.write(() => addMeasure(store, h.household_id, request.body));
      return reply.code(201).send(measure);
    },
  );

  app.post<Params & { Body: { status: string; date?: string; reason?: string } }>(
    '/api/households/:id/status',
    { schema: { params, body: REQUEST_SCHEMAS.status } },
    async (request, reply) => {
      const h = await inScope(ctx, request, reply);
      if (h === null) return reply;
      const store = storeAs(ctx, request);
      const { status, date, reason } = request.body;
      return ctx.gate.write(() => setStatus(store, h.household_id, status, { date, reason }));
    },
  );
}
