import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../app.js';
import type { SessionInfo } from '../../modules/access/auth.service.js';
import { safeEqual } from '../../modules/access/tokens.js';
import { newContext } from '../context.js';
import { AppError } from '../errors.js';
import { inBudget } from './admission.js';
import { clientAddress } from './client-address.js';

export const SESSION_COOKIE = 'payung_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionInfo | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (rate-limited instead). */
    public?: boolean;
  }
}

export function sessionCookieOptions(req: FastifyRequest, idleHours: number): CookieSerializeOptions {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    // Behind HTTPS (directly or via a proxy that says so) the cookie never travels in clear.
    secure: req.protocol === 'https',
    maxAge: idleHours * 3600,
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves who is calling: an API token (`Authorization: Bearer pyg_…`) for machine clients, otherwise
 * the session cookie. Cookie-authenticated changes must carry the session's CSRF token in a header,
 * which another site cannot read or send. Anonymous calls to non-public routes get 401.
 */
export function authenticate(app: App) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const now = new Date();
    req.session = null;
    // Only the API needs a caller; the web app's files, the API docs, unmatched paths and health do
    // not, and are answered without the database (which may be busy with an import).
    const url = req.routeOptions.url;
    if (!url?.startsWith('/api/v1/') || req.routeOptions.config?.noCaller) return;
    const isPublic = req.routeOptions.config?.public === true;
    const authz = req.headers.authorization;
    let actor = null;
    if (authz?.startsWith('Bearer ')) {
      actor = await inBudget(req, () => app.auth.apiToken(authz.slice(7).trim(), now));
      if (!actor) throw new AppError('UNAUTHENTICATED', 'Token API tidak valid, kedaluwarsa, atau dicabut.');
    } else {
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        req.session = await inBudget(req, () => app.auth.session(token, now));
        if (!req.session) reply.clearCookie(SESSION_COOKIE, { path: '/' });
        actor = req.session?.actor ?? null;
        if (req.session && !SAFE_METHODS.has(req.method) && !isPublic) {
          const sent = req.headers[CSRF_HEADER];
          if (typeof sent !== 'string' || !safeEqual(sent, req.session.csrfToken)) {
            throw new AppError(
              'CSRF_INVALID',
              'Token keamanan (CSRF) tidak ada atau tidak cocok. Muat ulang halaman lalu coba lagi.',
            );
          }
        }
      }
    }
    if (!actor) {
      if (!isPublic) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu.');
      return;
    }
    req.ctx = newContext(actor, now, req.id, clientAddress(req));
  };
}
