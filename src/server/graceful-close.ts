import type { FastifyInstance } from 'fastify';
import type { Socket } from 'node:net';

/** How long `close` lets requests in flight finish, by default. */
export const DEFAULT_GRACE_MS = 10_000;

/** How often, while closing, connections that have gone idle are closed. */
const SWEEP_MS = 50;

declare module 'fastify' {
  interface FastifyInstance {
    /** `GracefulClose.close` of `buildApp`'s app: use it rather than `close` to stop serving. */
    closeGracefully(options?: { graceMs?: number }): Promise<void>;
  }
}

/** Closes a listening app gracefully: see `gracefulClose`. */
export interface GracefulClose {
  /**
   * Stops accepting connections, closes idle ones (keep-alive connections included), lets the
   * requests in flight finish (answered with `Connection: close`), then resolves once the app
   * is closed (its `onClose` hooks run). After `graceMs` the connections still open are cut.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

/**
 * Makes `app` closable without cutting requests in flight or waiting on idle keep-alive
 * connections. Call before any route or plugin is registered (its hooks must reach them all);
 * then `close()` instead of `app.close()`, and close the store only after it resolves (no
 * handler runs then). Default grace: `DEFAULT_GRACE_MS`.
 * @example const shutdown = gracefulClose(app); await app.listen({ port: 8080 }); … await shutdown.close(); await store.close();
 */
export function gracefulClose(app: FastifyInstance): GracefulClose {
  const sockets = new Set<Socket>();
  /** Requests between `onRequest` and their answer (or their abandonment), by socket. */
  const busy = new Map<Socket, number>();
  /** Requests whose handler has not answered yet (a client may leave before it does). */
  const running = new Set<unknown>();
  let closing = false;
  const done = (socket: Socket) => {
    const n = (busy.get(socket) ?? 1) - 1;
    if (n > 0) busy.set(socket, n);
    else busy.delete(socket);
  };
  app.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      busy.delete(socket);
    });
  });
  app.addHook('onRequest', async (request) => {
    const socket = request.raw.socket;
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    running.add(request);
  });
  app.addHook('onSend', async (request, reply) => {
    running.delete(request);
    if (closing) void reply.header('connection', 'close');
  });
  app.addHook('onResponse', async (request) => {
    running.delete(request);
    done(request.raw.socket);
  });
  // Idle: no request in flight, and not already ending (an answer is still being flushed).
  const sweep = () => {
    for (const socket of sockets) {
      if (!busy.has(socket) && !socket.writableEnded) socket.destroy();
    }
  };
  return {
    async close(options = {}) {
      const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
      closing = true;
      const closed = app.close();
      const started = Date.now();
      sweep();
      while ((sockets.size > 0 || running.size > 0) && Date.now() - started < graceMs) {
        await new Promise((resolve) => setTimeout(resolve, SWEEP_MS));
        sweep();
      }
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
