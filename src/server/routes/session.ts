import type { FastifyInstance } from 'fastify';
import { messages } from '../../messages.js';
import { logEvent } from '../../monitor/events.js';
import { fail, SESSION_COOKIE, sessionOf, type ServerContext } from '../context.js';
import { CSRF_COOKIE } from '../csrf.js';
import { REQUEST_SCHEMAS } from '../openapi.js';
import { DUMMY_HASH, verifyPassword } from '../passwords.js';
import { scopeOf } from '../scope.js';
import type { Session } from '../sessions.js';
import { findAccount } from '../users.js';

const accountView = (s: Session) => ({
  username: s.username,
  role: s.scope.role,
  county: s.scope.county,
  township: s.scope.township,
  village: s.scope.village,
  csrf_token: s.csrf,
});

/**
 * `POST /api/login`, `POST /api/logout`, `GET /api/me`. Failed sign-ins are counted by the
 * limiter (429 with Retry-After once over the limit); a success starts a fresh session.
 * @example registerSessionRoutes(app, ctx)
 */
export function registerSessionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const cookie = { path: '/', sameSite: 'strict' as const, secure: ctx.secureCookies };
  app.post<{ Body: { username: string; password: string } }>(
    '/api/login',
    { schema: { body: REQUEST_SCHEMAS.login }, config: { public: true } },
    async (request, reply) => {
      const { username, password } = request.body;
      const wait = ctx.limiter.retryAfter(request.ip, username);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        return fail(reply, 429, messages.server.loginLimited(wait));
      }
      const account = await ctx.gate.read(() => findAccount(ctx.store.connection, username));
      const ok = await verifyPassword(password, account?.password_hash ?? DUMMY_HASH);
      if (!account || !ok) {
        ctx.limiter.fail(request.ip, username);
        return fail(reply, 401, messages.server.loginFailed());
      }
      ctx.limiter.succeed(request.ip, username);
      ctx.sessions.destroy(request.cookies[SESSION_COOKIE]);
      const session = ctx.sessions.create(username, scopeOf(account));
      await ctx.gate.write(
        () =>
          logEvent(ctx.store.connection, username, {
            action: 'login',
            entity: 'user',
            entityId: username,
          }),
        { keepCache: true },
      );
      reply.setCookie(SESSION_COOKIE, session.id, { ...cookie, httpOnly: true });
      reply.setCookie(CSRF_COOKIE, session.csrf, cookie);
      return accountView(session);
    },
  );
  app.post('/api/logout', async (request, reply) => {
    ctx.sessions.destroy(sessionOf(request).id);
    reply.clearCookie(SESSION_COOKIE, cookie).clearCookie(CSRF_COOKIE, cookie);
    return reply.code(204).send();
  });
  app.get('/api/me', async (request) => accountView(sessionOf(request)));
}
