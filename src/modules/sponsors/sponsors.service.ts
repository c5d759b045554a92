import type { RegionCatalog } from '../../contracts/regions.js';
import {
  SPONSOR_KIND_LABELS,
  SPONSOR_REGION_LEVEL,
  type Sponsor,
  SponsorCreate,
  type SponsorKind,
  SponsorQuery,
  SponsorUpdate,
} from '../../contracts/sponsors.js';
import { normalizePhone } from '../../domain/phone.js';
import { isWithin, levelOf } from '../../domain/regions.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { isUniqueViolation } from '../../platform/db/sql.js';
import { dbFor, inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { createSponsorsRepo, type SponsorFields, type SponsorRow } from './sponsors.repo.js';
import { sponsorsScope } from './sponsors.scope.js';

const LEVEL_WORDS = {
  province: 'provinsi',
  regency: 'kabupaten/kota',
  district: 'kecamatan',
  village: 'desa/kelurahan',
};

export function presentSponsor(s: SponsorRow, catalog: RegionCatalog): Sponsor {
  return {
    id: s.id,
    kind: s.kind,
    kindLabel: SPONSOR_KIND_LABELS[s.kind].id,
    name: s.name,
    regionCode: s.region_code,
    regionName: catalog.get(s.region_code)?.name ?? s.region_code,
    contactName: s.contact_name,
    contactPhone: s.contact_phone,
    contactEmail: s.contact_email,
    isActive: s.is_active,
    version: s.version,
    createdAt: s.created_at.toISOString(),
    updatedAt: s.updated_at.toISOString(),
  };
}

/** What the audit trail keeps of a sponsor. */
const auditView = (s: SponsorRow) => ({
  kind: s.kind,
  name: s.name,
  regionCode: s.region_code,
  contactName: s.contact_name,
  contactEmail: s.contact_email,
  isActive: s.is_active,
});

const invalid = (path: string, code: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, { issues: [{ path: [path], code, message }] });

export function createSponsorService(deps: { db: Database; catalog: RegionCatalog; provinceCode: string }) {
  const { db, catalog, provinceCode } = deps;
  const repoFor = (ctx: ServiceContext) => createSponsorsRepo(dbFor(db, ctx));

  /**
   * A sponsor's region must exist, lie in the deployment's province and the manager's region, and be of
   * the level its kind says: a regency budget belongs to a regency/city, a village fund to a village.
   */
  function checkRegion(ctx: ServiceContext, kind: SponsorKind, code: string) {
    const region = catalog.get(code);
    if (!region) throw invalid('regionCode', 'REGION_NOT_FOUND', `Wilayah ${code} tidak ditemukan.`);
    if (!isWithin(code, [provinceCode]) || !isWithin(code, ctx.actor.regionCodes)) {
      throw invalid(
        'regionCode',
        'REGION_OUT_OF_SCOPE',
        `Wilayah ${code} (${region.name}) di luar wilayah kerja Anda.`,
      );
    }
    const level = SPONSOR_REGION_LEVEL[kind];
    if (level && levelOf(code) !== level) {
      throw invalid(
        'regionCode',
        'SPONSOR_REGION_LEVEL',
        `${SPONSOR_KIND_LABELS[kind].id} harus berwilayah ${LEVEL_WORDS[level]}; ${code} (${region.name}) adalah ${LEVEL_WORDS[region.level]}.`,
      );
    }
  }

  function checkPhone(phone: string | null | undefined): string | null | undefined {
    if (!phone) return phone;
    const r = normalizePhone(phone);
    if (!r.ok) throw invalid('contactPhone', r.code, r.message);
    return r.value;
  }

  async function visible(ctx: ServiceContext, id: string, forUpdate = false): Promise<SponsorRow> {
    const row = await repoFor(ctx).findById(id, sponsorsScope(ctx.actor), forUpdate ? 'update' : undefined);
    if (!row) throw new AppError('SPONSOR_NOT_FOUND', 'Pemberi Bantuan Iuran tidak ditemukan.');
    return row;
  }

  function nameTaken(e: unknown, name: string): never {
    if (isUniqueViolation(e, 'sponsors_name_region_key')) {
      throw new AppError('SPONSOR_EXISTS', `Pemberi Bantuan Iuran "${name}" sudah ada di wilayah ini.`, {
        issues: [{ path: ['name'], code: 'SPONSOR_EXISTS', message: 'Nama sudah dipakai di wilayah ini.' }],
      });
    }
    throw e;
  }

  async function setActive(ctx: ServiceContext, id: string, isActive: boolean): Promise<Sponsor> {
    authorize(ctx.actor, 'sponsor.manage');
    return inTransaction(db, ctx, async (tx) => {
      const current = await visible(tx, id, true);
      if (current.is_active === isActive) return presentSponsor(current, catalog);
      const row = (await repoFor(tx).update(id, { is_active: isActive }, ctx.now))!;
      await recordAudit(db, tx, {
        action: isActive ? 'sponsor.activate' : 'sponsor.deactivate',
        entityType: 'sponsor',
        entityId: id,
        regionCode: row.region_code,
        before: auditView(current),
        after: auditView(row),
      });
      return presentSponsor(row, catalog);
    });
  }

  return {
    async list(ctx: ServiceContext, query: SponsorQuery = {}): Promise<Sponsor[]> {
      authorize(ctx.actor, 'sponsor.read');
      const q = SponsorQuery.parse(query);
      const rows = await repoFor(ctx).list(sponsorsScope(ctx.actor), {
        ...(q.kind ? { kind: q.kind } : {}),
        includeInactive: q.includeInactive === 'true',
      });
      return rows.map((s) => presentSponsor(s, catalog));
    },

    async get(ctx: ServiceContext, id: string): Promise<Sponsor> {
      authorize(ctx.actor, 'sponsor.read');
      return presentSponsor(await visible(ctx, id), catalog);
    },

    /**
     * A sponsor the actor sees, as a row, for another module's rules (a programme's sponsor, a sponsor
     * officer's sponsor); null when it does not exist or lies outside the actor's scope. Within the
     * caller's transaction the row stays as read (FOR SHARE): not deactivated, nor its kind or region
     * changed, before the caller's write commits.
     */
    async findVisible(ctx: ServiceContext, id: string): Promise<SponsorRow | null> {
      return repoFor(ctx).findById(id, sponsorsScope(ctx.actor), 'share');
    },

    async create(ctx: ServiceContext, input: SponsorCreate): Promise<Sponsor> {
      authorize(ctx.actor, 'sponsor.manage');
      const s = SponsorCreate.parse(input);
      checkRegion(ctx, s.kind, s.regionCode);
      const fields: SponsorFields = {
        kind: s.kind,
        name: s.name,
        region_code: s.regionCode,
        contact_name: s.contactName ?? null,
        contact_phone: checkPhone(s.contactPhone) ?? null,
        contact_email: s.contactEmail ?? null,
      };
      try {
        return await inTransaction(db, ctx, async (tx) => {
          const row = await repoFor(tx).insert(fields);
          await recordAudit(db, tx, {
            action: 'sponsor.create',
            entityType: 'sponsor',
            entityId: row.id,
            regionCode: row.region_code,
            after: auditView(row),
          });
          return presentSponsor(row, catalog);
        });
      } catch (e) {
        return nameTaken(e, s.name);
      }
    },

    async update(ctx: ServiceContext, id: string, input: SponsorUpdate): Promise<Sponsor> {
      authorize(ctx.actor, 'sponsor.manage');
      const s = SponsorUpdate.parse(input);
      try {
        return await inTransaction(db, ctx, async (tx) => {
          const current = await visible(tx, id, true);
          if (current.version !== s.version) throw versionConflict(current.version);
          const kind = s.kind ?? current.kind;
          const regionCode = s.regionCode ?? current.region_code;
          if (kind !== current.kind || regionCode !== current.region_code) {
            checkRegion(ctx, kind, regionCode);
            // A programme's region follows its sponsor's (a regency budget covers its regency only).
            if (await repoFor(tx).hasProgrammes(id)) {
              throw new AppError(
                'SPONSOR_IN_USE',
                'Jenis dan wilayah Pemberi Bantuan Iuran yang sudah punya program tidak dapat diubah; buat Pemberi Bantuan Iuran baru.',
              );
            }
          }
          const fields: Partial<SponsorFields> = {
            ...(s.kind !== undefined ? { kind } : {}),
            ...(s.name !== undefined ? { name: s.name } : {}),
            ...(s.regionCode !== undefined ? { region_code: regionCode } : {}),
            ...(s.contactName !== undefined ? { contact_name: s.contactName } : {}),
            ...(s.contactPhone !== undefined ? { contact_phone: checkPhone(s.contactPhone) ?? null } : {}),
            ...(s.contactEmail !== undefined ? { contact_email: s.contactEmail } : {}),
          };
          if (Object.keys(fields).length === 0) return presentSponsor(current, catalog);
          const row = await repoFor(tx).update(id, fields, ctx.now, s.version);
          if (!row) throw versionConflict(null);
          await recordAudit(db, tx, {
            action: 'sponsor.update',
            entityType: 'sponsor',
            entityId: id,
            regionCode: row.region_code,
            before: auditView(current),
            after: auditView(row),
          });
          return presentSponsor(row, catalog);
        });
      } catch (e) {
        return nameTaken(e, s.name ?? 'ini');
      }
    },

    /** No new programme or officer for it; what it already pays for stays, and stays visible. */
    deactivate: (ctx: ServiceContext, id: string) => setActive(ctx, id, false),
    activate: (ctx: ServiceContext, id: string) => setActive(ctx, id, true),
  };
}
export type SponsorService = ReturnType<typeof createSponsorService>;

/** Someone changed the sponsor since the editor read it (the workers' shape: the version now, if known). */
function versionConflict(currentVersion: number | null): AppError {
  return new AppError(
    'SPONSOR_VERSION_CONFLICT',
    'Data Pemberi Bantuan Iuran ini sudah diubah orang lain sejak Anda membukanya. Muat ulang data terbaru, lalu ulangi perubahan Anda.',
    { currentVersion },
  );
}
