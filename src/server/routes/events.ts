import type { FastifyInstance } from 'fastify';
import { eventPage, type EventFilter } from '../../monitor/event-page.js';
import { audit } from '../audit.js';
import { sessionOf, type ServerContext } from '../context.js';
import { REQUEST_SCHEMAS } from '../openapi.js';

interface EventQuery {
  readonly user?: string;
  readonly action?: string;
  readonly entity?: string;
  readonly entity_id?: string;
  readonly since?: string;
  readonly until?: string;
  readonly limit: number;
  readonly offset: number;
}

/**
 * `GET /api/events` (admin accounts only, by the route's config): the event log, newest first,
 * filtered by user, action, entity, entity id and days, paged (at most 1,000 a page;
 * `X-Total-Count` holds the count). Reading the log is itself logged.
 * @example registerEventRoutes(app, ctx)
 */
export function registerEventRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: EventQuery }>(
    '/api/events',
    { schema: { querystring: REQUEST_SCHEMAS.eventQuery }, config: { roles: ['admin'] } },
    async (request, reply) => {
      const { limit, offset, entity_id, ...rest } = request.query;
      const filter: EventFilter = { ...rest, entityId: entity_id };
      const page = await ctx.gate.read(() => eventPage(ctx.store, filter, { limit, offset }));
      await audit(ctx, sessionOf(request).username, {
        action: 'list',
        entity: 'events',
        after: { filter: request.query, rows: page.events.length, total: page.total },
      });
      reply.header('x-total-count', String(page.total));
      return page.events;
    },
  );
}
