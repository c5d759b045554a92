import type { User, UserCreate } from '../../contracts/access.js';
import type { RegionCatalog } from '../../contracts/regions.js';
import { isWithin } from '../../domain/regions.js';
import type { Role, ServiceContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { isUniqueViolation } from '../../platform/db/sql.js';
import { dbFor, inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import type { AuthService } from './auth.service.js';
import { hashPassword, passwordProblem, temporaryPassword } from './passwords.js';
import { authorize, ROLE_LABELS, SCOPE_LEVELS } from './policy.js';
import { createUsersRepo, type UserRow } from './users.repo.js';
import { usersScope } from './users.scope.js';

export function presentUser(u: UserRow, catalog: RegionCatalog): User {
  return {
    id: u.id,
    email: u.email,
    fullName: u.full_name,
    role: u.role,
    roleLabel: ROLE_LABELS[u.role],
    regionCodes: u.region_codes,
    scopeLabel: u.region_codes.map((c) => catalog.get(c)?.name ?? c).join(', '),
    sponsorId: u.sponsor_id,
    sponsorName: u.sponsor_id ? (u.sponsor_name ?? null) : null,
    isActive: u.is_active,
    createdAt: u.created_at.toISOString(),
  };
}

/** What the audit trail keeps of a user: never the password hash. */
const auditView = (u: UserRow) => ({
  email: u.email,
  fullName: u.full_name,
  role: u.role,
  regionCodes: u.region_codes,
  sponsorId: u.sponsor_id,
  isActive: u.is_active,
});

export function createUserService(deps: {
  db: Database;
  catalog: RegionCatalog;
  provinceCode: string;
  auth: AuthService;
}) {
  const { db, catalog, provinceCode, auth } = deps;
  /** The repository on the call's transaction, if it runs in one. */
  const repoFor = (ctx: ServiceContext) => createUsersRepo(dbFor(db, ctx));

  /** A user the actor may manage, by id; 404 for one outside its scope, as for one that does not exist. */
  async function managedUser(ctx: ServiceContext, id: string): Promise<UserRow> {
    const user = /^[0-9a-f-]{36}$/i.test(id) ? await repoFor(ctx).findById(id) : null;
    if (!user || !usersScope(ctx.actor).allows(user)) {
      throw new AppError('USER_NOT_FOUND', 'Pengguna tidak ditemukan.');
    }
    return user;
  }

  function checkScope(ctx: ServiceContext, role: Role, codes: string[]) {
    const issues: { path: string[]; code: string; message: string }[] = [];
    codes.forEach((code, i) => {
      const region = catalog.get(code);
      if (!region) {
        issues.push({
          path: ['regionCodes', String(i)],
          code: 'REGION_NOT_FOUND',
          message: `Wilayah ${code} tidak ditemukan.`,
        });
      } else if (!isWithin(code, [provinceCode]) || !usersScope(ctx.actor).covers(code)) {
        issues.push({
          path: ['regionCodes', String(i)],
          code: 'REGION_OUT_OF_SCOPE',
          message: `Wilayah ${code} di luar wilayah kerja Anda.`,
        });
      } else if (!(SCOPE_LEVELS[role] as readonly string[]).includes(region.level)) {
        issues.push({
          path: ['regionCodes', String(i)],
          code: 'REGION_LEVEL_FOR_ROLE',
          message: `${ROLE_LABELS[role]} diberi wilayah tingkat ${SCOPE_LEVELS[role].map((l) => ({ province: 'provinsi', regency: 'kabupaten/kota', district: 'kecamatan' })[l]).join(' atau ')}; ${code} adalah ${region.level === 'village' ? 'desa' : region.level}.`,
        });
      }
    });
    if (issues.length > 0) throw new AppError('VALIDATION_FAILED', issues[0]!.message, { issues });
  }

  /**
   * A sponsor officer acts for exactly one active sponsor within the manager's region; no other role
   * has one. `changing`: the sponsor is being set now (an officer keeps an inactive sponsor it had).
   * Runs in the write's transaction: the sponsor row stays locked until the user row is written, so a
   * sponsor deactivated meanwhile is never given to an officer.
   */
  async function checkSponsor(
    ctx: ServiceContext,
    role: Role,
    sponsorId: string | null,
    changing: boolean,
  ): Promise<void> {
    const refuse = (code: string, message: string) => {
      throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: ['sponsorId'], code, message }] });
    };
    if (role !== 'sponsor_officer') {
      if (sponsorId) {
        refuse(
          'SPONSOR_FOR_OFFICERS_ONLY',
          `Hanya ${ROLE_LABELS.sponsor_officer} yang terikat pada Pemberi Bantuan Iuran.`,
        );
      }
      return;
    }
    if (!sponsorId) {
      return refuse(
        'SPONSOR_REQUIRED',
        `${ROLE_LABELS.sponsor_officer} wajib dipilihkan Pemberi Bantuan Iuran.`,
      );
    }
    if (!changing) return;
    const sponsor = /^[0-9a-f-]{36}$/i.test(sponsorId) ? await repoFor(ctx).sponsorFor(sponsorId) : null;
    if (!sponsor || !isWithin(sponsor.region_code, ctx.actor.regionCodes)) {
      return refuse('SPONSOR_NOT_FOUND', 'Pemberi Bantuan Iuran tidak ditemukan di wilayah Anda.');
    }
    if (!sponsor.is_active) {
      refuse(
        'SPONSOR_INACTIVE',
        `Pemberi Bantuan Iuran "${sponsor.name}" sudah nonaktif; aktifkan dulu atau pilih yang lain.`,
      );
    }
  }

  return {
    async list(ctx: ServiceContext): Promise<User[]> {
      authorize(ctx.actor, 'user.manage');
      const rows = await repoFor(ctx).list(usersScope(ctx.actor));
      return rows.map((u) => presentUser(u, catalog));
    },

    async create(
      ctx: ServiceContext,
      input: UserCreate,
    ): Promise<{ user: User; temporaryPassword: string | null }> {
      authorize(ctx.actor, 'user.manage');
      checkScope(ctx, input.role, input.regionCodes);
      const generated = input.password ? null : temporaryPassword();
      const password = input.password ?? generated!;
      const problem = input.password ? passwordProblem(password, input.email, input.fullName) : null;
      if (problem) {
        throw new AppError('VALIDATION_FAILED', problem, {
          issues: [{ path: ['password'], code: 'PASSWORD_WEAK', message: problem }],
        });
      }
      const passwordHash = await hashPassword(password);
      try {
        return await inTransaction(db, ctx, async (txCtx) => {
          await checkSponsor(txCtx, input.role, input.sponsorId ?? null, true);
          const row = await repoFor(txCtx).insert({
            email: input.email.trim(),
            full_name: input.fullName.trim(),
            role: input.role,
            region_codes: input.regionCodes,
            password_hash: passwordHash,
            sponsor_id: input.sponsorId ?? null,
          });
          await recordAudit(db, txCtx, {
            action: 'user.create',
            entityType: 'user',
            entityId: row.id,
            after: auditView(row),
          });
          return { user: presentUser(row, catalog), temporaryPassword: generated };
        });
      } catch (e) {
        if (isUniqueViolation(e, 'users_email_key')) {
          throw new AppError('USER_EMAIL_EXISTS', `Pengguna dengan e-mail ${input.email} sudah ada.`, {
            field: 'email',
          });
        }
        throw e;
      }
    },

    async update(
      ctx: ServiceContext,
      id: string,
      changes: {
        fullName?: string;
        role?: Role;
        regionCodes?: string[];
        sponsorId?: string | null;
        isActive?: boolean;
      },
    ) {
      authorize(ctx.actor, 'user.manage');
      const current = await managedUser(ctx, id);
      if (
        current.id === ctx.actor.id &&
        (changes.isActive === false || (changes.role && changes.role !== current.role))
      ) {
        throw new AppError(
          'BAD_REQUEST',
          'Anda tidak dapat menonaktifkan atau mengubah peran akun Anda sendiri.',
        );
      }
      const role = changes.role ?? current.role;
      checkScope(ctx, role, changes.regionCodes ?? current.region_codes);
      // Leaving the sponsor officer's role leaves its sponsor too.
      const sponsorId =
        changes.sponsorId !== undefined
          ? changes.sponsorId
          : role === 'sponsor_officer'
            ? current.sponsor_id
            : null;
      const sponsorChanged = sponsorId !== current.sponsor_id;
      const updated = await inTransaction(db, ctx, async (txCtx) => {
        await checkSponsor(txCtx, role, sponsorId, sponsorChanged);
        const txRepo = repoFor(txCtx);
        const row = await txRepo.update(
          id,
          {
            ...(changes.fullName !== undefined ? { full_name: changes.fullName } : {}),
            ...(changes.role !== undefined ? { role: changes.role } : {}),
            ...(changes.regionCodes !== undefined ? { region_codes: changes.regionCodes } : {}),
            ...(sponsorChanged ? { sponsor_id: sponsorId } : {}),
            ...(changes.isActive !== undefined ? { is_active: changes.isActive } : {}),
          },
          ctx.now,
        );
        if (!row) throw new AppError('USER_NOT_FOUND', 'Pengguna tidak ditemukan.');
        // A changed role, scope or status takes effect now: existing sessions end.
        if (
          changes.role !== undefined ||
          changes.regionCodes !== undefined ||
          sponsorChanged ||
          changes.isActive === false
        ) {
          await txRepo.deleteSessionsOf(id);
        }
        await recordAudit(db, txCtx, {
          action: 'user.update',
          entityType: 'user',
          entityId: id,
          before: auditView(current),
          after: auditView(row),
        });
        return presentUser(row, catalog);
      });
      auth.forgetSessions();
      return updated;
    },

    async resetPassword(ctx: ServiceContext, id: string): Promise<string> {
      authorize(ctx.actor, 'user.manage');
      await managedUser(ctx, id);
      const password = temporaryPassword();
      const hash = await hashPassword(password);
      await inTransaction(db, ctx, async (txCtx) => {
        const txRepo = repoFor(txCtx);
        await txRepo.setPassword(id, hash, ctx.now);
        await txRepo.deleteSessionsOf(id);
        await recordAudit(db, txCtx, { action: 'user.reset_password', entityType: 'user', entityId: id });
      });
      auth.forgetSessions();
      return password;
    },

    async findByEmail(email: string) {
      return createUsersRepo(db).findByEmail(email);
    },

    async createToken(
      ctx: ServiceContext,
      userId: string,
      input: { name: string; regionCodes?: string[]; expiresAt?: string },
    ) {
      authorize(ctx.actor, 'user.manage');
      const user = await managedUser(ctx, userId);
      if (input.regionCodes?.some((c) => !isWithin(c, user.region_codes))) {
        throw new AppError(
          'VALIDATION_FAILED',
          'Wilayah token harus berada di dalam wilayah kerja penggunanya.',
          {
            issues: [
              {
                path: ['regionCodes'],
                code: 'REGION_OUT_OF_SCOPE',
                message: 'Wilayah token di luar wilayah pengguna.',
              },
            ],
          },
        );
      }
      // One unit across modules: the token (auth) and its record (audit) commit together or not at all.
      return inTransaction(db, ctx, async (txCtx) => {
        const created = await auth.createApiToken(txCtx, {
          userId,
          name: input.name,
          regionCodes: input.regionCodes ?? null,
          expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
        });
        await recordAudit(db, txCtx, {
          action: 'token.create',
          entityType: 'api_token',
          entityId: created.id,
          details: { userId, name: input.name },
        });
        return created;
      });
    },

    async revokeToken(ctx: ServiceContext, tokenId: string) {
      authorize(ctx.actor, 'user.manage');
      if (!/^[0-9a-f-]{36}$/i.test(tokenId)) throw new AppError('NOT_FOUND', 'Token tidak ditemukan.');
      await inTransaction(db, ctx, async (txCtx) => {
        await auth.revokeApiToken(txCtx, tokenId);
        await recordAudit(db, txCtx, { action: 'token.revoke', entityType: 'api_token', entityId: tokenId });
      });
    },
  };
}
export type UserService = ReturnType<typeof createUserService>;
