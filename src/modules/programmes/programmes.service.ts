import {
  EDITABLE_WHEN_OPEN,
  type PROGRAMME_AUDIT_LABELS,
  PROGRAMME_STATUS_LABELS,
  type Programme,
  ProgrammeCreate,
  type ProgrammeListItem,
  ProgrammeQuery,
  type ProgrammeStatus,
  type ProgrammeSummary,
  ProgrammeUpdate,
} from '../../contracts/programmes.js';
import type { RegionCatalog } from '../../contracts/regions.js';
import { OCCUPATIONS, type Occupation } from '../../contracts/workers.js';
import { occupationLabel } from '../../domain/import/occupations.js';
import {
  monthOf,
  monthStart,
  monthsBetween,
  type ProgrammeIssue,
  programmeIssues,
  programmeRegion,
} from '../../domain/programmes.js';
import { isWithin } from '../../domain/regions.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { dbFor, inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import type { SponsorService } from '../sponsors/index.js';
import { createProgrammesRepo, type ProgrammeFields, type ProgrammeRow } from './programmes.repo.js';
import { programmesScope } from './programmes.scope.js';

export function presentProgramme(p: ProgrammeRow, catalog: RegionCatalog): Programme {
  const periodStart = monthOf(p.period_start);
  const periodEnd = monthOf(p.period_end);
  return {
    id: p.id,
    sponsorId: p.sponsor_id,
    sponsorName: p.sponsor_name,
    sponsorKind: p.sponsor_kind,
    name: p.name,
    regionCode: p.region_code,
    regionName: catalog.get(p.region_code)?.name ?? p.region_code,
    periodStart,
    periodEnd,
    months: monthsBetween(periodStart, periodEnd),
    budget: p.budget,
    includeJht: p.include_jht,
    incomeBase: p.income_base,
    eligibility: p.eligibility,
    priorityWeights: p.priority_weights,
    quotas: p.quotas,
    status: p.status,
    version: p.version,
    createdBy: p.created_by,
    createdAt: p.created_at.toISOString(),
    updatedAt: p.updated_at.toISOString(),
  };
}

/** What the audit trail keeps of a programme: its settings, as the API names them. */
function auditView(p: ProgrammeRow) {
  const {
    id: _id,
    createdAt: _c,
    updatedAt: _u,
    regionName: _r,
    sponsorName: _s,
    ...rest
  } = presentProgramme(p, { get: () => undefined } as unknown as RegionCatalog);
  return rest;
}

const invalid = (issues: ProgrammeIssue[]) =>
  new AppError('VALIDATION_FAILED', issues[0]!.message, { issues });

const title = (o: Occupation) => occupationLabel(o).replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase());

/** The audit action of each status a programme moves to. */
const STEP_ACTIONS: Record<ProgrammeStatus, keyof typeof PROGRAMME_AUDIT_LABELS> = {
  draft: 'programme.update',
  open: 'programme.open',
  closed: 'programme.close',
};

/** API field → column, for the fields a programme's update may carry. */
const COLUMNS = {
  name: 'name',
  regionCode: 'region_code',
  periodStart: 'period_start',
  periodEnd: 'period_end',
  budget: 'budget',
  includeJht: 'include_jht',
  incomeBase: 'income_base',
  eligibility: 'eligibility',
  priorityWeights: 'priority_weights',
  quotas: 'quotas',
} as const satisfies Record<string, keyof ProgrammeFields>;
type Field = keyof typeof COLUMNS;

