import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Rules } from '../monitor/rules.js';
import type { Store } from '../monitor/store.js';
import type { LoginLimiter } from './login-limiter.js';
import type { Role } from './roles.js';
import type { Session, Sessions } from './sessions.js';
import type { StoreGate } from './store-gate.js';

/** What the routes share: the store, its gate, the sessions and the login limiter. */
export interface ServerContext {
  readonly store: Store;
  readonly gate: StoreGate;
  /** Rules for uploaded waves and the procedure's deadlines (`povrisk serve --rules`). */
  readonly rules: Rules;
  readonly sessions: Sessions;
  readonly limiter: LoginLimiter;
  /** Mark cookies `Secure` (when served over HTTPS, e.g. behind a TLS proxy). */
  readonly secureCookies: boolean;
}

/** Name of the session cookie (HttpOnly, SameSite=Strict). */
export const SESSION_COOKIE = 'povrisk_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in session; set on every route that is not public. */
    account?: Session;
  }
  /**
   * A route's own security settings, read by the guard (`guard.ts`) on every request that
   * reaches the route, whatever its URL spelling. A route needs a session unless it says
   * `public`; every POST, PUT, PATCH and DELETE is checked for Origin and, with a session,
   * for the CSRF token.
   */
  interface FastifyContextConfig {
    /** Route reachable without signing in (login, health, the OpenAPI document). */
    public?: boolean;
    /** File of the built web app: public, and cacheable by the browser. */
    webAsset?: boolean;
    /** Roles allowed on the route (others get 403); every signed-in role when absent. */
    roles?: readonly Role[];
  }
}

/** The request's session (routes behind the auth hook always have one). */
export function sessionOf(request: FastifyRequest): Session {
  if (!request.account) throw new Error('route reached without a session');
  return request.account;
}

/** A store acting as the signed-in user, so the event log names who did it. */
export function storeAs(ctx: ServerContext, request: FastifyRequest): Store {
  return Object.freeze({ ...ctx.store, user: sessionOf(request).username });
}

/** Sends `{ error }` with a status. */
export function fail(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).send({ error: message });
}
