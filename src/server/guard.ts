import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { messages } from '../messages.js';
import { hostAllowed, hostName } from './allowed-hosts.js';
import { fail, SESSION_COOKIE, type ServerContext } from './context.js';
import { controlInUrl, controlInValue } from './control-chars.js';
import { CSRF_HEADER, sameOrigin, tokenMatches, UNSAFE_METHODS } from './csrf.js';
import { SECURITY_HEADERS } from './security-headers.js';

/** Options of `installGuard`. Default: no host names beyond the bound address and localhost. */
export interface GuardOptions {
  readonly allowedHosts?: readonly string[];
}

/** A route as registered: method, URL pattern and its security config. */
export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
  readonly public: boolean;
  readonly roles: readonly string[] | null;
}

interface RouteSeen {
  readonly method: string | string[];
  readonly url: string;
  readonly config?: unknown;
}
const ROUTES = new WeakMap<FastifyInstance, RouteSeen[]>();

/**
 * Every route registered after `installGuard` (web app files excepted), with its security
 * config: what a test walks to check that none is reachable without its checks.
 * @example registeredRoutes(app).filter((r) => !r.public)
 */
export function registeredRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  return (ROUTES.get(app) ?? []).flatMap((route) => {
    const config = (route.config ?? {}) as {
      public?: boolean;
      webAsset?: boolean;
      roles?: string[];
    };
    if (config.webAsset) return [];
    return [route.method].flat().map((method) => ({
      method,
      url: route.url,
      public: Boolean(config.public),
      roles: config.roles ?? null,
    }));
  });
}

/** The first field holding a non-finite number (±Infinity, NaN), as `query.limit`; else null. */
function nonFiniteIn(value: unknown, where: string, depth = 0): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : where;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  for (const [k, v] of Object.entries(value)) {
    const found = nonFiniteIn(v, `${where}.${k}`, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** The authority of an absolute-form request target (`GET http://host/path`), else undefined. */
const absoluteAuthority = (url: string): string | undefined =>
  /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url)?.[1];

/**
 * Installs the one guard every request passes, after the router has chosen the route, so it
 * sees the route the request will reach whatever the URL's spelling (percent-escapes,
 * absolute-form request lines). In order: the Host (and an absolute-form authority) must be
 * allowed (421); the target must hold no control character (400); POST, PUT, PATCH and DELETE
 * must come from this origin (403); then, unless the route's config says `public`, a live
 * session (401), a role among the route's `roles` (403) and, on a state-changing request, the
 * session's CSRF token (403). JSON bodies with control characters are refused (400) before
 * their schema runs.
 * @example installGuard(app, ctx, { allowedHosts: ['monitor.example.org'] })
 */
export function installGuard(
  app: FastifyInstance,
  ctx: ServerContext,
  options: GuardOptions = {},
): void {
  const allowed = (options.allowedHosts ?? []).map((h) => hostName(h) ?? h.toLowerCase());
  const routes: RouteSeen[] = [];
  ROUTES.set(app, routes);
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    reply.headers(SECURITY_HEADERS);
    const config = request.routeOptions.config;
    if (!config.webAsset) reply.header('cache-control', 'no-store');
    const local = request.socket.localAddress;
    const authority = absoluteAuthority(request.raw.url ?? '');
    for (const host of authority === undefined
      ? [request.headers.host]
      : [request.headers.host, authority]) {
      if (!hostAllowed(host, local, allowed)) {
        return fail(reply, 421, messages.server.hostRefused(String(host).slice(0, 100)));
      }
    }
    const bad = controlInUrl(request.raw.url ?? '');
    if (bad !== null) return fail(reply, 400, messages.server.controlChars(bad));
    const unsafe = UNSAFE_METHODS.has(request.method);
    if (unsafe && !sameOrigin(request.headers as Record<string, string | undefined>)) {
      return fail(reply, 403, messages.server.originRejected(String(request.headers.origin)));
    }
    if (config.public || config.webAsset) return;
    const session = await ctx.sessions.find(request.cookies[SESSION_COOKIE]);
    if (!session) return fail(reply, 401, messages.server.signInFirst());
    if (config.roles && !config.roles.includes(session.scope.role)) {
      return fail(reply, 403, messages.server.roleRefused(session.scope.role, config.roles));
    }
    if (unsafe && !tokenMatches(request.headers[CSRF_HEADER], session.csrf)) {
      return fail(reply, 403, messages.server.csrfFailed());
    }
    request.account = session;
  });
  app.addHook('preValidation', async (request, reply) => {
    // JSON only: a route with its own content parser (an upload) checks its raw body itself.
    const json = /^application\/json\b/i.test(String(request.headers['content-type'] ?? ''));
    const bad = json ? controlInValue(request.body, 'body') : null;
    if (bad !== null) return fail(reply, 400, messages.server.controlChars(bad));
    if (request.routeOptions.config.webAsset) return;
    // A route without a query or JSON body schema takes none: nothing arrives unvalidated.
    const schema = request.routeOptions.schema ?? {};
    const query = request.query as Record<string, unknown> | null;
    const extra = schema.querystring ? undefined : Object.keys(query ?? {})[0];
    if (extra !== undefined) {
      return fail(reply, 400, messages.server.badField(`query.${extra}`, 'is not a known field'));
    }
    const body = request.body as unknown;
    const empty =
      !json ||
      body === undefined ||
      body === null ||
      (typeof body === 'object' && Object.keys(body as object).length === 0);
    if (!schema.body && !empty) {
      return fail(reply, 400, messages.server.badField('body', 'this endpoint takes no body'));
    }
  });
  // Ajv lets ±Infinity (from `limit=Infinity`) through `integer`, `minimum` and `maximum`.
  app.addHook('preHandler', async (request, reply) => {
    for (const [part, value] of [
      ['params', request.params],
      ['query', request.query],
      ['body', request.body],
    ] as const) {
      const field = nonFiniteIn(value, part);
      if (field !== null)
        return fail(reply, 400, messages.server.badField(field, 'must be a finite number'));
    }
  });
}