export function createProgrammeService(deps: {
  db: Database;
  catalog: RegionCatalog;
  provinceCode: string;
  sponsors: Pick<SponsorService, 'findVisible'>;
}) {
  const { db, catalog, provinceCode } = deps;
  const repoFor = (ctx: ServiceContext) => createProgrammesRepo(dbFor(db, ctx));

  async function visible(ctx: ServiceContext, id: string, forUpdate = false): Promise<ProgrammeRow> {
    const row = await repoFor(ctx).findById(id, programmesScope(ctx.actor), forUpdate);
    if (!row) throw new AppError('PROGRAMME_NOT_FOUND', 'Program Perlindungan tidak ditemukan.');
    return row;
  }

  /** A manager writes only programmes whose region lies within its own. */
  function checkWritable(ctx: ServiceContext, regionCode: string) {
    if (!isWithin(regionCode, ctx.actor.regionCodes)) {
      throw invalid([
        {
          path: ['regionCode'],
          code: 'REGION_OUT_OF_SCOPE',
          message: `Wilayah ${regionCode} di luar wilayah kerja Anda.`,
        },
      ]);
    }
  }

  async function transition(ctx: ServiceContext, id: string, from: ProgrammeStatus, to: ProgrammeStatus) {
    authorize(ctx.actor, 'programme.manage');
    return inTransaction(db, ctx, async (tx) => {
      const current = await visible(tx, id, true);
      if (current.status !== from) {
        throw new AppError(
          'PROGRAMME_STATUS',
          `Program berstatus ${PROGRAMME_STATUS_LABELS[current.status].id}; hanya program berstatus ${PROGRAMME_STATUS_LABELS[from].id} yang dapat ${to === 'open' ? 'dibuka' : 'ditutup'}.`,
          { status: current.status },
        );
      }
      if (to === 'open') {
        if (current.budget <= 0) {
          throw invalid([
            { path: ['budget'], code: 'BUDGET_EMPTY', message: 'Isi anggaran sebelum program dibuka.' },
          ]);
        }
        const sponsor = await deps.sponsors.findVisible(tx, current.sponsor_id);
        if (!sponsor?.is_active) {
          throw new AppError(
            'SPONSOR_INACTIVE',
            `Pemberi Bantuan Iuran "${current.sponsor_name}" nonaktif; program tidak dapat dibuka.`,
          );
        }
      }
      const row = (await repoFor(tx).update(id, { status: to }, ctx.now))!;
      await recordAudit(db, tx, {
        action: STEP_ACTIONS[to],
        entityType: 'programme',
        entityId: id,
        regionCode: row.region_code,
        before: { status: current.status },
        after: { status: row.status },
      });
      return presentProgramme(row, catalog);
    });
  }

  return {
    async list(ctx: ServiceContext, query: ProgrammeQuery = {}): Promise<ProgrammeListItem[]> {
      authorize(ctx.actor, 'programme.read');
      const q = ProgrammeQuery.parse(query);
      const rows = await repoFor(ctx).list(programmesScope(ctx.actor), q);
      return rows.map((r) => ({
        ...presentProgramme(r, catalog),
        committed: r.committed,
        remaining: r.budget - r.committed,
      }));
    },

    /** One programme the actor may see (months as 'YYYY-MM', with its sponsor's kind); 404 otherwise. */
    async get(ctx: ServiceContext, id: string): Promise<Programme> {
      authorize(ctx.actor, 'programme.read');
      return presentProgramme(await visible(ctx, id), catalog);
    },

    async summary(ctx: ServiceContext, id: string): Promise<ProgrammeSummary> {
      authorize(ctx.actor, 'programme.read');
      const p = await visible(ctx, id);
      const repo = repoFor(ctx);
      const byRegency = await repo.byRegency(id);
      const byOccupation = await repo.byOccupation(id);
      // Every committed enrolment counts in one regency row: the totals are their sums.
      const committed = byRegency.reduce((n, r) => n + r.cost, 0);
      return {
        programmeId: id,
        budget: p.budget,
        committed,
        remaining: p.budget - committed,
        workers: byRegency.reduce((n, r) => n + r.workers, 0),
        byRegency: byRegency.map((r) => ({
          regionCode: r.region_code,
          name: catalog.get(r.region_code)?.name ?? r.region_code,
          workers: r.workers,
          cost: r.cost,
        })),
        byOccupation: byOccupation.map((r) => ({
          occupation: r.occupation,
          label: OCCUPATIONS.includes(r.occupation as Occupation)
            ? title(r.occupation as Occupation)
            : r.occupation,
          workers: r.workers,
          cost: r.cost,
        })),
      };
    },

    async create(ctx: ServiceContext, input: ProgrammeCreate): Promise<Programme> {
      authorize(ctx.actor, 'programme.manage');
      const p = ProgrammeCreate.parse(input);
      return inTransaction(db, ctx, async (tx) => {
        const sponsor = await deps.sponsors.findVisible(tx, p.sponsorId);
        if (!sponsor) {
          throw invalid([
            {
              path: ['sponsorId'],
              code: 'SPONSOR_NOT_FOUND',
              message: 'Pemberi Bantuan Iuran tidak ditemukan di wilayah Anda.',
            },
          ]);
        }
        if (!sponsor.is_active) {
          throw invalid([
            {
              path: ['sponsorId'],
              code: 'SPONSOR_INACTIVE',
              message: `Pemberi Bantuan Iuran "${sponsor.name}" nonaktif.`,
            },
          ]);
        }
        const region = programmeRegion(sponsor, p.regionCode, provinceCode, catalog);
        if (!region.ok) throw invalid([region.issue]);
        checkWritable(ctx, region.code);
        const issues = programmeIssues({ ...p, regionCode: region.code }, catalog);
        if (issues.length > 0) throw invalid(issues);
        const row = await repoFor(tx).insert({
          sponsor_id: sponsor.id,
          name: p.name,
          region_code: region.code,
          period_start: monthStart(p.periodStart),
          period_end: monthStart(p.periodEnd),
          budget: p.budget,
          include_jht: p.includeJht,
          income_base: p.incomeBase,
          eligibility: p.eligibility,
          priority_weights: p.priorityWeights,
          quotas: p.quotas,
          created_by: ctx.actor.label,
        });
        await recordAudit(db, tx, {
          action: 'programme.create',
          entityType: 'programme',
          entityId: row.id,
          regionCode: row.region_code,
          after: auditView(row),
        });
        return presentProgramme(row, catalog);
      });
    },

    /**
     * Changes a programme's settings: everything but its sponsor while a draft; only
     * EDITABLE_WHEN_OPEN once open (never below what its enrolments hold); nothing once closed.
     */
    async update(ctx: ServiceContext, id: string, input: ProgrammeUpdate): Promise<Programme> {
      authorize(ctx.actor, 'programme.manage');
      const u = ProgrammeUpdate.parse(input);
      return inTransaction(db, ctx, async (tx) => {
        const current = await visible(tx, id, true);
        const before = presentProgramme(current, catalog);
        if (u.version !== undefined && u.version !== current.version) {
          throw new AppError(
            'PROGRAMME_CHANGED',
            'Program ini baru saja diubah orang lain; muat ulang lalu ubah lagi.',
            {
              version: current.version,
            },
          );
        }
        const changed = (Object.keys(COLUMNS) as Field[]).filter(
          (f) => u[f] !== undefined && JSON.stringify(u[f]) !== JSON.stringify(before[f]),
        );
        if (changed.length === 0) return before;
        const locked =
          current.status === 'closed'
            ? changed
            : current.status === 'open'
              ? changed.filter((f) => !(EDITABLE_WHEN_OPEN as readonly string[]).includes(f))
              : [];
        if (locked.length > 0) {
          throw new AppError(
            'PROGRAMME_NOT_EDITABLE',
            current.status === 'closed'
              ? 'Program yang sudah ditutup tidak dapat diubah.'
              : `Program yang sudah dibuka hanya dapat diubah nama, anggaran, syarat, bobot prioritas dan kuotanya; bukan ${locked.join(', ')}.`,
            { fields: locked, status: current.status },
          );
        }
        const next = { ...before, ...Object.fromEntries(changed.map((f) => [f, u[f]])) } as Programme;
        let regionCode = next.regionCode;
        if (changed.includes('regionCode')) {
          const sponsor = (await deps.sponsors.findVisible(tx, current.sponsor_id)) ?? {
            kind: current.sponsor_kind,
            region_code: current.region_code,
            name: current.sponsor_name,
          };
          const region = programmeRegion(sponsor, next.regionCode, provinceCode, catalog);
          if (!region.ok) throw invalid([region.issue]);
          regionCode = region.code;
          checkWritable(ctx, regionCode);
        }
        const issues = programmeIssues({ ...next, regionCode }, catalog);
        if (changed.includes('budget')) {
          const committed = await repoFor(tx).committed(id);
          if (next.budget < committed) {
            issues.push({
              path: ['budget'],
              code: 'BUDGET_BELOW_COMMITTED',
              message: `Anggaran tidak boleh kurang dari yang sudah terpakai kepesertaan: Rp ${committed.toLocaleString('id-ID')}.`,
            });
          }
        }
        if (issues.length > 0) throw invalid(issues);
        const fields: Partial<ProgrammeFields> = {};
        for (const f of changed) {
          const v =
            f === 'periodStart' || f === 'periodEnd'
              ? monthStart(next[f])
              : f === 'regionCode'
                ? regionCode
                : next[f];
          (fields as Record<string, unknown>)[COLUMNS[f]] = v;
        }
        const row = (await repoFor(tx).update(id, fields, ctx.now))!;
        await recordAudit(db, tx, {
          action: 'programme.update',
          entityType: 'programme',
          entityId: id,
          regionCode: row.region_code,
          before: Object.fromEntries(changed.map((f) => [f, before[f]])),
          after: Object.fromEntries(changed.map((f) => [f, presentProgramme(row, catalog)[f]])),
        });
        return presentProgramme(row, catalog);
      });
    },

    /** draft → open: allocation may now propose rosters for it. */
    open: (ctx: ServiceContext, id: string) => transition(ctx, id, 'draft', 'open'),
    /** open → closed: no new rosters; enrolments already made run their course. */
    close: (ctx: ServiceContext, id: string) => transition(ctx, id, 'open', 'closed'),
  };
}
export type ProgrammeService = ReturnType<typeof createProgrammeService>;
