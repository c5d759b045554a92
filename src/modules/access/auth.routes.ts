import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app.js';
import { LoginRequest, Me, PasswordChange } from '../../contracts/access.js';
import { ErrorBody } from '../../contracts/common.js';
import { newContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../../platform/http/auth.js';
import { clientAddress } from '../../platform/http/client-address.js';
import type { SessionInfo } from './auth.service.js';
import { permissionsOf } from './policy.js';
import { presentUser } from './users.service.js';

/** The request's session as the access module made it (the platform sees only its `Session` part). */
const sessionOf = (req: FastifyRequest) => req.session as SessionInfo | null;

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 422: ErrorBody, 429: ErrorBody };

export function authRoutes(app: App, limits: { login: number }): FastifyPluginAsyncZod {
  return async (r) => {
    r.post(
      '/auth/login',
      {
        config: { public: true, rateLimit: { max: limits.login, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with e-mail and password; sets the session cookie',
          body: LoginRequest,
          response: { 200: Me, ...errors },
        },
      },
      async (req, reply) => {
        const { email, password } = req.body;
        const { token, csrfToken, user } = await app.auth.login(email, password, {
          now: new Date(),
          requestId: req.id,
          origin: clientAddress(req),
        });
        reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(req, app.auth.settings.idleHours));
        return { user: presentUser(user, app.catalog), permissions: permissionsOf(user.role), csrfToken };
      },
    );
    r.post(
      '/auth/logout',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: 'Sign out (ends the session)',
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        const session = sessionOf(req);
        if (session) await app.auth.logout(session.tokenHash);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );
    r.get(
      '/auth/me',
      {
        schema: {
          tags: ['auth'],
          summary: 'Who is signed in, with role, scope and permissions',
          response: { 200: Me, ...errors },
        },
      },
      async (req) => {
        const user =
          sessionOf(req)?.user ??
          (await app.users.findByEmail(req.ctx.actor.label.replace(/ \(token\)$/, '')));
        if (!user) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu.');
        return {
          user: { ...presentUser(user, app.catalog), regionCodes: req.ctx.actor.regionCodes },
          permissions: permissionsOf(user.role),
          csrfToken: sessionOf(req)?.csrfToken ?? null,
        };
      },
    );
    r.post(
      '/auth/password',
      {
        schema: {
          tags: ['auth'],
          summary: 'Change own password (other sessions end)',
          body: PasswordChange,
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await app.auth.changePassword(
          newContext(req.ctx.actor, req.ctx.now, req.id, clientAddress(req)),
          req.body.currentPassword,
          req.body.newPassword,
          sessionOf(req)?.tokenHash,
        );
        return reply.status(204).send(null);
      },
    );
  };
}
