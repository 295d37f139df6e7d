import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isUserError } from '../errors.js';
import { warn } from '../log.js';
import { messages } from '../messages.js';
import { DEFAULT_RULES, type Rules } from '../monitor/rules.js';
import type { Store } from '../monitor/store.js';
import { fail, SESSION_COOKIE, type ServerContext } from './context.js';
import { CSRF_HEADER, sameOrigin, tokenMatches, UNSAFE_METHODS } from './csrf.js';
import { createLoginLimiter, type LimiterOptions } from './login-limiter.js';
import type { DriverMeasures } from '../monitor/driver-measures.js';
import { registerAlertRoutes } from './routes/alerts.js';
import { registerCaseQueueRoutes } from './routes/case-queue.js';
import { registerCaseRoutes } from './routes/cases.js';
import { registerDocRoutes } from './routes/docs.js';
import { registerHouseholdRoutes } from './routes/households.js';
import { registerSessionRoutes } from './routes/session.js';
import { registerSummaryRoutes } from './routes/summary.js';
import { registerWaveRoutes, UPLOAD_LIMITS } from './routes/waves.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { sessionPersistence } from './session-store.js';
import { createSessions, type SessionOptions } from './sessions.js';
import { createStoreGate } from './store-gate.js';
import { validationMessage } from './validation-message.js';

/** The built dashboard (`vite build`), beside `dist/` and `src/`. */
export const WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * Options of `buildApp`. Defaults: the built web app at `WEB_ROOT` (API only when it is
 * missing), 30-minute idle and 8-hour absolute sessions, 5 failed sign-ins per user and
 * address per 15 minutes, cookies without `Secure` (set `secureCookies` behind HTTPS).
 */
export interface AppOptions {
  readonly webRoot?: string | null;
  readonly sessions?: SessionOptions;
  readonly limiter?: LimiterOptions;
  readonly secureCookies?: boolean;
  readonly logger?: boolean;
  /** Driver-to-measure mapping of the suggestions; default `DEFAULT_DRIVER_MEASURES`. */
  readonly driverMeasures?: DriverMeasures | undefined;
  /** Rules for waves uploaded through the dashboard and the procedure's deadlines. */
  readonly rules?: Rules;
}

/**
 * The dashboard server: the JSON API under `/api` and the web app at `/`, from one origin.
 * Every API route but login, health and the OpenAPI document needs a session; every
 * state-changing request must come from this origin and, once signed in, carry the CSRF
 * token. Accounts are the store's `users` table (a monitor migration). Call `listen` on the result.
 * @example const app = await buildApp(await openStore('povrisk.duckdb')); await app.listen({ port: 8080 })
 */
export async function buildApp(store: Store, options: AppOptions = {}): Promise<FastifyInstance> {
  const gate = createStoreGate();
  const kept = sessionPersistence(store, gate);
  const ctx: ServerContext = {
    store,
    gate,
    rules: options.rules ?? DEFAULT_RULES,
    sessions: createSessions({ ...options.sessions, persist: kept, restore: await kept.load() }),
    limiter: createLoginLimiter(options.limiter),
    secureCookies: options.secureCookies ?? false,
  };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024,
    schemaErrorFormatter: (errors, dataVar) => new Error(validationMessage(errors, dataVar)),
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: UPLOAD_LIMITS });
  app.addHook('onClose', () => kept.flush());

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (!request.url.startsWith('/api/')) return;
    reply.header('cache-control', 'no-store');
    const unsafe = UNSAFE_METHODS.has(request.method);
    if (unsafe && !sameOrigin(request.headers as Record<string, string | undefined>)) {
      return fail(reply, 403, messages.server.originRejected(String(request.headers.origin)));
    }
    if (request.routeOptions.config.public) return;
    const session = ctx.sessions.get(request.cookies[SESSION_COOKIE]);
    if (!session) return fail(reply, 401, messages.server.signInFirst());
    if (unsafe && !tokenMatches(request.headers[CSRF_HEADER], session.csrf)) {
      return fail(reply, 403, messages.server.csrfFailed());
    }
    request.account = session;
    const roles = request.routeOptions.config.roles;
    if (roles && !roles.includes(session.scope.role)) {
      return fail(reply, 403, messages.server.roleRefused(session.scope.role, roles));
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) return fail(reply, 400, error.message);
    if (isUserError(error as unknown)) return fail(reply, 400, error.message);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return fail(reply, error.statusCode, error.message);
    }
    request.log.error(error);
    warn(messages.internal(error.message.split('\n')[0]));
    return fail(reply, 500, messages.internal('see the server log'));
  });
  app.setNotFoundHandler((request, reply) =>
    fail(reply, 404, messages.server.notFound(request.url)),
  );

  registerDocRoutes(app);
  registerSessionRoutes(app, ctx);
  registerAlertRoutes(app, ctx);
  registerHouseholdRoutes(app, ctx, { mapping: options.driverMeasures });
  registerCaseQueueRoutes(app, ctx, { mapping: options.driverMeasures });
  registerSummaryRoutes(app, ctx);
  registerCaseRoutes(app, ctx);
  registerWaveRoutes(app, ctx);

  const webRoot = options.webRoot === undefined ? WEB_ROOT : options.webRoot;
  if (webRoot !== null && existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', index: 'index.html' });
  } else if (webRoot !== null) {
    warn(messages.server.webNotBuilt(webRoot));
  }
  return app;
}
