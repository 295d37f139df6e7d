import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { Ajv } from 'ajv';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isUserError } from '../errors.js';
import { userMessage } from './field-name.js';
import { warn } from '../log.js';
import { messages } from '../messages.js';
import { DEFAULT_RULES, type Rules } from '../monitor/rules.js';
import type { Store } from '../monitor/store.js';
import { fail, type ServerContext } from './context.js';
import { installGuard } from './guard.js';
import { createLoginLimiter, type LimiterOptions } from './login-limiter.js';
import type { DriverMeasures } from '../monitor/driver-measures.js';
import { registerAlertRoutes } from './routes/alerts.js';
import { registerCaseQueueRoutes } from './routes/case-queue.js';
import { registerCaseRoutes } from './routes/cases.js';
import { registerDocRoutes } from './routes/docs.js';
import { registerEventRoutes } from './routes/events.js';
import { registerHouseholdRoutes } from './routes/households.js';
import { registerSessionRoutes } from './routes/session.js';
import { registerSummaryRoutes } from './routes/summary.js';
import { registerWaveRoutes, UPLOAD_LIMITS } from './routes/waves.js';
import { listenForChanges } from './change-listener.js';
import { gracefulClose } from './graceful-close.js';
import { sessionPersistence } from './session-store.js';
import { createSessions, type SessionOptions } from './sessions.js';
import { createStoreGate } from './store-gate.js';
import { validationMessage } from './validation-message.js';

/** The built dashboard (`vite build`), beside `dist/` and `src/`. */
export const WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * Options of `buildApp`. Defaults: the built web app at `WEB_ROOT` (API only when it is
 * missing), 30-minute idle and 8-hour absolute sessions, the login limiter's defaults,
 * cookies without `Secure` (set `secureCookies` behind HTTPS), no extra allowed host names
 * (the bound address and localhost only), no trusted proxy (`X-Forwarded-For` ignored),
 * a 64 MB answer cache.
 */
export interface AppOptions {
  readonly webRoot?: string | null;
  readonly sessions?: SessionOptions;
  readonly limiter?: LimiterOptions;
  readonly secureCookies?: boolean;
  readonly logger?: boolean;
  /** Driver-to-measure mapping of the suggestions; default `DEFAULT_DRIVER_MEASURES`. */
  readonly driverMeasures?: DriverMeasures | undefined;
  /** Host names served besides the bound address and localhost (others get 421). */
  readonly allowedHosts?: readonly string[];
  /** Proxies (addresses or CIDR ranges) whose `X-Forwarded-For` gives the client's address. */
  readonly trustProxy?: readonly string[];
  /** Bytes of cached answers kept at most. */
  readonly cacheBytes?: number;
  /** Rules for waves uploaded through the dashboard and the procedure's deadlines. */
  readonly rules?: Rules;
}

/**
 * Ajv for bodies: JSON already has types, so none is coerced (`null`, `true` or `123` where a
 * number or text is expected is refused). Paths and query strings are text by nature: their
 * numbers are converted, then checked for range (which refuses `Infinity` and `1e20`).
 */
const bodyAjv = new Ajv({ coerceTypes: false, useDefaults: true, allowUnionTypes: true });
const textAjv = new Ajv({ coerceTypes: true, useDefaults: true, allowUnionTypes: true });

/**
 * The dashboard server: the JSON API under `/api` and the web app at `/`, from one origin.
 * Every route needs a session unless its config says `public` (login, health, the OpenAPI
 * document) or it serves the web app's files; every state-changing request must come from
 * this origin and, once signed in, carry the CSRF token (see `installGuard`). Accounts are the store's `users` table (a monitor migration). Call `listen` on the result.
 * @example const app = await buildApp(await openStore('povrisk.duckdb')); await app.listen({ port: 8080 })
 */
export async function buildApp(store: Store, options: AppOptions = {}): Promise<FastifyInstance> {
  // A PostgreSQL store is shared by several processes: any of them may write, so cached
  // answers are dropped at every change committed anywhere (LISTEN/NOTIFY) and sessions are
  // read from the store.
  const shared = store.db.dialect === 'postgres';
  const gate = createStoreGate({ maxBytes: options.cacheBytes });
  const stopListening = await listenForChanges(store, () => gate.clear());
  const kept = sessionPersistence(store, gate);
  const ctx: ServerContext = {
    store,
    gate,
    rules: options.rules ?? DEFAULT_RULES,
    sessions: createSessions({
      ...options.sessions,
      persist: kept,
      restore: await kept.load(),
      shared: shared ? (hash) => kept.lookup(hash) : undefined,
    }),
    limiter: createLoginLimiter(options.limiter),
    secureCookies: options.secureCookies ?? false,
  };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024,
    schemaErrorFormatter: (errors, dataVar) => new Error(validationMessage(errors, dataVar)),
    trustProxy:
      options.trustProxy && options.trustProxy.length > 0 ? [...options.trustProxy] : false,
  });
  app.decorate('closeGracefully', gracefulClose(app).close);
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? bodyAjv : textAjv).compile(schema),
  );
  await app.register(fastifyCookie);
  installGuard(app, ctx, { allowedHosts: options.allowedHosts });
  await app.register(fastifyMultipart, { limits: UPLOAD_LIMITS });
  app.addHook('onClose', () => kept.flush());

  app.addHook('onClose', async () => stopListening());
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) return fail(reply, 400, error.message);
    if (isUserError(error as unknown)) {
      return fail(reply, error.statusCode === 409 ? 409 : 400, userMessage(error));
    }
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
  registerEventRoutes(app, ctx);
  registerCaseRoutes(app, ctx);
  registerWaveRoutes(app, ctx);

  const webRoot = options.webRoot === undefined ? WEB_ROOT : options.webRoot;
  if (webRoot !== null && existsSync(webRoot)) {
    await app.register(async (web) => {
      web.addHook('onRoute', (route) => {
        route.config = { ...(route.config as object), webAsset: true };
      });
      await web.register(fastifyStatic, { root: webRoot, prefix: '/', index: 'index.html' });
    });
  } else if (webRoot !== null) {
    warn(messages.server.webNotBuilt(webRoot));
  }
  return app;
}
