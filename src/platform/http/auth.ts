import { timingSafeEqual } from 'node:crypto';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, newContext } from '../context.js';
import { AppError } from '../errors.js';
import { inBudget } from './admission.js';
import { clientAddress } from './client-address.js';

export const SESSION_COOKIE = 'payung_session';
export const CSRF_HEADER = 'x-csrf-token';

/** A signed-in browser's session: who, and the token its changes must carry in a header. */
export interface Session {
  actor: Actor;
  csrfToken: string;
}

/**
 * Who a credential belongs to. The access module implements it (users, sessions, API tokens); the
 * platform only asks.
 */
export interface Authenticator<S extends Session = Session> {
  /** The actor of an API token, or null when it is unknown, expired or revoked. */
  apiToken(token: string, now: Date): Promise<Actor | null>;
  /** The session of a session cookie's token, or null when it is unknown or expired. */
  session(token: string, now: Date): Promise<S | null>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The access module's session (the full `SessionInfo`); the platform reads only `Session`. */
    session: Session | null;
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
export function authenticate(auth: Authenticator) {
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
      actor = await inBudget(req, () => auth.apiToken(authz.slice(7).trim(), now));
      if (!actor) throw new AppError('UNAUTHENTICATED', 'Token API tidak valid, kedaluwarsa, atau dicabut.');
    } else {
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        req.session = await inBudget(req, () => auth.session(token, now));
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

/** Compares two secrets in time that does not depend on where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
