import type { AccountAnswer } from '../../domain/dashboard-answers.js';
import type { FastifyInstance } from 'fastify';
import { messages } from '../../messages.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { audit } from '../audit.js';
import { fail, SESSION_COOKIE, sessionOf, type ServerContext } from '../context.js';
import { CSRF_COOKIE } from '../csrf.js';
import { REQUEST_SCHEMAS } from '../openapi.js';
import { DUMMY_HASH, verifyPassword } from '../passwords.js';
import { scopeOf } from '../scope.js';
import type { Session } from '../sessions.js';
import { findAccount } from '../users.js';

const accountView = (s: Session): AccountAnswer => ({
  username: s.username,
  role: s.scope.role,
  county: s.scope.county,
  township: s.scope.township,
  village: s.scope.village,
  csrf_token: s.csrf,
});

/**
 * `POST /api/login`, `POST /api/logout`, `GET /api/me`. Failed sign-ins are counted by the
 * limiter: a locked account answers 429 with Retry-After; an address under attack waits the
 * limiter's delay, then signs in with the right password or answers 429. A success starts a
 * fresh session. Sign-ins, failures (with the address), refusals of a locked account and
 * sign-outs are logged.
 * @example registerSessionRoutes(app, ctx)
 */
export function registerSessionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const cookie = { path: '/', sameSite: 'strict' as const, secure: ctx.secureCookies };
  app.post<{ Body: { username: string; password: string } }>(
    '/api/login',
    { schema: { body: REQUEST_SCHEMAS.login }, config: { public: true } },
    async (request, reply) => {
      const { username, password } = request.body;
      const address = request.ip;
      const locked = ctx.limiter.accountLocked(username);
      if (locked > 0) {
        await audit(ctx, username, {
          action: 'login locked',
          entity: 'user',
          entityId: username,
          after: { address, retry_after_s: locked },
        });
        reply.header('retry-after', String(locked));
        return fail(reply, 429, messages.server.loginLimited(locked));
      }
      const limited = ctx.limiter.addressLimited(address);
      if (limited > 0) await sleep(ctx.limiter.delayMs);
      const account = await ctx.gate.read(() => findAccount(ctx.store.db, username));
      const ok = await verifyPassword(password, account?.password_hash ?? DUMMY_HASH);
      if (!account || !ok) {
        ctx.limiter.fail(address, username, account ? 'known' : 'unknown');
        await audit(ctx, username, {
          action: 'login failed',
          entity: 'user',
          entityId: username,
          after: { address, known_user: account !== null, address_limited: limited > 0 },
        });
        if (limited > 0) {
          reply.header('retry-after', String(limited));
          return fail(reply, 429, messages.server.loginLimited(limited));
        }
        return fail(reply, 401, messages.server.loginFailed());
      }
      ctx.limiter.succeed(username);
      ctx.sessions.destroy(request.cookies[SESSION_COOKIE]);
      const session = ctx.sessions.create(username, scopeOf(account));
      // Other server processes on the store accept the session once it is written.
      await ctx.sessions.settled();
      await audit(ctx, username, {
        action: 'login',
        entity: 'user',
        entityId: username,
        after: { address },
      });
      reply.setCookie(SESSION_COOKIE, session.id, { ...cookie, httpOnly: true });
      reply.setCookie(CSRF_COOKIE, session.csrf, cookie);
      return accountView(session);
    },
  );
  app.post('/api/logout', async (request, reply) => {
    const me = sessionOf(request);
    ctx.sessions.destroy(me.id);
    // Other server processes on the store refuse the session once its removal is written.
    await ctx.sessions.settled();
    await audit(ctx, me.username, {
      action: 'logout',
      entity: 'user',
      entityId: me.username,
      after: { address: request.ip },
    });
    reply.clearCookie(SESSION_COOKIE, cookie).clearCookie(CSRF_COOKIE, cookie);
    return reply.code(204).send();
  });
  app.get('/api/me', async (request) => accountView(sessionOf(request)));
}
