import { logEvent, type EventInput } from '../monitor/events.js';
import type { ServerContext } from './context.js';

/**
 * Appends one event to the store's log as `user`, through the gate's write turn but keeping
 * the answer cache (a log entry changes no answer but the log's own). A failure to log fails
 * the request: the trail has no silent gaps.
 * @example await audit(ctx, 'wang', { action: 'logout', entity: 'user', entityId: 'wang' })
 */
export async function audit(ctx: ServerContext, user: string, event: EventInput): Promise<void> {
  await ctx.gate.write(() => logEvent(ctx.store.db, user, event), { keepCache: true });
}
