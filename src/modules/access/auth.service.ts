import { isWithin } from '../../domain/regions.js';
import type { Actor, ServiceContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { dbFor, inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { createSignInThrottle } from './sign-in-throttle.js';
import { API_TOKEN_PREFIX, newSecret, sha256 } from './tokens.js';
import { createUsersRepo, type UserRow } from './users.repo.js';

export interface AuthSettings {
  /** First delay after a failed sign-in; doubles with each further failure up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures from one client address that hold sign-in for that e-mail from that address, and for how long. */
  lockAfter: number;
  lockMinutes: number;
  /** Failures for one e-mail from all addresses together after which every failed answer is slowest. */
  accountSlowAfter: number;
  /** A session ends after this long without use. */
  idleHours: number;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  lockAfter: 5,
  lockMinutes: 15,
  accountSlowAfter: 20,
  idleHours: 12,
};

export function actorOf(
  user: Pick<UserRow, 'id' | 'email' | 'role' | 'region_codes' | 'sponsor_id'>,
  regionCodes?: string[],
): Actor {
  return {
    id: user.id,
    kind: 'user',
    label: user.email,
    role: user.role,
    regionCodes: regionCodes ?? user.region_codes,
    // A sponsor officer acts for its sponsor (only that role has one: users.service.ts).
    sponsorIds: user.sponsor_id ? [user.sponsor_id] : [],
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The one answer to every failed sign-in: unknown e-mail, inactive user, wrong password, or an address held
 * after too many failures. The same status and words, so the answer never tells which e-mails exist.
 */
export function invalidCredentials(settings: Pick<AuthSettings, 'lockAfter' | 'lockMinutes'>): AppError {
  return new AppError(
    'UNAUTHENTICATED',
    `E-mail atau kata sandi salah. Setelah ${settings.lockAfter} kali gagal, masuk dengan e-mail ini dari alamat jaringan yang sama ditahan ${settings.lockMinutes} menit.`,
  );
}

export interface SessionInfo {
  actor: Actor;
  user: UserRow;
  csrfToken: string;
  tokenHash: string;
}

export function createAuthService(deps: { db: Database; settings?: Partial<AuthSettings> }) {
  const { db } = deps;
  const settings = { ...DEFAULT_AUTH_SETTINGS, ...deps.settings };
  const users = createUsersRepo(db);
  /** The repository on the call's transaction, if it runs in one. */
  const usersFor = (ctx: Pick<ServiceContext, 'tx'>) => createUsersRepo(dbFor(db, ctx));
  const idleMs = settings.idleHours * 3_600_000;
  const throttle = createSignInThrottle(settings);
  const remembered = rememberedSessions(db.kind === 'pglite');

  return {
    settings,

    /**
     * Password sign-in. Every attempt costs one password-hash check, whatever the outcome, and every
     * failure gets the same answer (see sign-in-throttle.ts for what slows and holds guessing).
     */
    async login(email: string, password: string, ctx: Omit<ServiceContext, 'actor'>) {
      const typed = email.trim();
      // Reserved before the first await: parallel guesses are counted before any is evaluated.
      const attempt = throttle.reserve(typed, ctx.origin ?? 'unknown', ctx.now.getTime());
      try {
        const user = await users.findByEmail(typed);
        const usable = attempt !== null && user?.is_active === true;
        const matches = await verifyPassword(usable ? user.password_hash : await dummyHash(), password);
        if (!(usable && matches)) {
          const outcome = attempt?.fail(ctx.now.getTime());
          const reason = !attempt
            ? 'held'
            : !user
              ? 'unknown_email'
              : !user.is_active
                ? 'inactive'
                : 'wrong_password';
          await recordAudit(
            db,
            {
              ...ctx,
              actor: user
                ? actorOf(user)
                : { id: 'anonymous', label: typed.slice(0, 120), role: 'anonymous' },
            },
            {
              action: outcome?.held ? 'auth.locked' : 'auth.login_failed',
              entityType: 'user',
              ...(user ? { entityId: user.id } : {}),
              details: { reason, ...(outcome ? { failures: outcome.failures } : {}) },
            },
          );
          const failures = outcome?.failures ?? settings.lockAfter;
          const slowest = !attempt || attempt.accountUnderAttack;
          await sleep(
            slowest
              ? settings.maxDelayMs
              : Math.min(settings.baseDelayMs * 2 ** (failures - 1), settings.maxDelayMs),
          );
          throw invalidCredentials(settings);
        }
        attempt.succeed();
        const token = newSecret();
        const csrfToken = newSecret();
        await users.insertSession({
          token_hash: sha256(token),
          user_id: user.id,
          csrf_token: csrfToken,
          expires_at: new Date(ctx.now.getTime() + idleMs),
          last_seen_at: ctx.now,
          ip: ctx.origin ?? null,
        });
        await recordAudit(
          db,
          { ...ctx, actor: actorOf(user) },
          { action: 'auth.login', entityType: 'user', entityId: user.id },
        );
        return { token, csrfToken, user };
      } finally {
        attempt?.release();
      }
    },

    async session(token: string, now: Date): Promise<SessionInfo | null> {
      const tokenHash = sha256(token);
      const known = remembered.get(tokenHash, now);
      if (known) return known;
      const generation = remembered.generation();
      const s = await users.findSession(tokenHash);
      if (!s) return null;
      if (s.expires_at <= now) {
        await users.deleteSession(tokenHash);
        return null;
      }
      const user = await users.findById(s.user_id);
      if (!user?.is_active) return null;
      // Sliding expiry, written at most once a minute.
      if (now.getTime() - s.last_seen_at.getTime() > 60_000) {
        await users.touchSession(tokenHash, now, new Date(now.getTime() + idleMs));
      }
      const info = { actor: actorOf(user), user, csrfToken: s.csrf_token, tokenHash };
      remembered.set(info, s.expires_at, now, generation);
      return info;
    },

    /** Sessions or users changed (sign-out, password, role, scope, status): nothing remembered holds. */
    forgetSessions(): void {
      remembered.forget();
    },

    async apiToken(token: string, now: Date): Promise<Actor | null> {
      if (!token.startsWith(API_TOKEN_PREFIX)) return null;
      const t = await users.findToken(sha256(token));
      if (!t || t.revoked_at || (t.expires_at && t.expires_at <= now)) return null;
      const user = await users.findById(t.user_id);
      if (!user?.is_active) return null;
      await users.touchToken(t.id, now);
      // A token's scope can only narrow its user's.
      const scope = t.region_codes
        ? t.region_codes.filter((c) => isWithin(c, user.region_codes))
        : user.region_codes;
      return { ...actorOf(user, scope), id: user.id, label: `${user.email} (token)` };
    },

    async logout(tokenHash: string): Promise<void> {
      await users.deleteSession(tokenHash);
      remembered.forget();
    },

    async changePassword(
      ctx: ServiceContext,
      currentPassword: string,
      newPassword: string,
      keepTokenHash?: string,
    ) {
      const user = await usersFor(ctx).findById(ctx.actor.id);
      if (!user) throw new AppError('UNAUTHENTICATED', 'Silakan masuk kembali.');
      if (!(await verifyPassword(user.password_hash, currentPassword))) {
        await sleep(settings.baseDelayMs);
        throw new AppError('VALIDATION_FAILED', 'Kata sandi lama salah.', {
          issues: [{ path: ['currentPassword'], code: 'PASSWORD_WRONG', message: 'Kata sandi lama salah.' }],
        });
      }
      const problem = passwordProblem(newPassword, user.email, user.full_name);
      if (problem) {
        throw new AppError('VALIDATION_FAILED', problem, {
          issues: [{ path: ['newPassword'], code: 'PASSWORD_WEAK', message: problem }],
        });
      }
      const hash = await hashPassword(newPassword);
      await inTransaction(db, ctx, async (txCtx) => {
        const txUsers = usersFor(txCtx);
        await txUsers.setPassword(user.id, hash, ctx.now);
        // Other sessions end: whoever knew the old password is signed out.
        await txUsers.deleteSessionsOf(user.id, keepTokenHash);
        await recordAudit(db, txCtx, {
          action: 'auth.password_changed',
          entityType: 'user',
          entityId: user.id,
        });
      });
      remembered.forget();
    },

    /** A new API token for a user (in the caller's transaction, if any); the secret is shown once. */
    async createApiToken(
      ctx: ServiceContext,
      t: { userId: string; name: string; regionCodes: string[] | null; expiresAt: Date | null },
    ) {
      const token = newSecret(API_TOKEN_PREFIX);
      const id = await usersFor(ctx).insertToken({
        token_hash: sha256(token),
        name: t.name,
        user_id: t.userId,
        region_codes: t.regionCodes,
        expires_at: t.expiresAt,
      });
      return { id, token };
    },

    /** Ends an API token (in the caller's transaction, if any); revoking a revoked one changes nothing. */
    async revokeApiToken(ctx: ServiceContext, tokenId: string): Promise<void> {
      await usersFor(ctx).revokeToken(tokenId, ctx.now);
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;

/**
 * Sessions checked recently, kept in memory on PGlite only. There one process owns the database (the
 * folder lock), so every change to `users` and `sessions` goes through this process and forgets what
 * is remembered; a signed-in person's requests that need nothing else from the database (an import's
 * progress, read from memory) are then answered while an import's transaction holds PGlite's one
 * connection. A lookup that began before a change is not remembered after it (the generation).
 * On PostgreSQL several servers may share the database, so every request asks it.
 */
function rememberedSessions(isEnabled: boolean) {
  const LIMIT = 10_000;
  const KEPT_MS = 5 * 60_000;
  const entries = new Map<string, { info: SessionInfo; expiresAt: number; until: number }>();
  let generation = 0;
  return {
    generation: () => generation,
    get(tokenHash: string, now: Date): SessionInfo | null {
      const e = entries.get(tokenHash);
      if (!e) return null;
      if (e.until <= now.getTime() || e.expiresAt <= now.getTime()) {
        entries.delete(tokenHash);
        return null;
      }
      return e.info;
    },
    set(info: SessionInfo, expiresAt: Date, now: Date, since: number) {
      if (!isEnabled || since !== generation) return;
      if (entries.size >= LIMIT) entries.clear();
      entries.set(info.tokenHash, { info, expiresAt: expiresAt.getTime(), until: now.getTime() + KEPT_MS });
    },
    forget() {
      generation++;
      entries.clear();
    },
  };
}
