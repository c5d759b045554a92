import { z } from 'zod';
import { Uuid } from '../../contracts/common.js';
import type { RegionCatalog } from '../../contracts/regions.js';
import type {
  NikRegistration,
  Worker,
  WorkerCreate,
  WorkerPage,
  WorkerPatch,
  WorkerSearch,
} from '../../contracts/workers.js';
import { birthDateRangeForAge } from '../../domain/age.js';
import { nameSearchKey } from '../../domain/names.js';
import { maskNik, normalizeNikInput } from '../../domain/nik.js';
import { levelOf } from '../../domain/regions.js';
import { Gate, PerKeyLimit } from '../../platform/admission.js';
import type { Limits } from '../../platform/config.js';
import type { ServiceContext } from '../../platform/context.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import type { Database } from '../../platform/db/index.js';
import { isUniqueViolation } from '../../platform/db/sql.js';
import { dbFor, inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import { authorize, can } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { presentWorker } from './workers.presenter.js';
import {
  AUDITED_COLUMNS,
  createWorkersRepo,
  type WorkerCursor,
  type WorkerFilter,
  type WorkerRow,
} from './workers.repo.js';
import { checkWorker, NIK_REGISTERED_MESSAGE, validationError, type WorkerInput } from './workers.rules.js';
import { domicileOf, type WorkerPlace, workersScope } from './workers.scope.js';

export interface WorkerServiceDeps {
  db: Database;
  catalog: RegionCatalog;
  provinceCode: string;
  /** Per-user rate and fuzzy-search concurrency (decision 0011); without it, unlimited. */
  limits?: Pick<Limits, 'searchesPerMinute' | 'searchConcurrency' | 'searchQueue' | 'dbWaitMs'>;
}

/** A NIK in a URL ends up in proxies' and browsers' logs: searches by NIK go in a POST body. */
const NIK_LIKE = /\d[\s.-]*(?:\d[\s.-]*){5}/;

function notFound(): AppError {
  return new AppError('WORKER_NOT_FOUND', 'Data pekerja tidak ditemukan.');
}

/** The page marker of a search: the last worker's name key, id and (name searches) score. */
const WorkerCursorShape = z.object({
  k: z
    .string()
    .max(1000)
    .refine((k) => !k.includes('\u0000')),
  id: Uuid,
  s: z.number().finite().optional(),
}) satisfies z.ZodType<WorkerCursor>;

/** Fields of an existing row, in the shape of a create request, so an edit is checked by the same rules. */
function rowToInput(row: WorkerRow): WorkerInput {
  return {
    nik: row.nik,
    fullName: row.full_name,
    sex: row.sex,
    birthPlace: row.birth_place,
    birthDate: row.birth_date,
    motherMaidenName: row.mother_maiden_name,
    phone: row.phone,
    address: row.address,
    domicileCode: row.village_code ?? row.district_code,
    occupation: row.occupation as WorkerInput['occupation'],
    declaredIncome: row.declared_income,
    vulnerability: {
      inWelfareRegister: row.in_welfare_register,
      hasDisability: row.has_disability,
      isFemaleHeadOfHousehold: row.is_female_head_of_household,
    },
  };
}

export function createWorkerService(deps: WorkerServiceDeps) {
  const { db, catalog, provinceCode } = deps;
  /** The repository on the call's transaction, if it runs in one. */
  const repoFor = (ctx: ServiceContext) => createWorkersRepo(dbFor(db, ctx));
  const lookups = createLookupLimits(db, deps.limits);

  /** Records that the actor was told a NIK is registered; says whether the holder is theirs to see. */
  async function auditNikRegistered(
    ctx: ServiceContext,
    nik: string,
    holder: WorkerPlace & { id: string },
    via: 'create' | 'update' | 'check',
  ): Promise<{ workerId: string | null }> {
    // Asked by writers only, who all read the registry: in scope is in their regions.
    const isInScope = workersScope(ctx.actor).allows(holder);
    await recordAudit(db, ctx, {
      action: 'worker.nikRegistered',
      entityType: 'worker',
      entityId: holder.id,
      // The holder's region: its auditors see who asked about their people.
      regionCode: domicileOf(holder),
      details: { nik: maskNik(nik), via, isInScope },
    });
    return { workerId: isInScope && can(ctx.actor, 'worker.read') ? holder.id : null };
  }

  /** The 409 for a NIK someone holds already, audited. */
  async function nikRegistered(
    ctx: ServiceContext,
    nik: string,
    via: 'create' | 'update',
  ): Promise<AppError> {
    const holder = await repoFor(ctx).holderOfNik(nik);
    const { workerId } = holder ? await auditNikRegistered(ctx, nik, holder, via) : { workerId: null };
    return new AppError('WORKER_NIK_EXISTS', NIK_REGISTERED_MESSAGE, {
      field: 'nik',
      ...(workerId ? { workerId } : {}),
    });
  }

  function assertMayWrite(ctx: ServiceContext, place: WorkerPlace) {
    if (!workersScope(ctx.actor).allows(place)) {
      throw new AppError(
        'FORBIDDEN',
        'Domisili pekerja di luar wilayah kerja Anda. Hanya petugas wilayah tersebut yang dapat mencatatnya.',
        { field: 'domicileCode' },
      );
    }
  }

  const service = {
    /** The per-user limit and the name-search places, for other modules that look workers up (audit). */
    lookups,

    async create(ctx: ServiceContext, input: WorkerCreate, source = 'form'): Promise<Worker> {
      authorize(ctx.actor, 'worker.write');
      const checked = checkWorker(input, { catalog, provinceCode, now: ctx.now });
      if (!checked.ok) throw validationError(checked.issues);
      const { fields, warnings } = checked.value;
      assertMayWrite(ctx, fields);
      if (input.consent.givenAt && new Date(input.consent.givenAt) > ctx.now) {
        throw validationError([
          {
            path: ['consent', 'givenAt'],
            code: 'CONSENT_IN_FUTURE',
            message: 'Tanggal persetujuan tidak boleh di masa depan.',
          },
        ]);
      }
      try {
        const row = await inTransaction(db, ctx, async (txCtx) => {
          const inserted = await repoFor(txCtx).insert({
            ...fields,
            consent_method: input.consent.method,
            consent_given_at: input.consent.givenAt ? new Date(input.consent.givenAt) : ctx.now,
            consent_recorded_by: ctx.actor.label,
            source,
          });
          await recordAudit(db, txCtx, {
            action: 'worker.create',
            entityType: 'worker',
            entityId: inserted.id,
            regionCode: domicileOf(inserted),
            after: auditFields(inserted),
          });
          return inserted;
        });
        return presentWorker(row, catalog, ctx.now, warnings);
      } catch (e) {
        if (isUniqueViolation(e, 'workers_nik_key')) throw await nikRegistered(ctx, fields.nik, 'create');
        throw e;
      }
    },

    /**
     * Whether a NIK can still be registered (the form's live check): the answer POST /workers would
     * give, no more — and audited the same way when it is "registered".
     */
    async nikRegistration(ctx: ServiceContext, input: string): Promise<NikRegistration> {
      authorize(ctx.actor, 'worker.write');
      await lookups.admit(ctx);
      const nik = normalizeNikInput(input);
      if (!/^\d{16}$/.test(nik)) return { registered: false, workerId: null, message: null };
      const holder = await repoFor(ctx).holderOfNik(nik);
      if (!holder) return { registered: false, workerId: null, message: null };
      const answer = await auditNikRegistered(ctx, nik, holder, 'check');
      return { registered: true, workerId: answer.workerId, message: NIK_REGISTERED_MESSAGE };
    },

    /** One person's record: in full for roles that may see it, and every such read is audited. */
    async get(ctx: ServiceContext, id: string): Promise<Worker> {
      authorize(ctx.actor, 'worker.read');
      await lookups.admit(ctx);
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
      const row = await repoFor(ctx).findById(id, workersScope(ctx.actor));
      if (!row) throw notFound();
      const full = can(ctx.actor, 'worker.readFull');
      if (full) {
        await recordAudit(db, ctx, {
          action: 'worker.view',
          entityType: 'worker',
          entityId: row.id,
          regionCode: domicileOf(row),
        });
      }
      return presentWorker(row, catalog, ctx.now, undefined, !full);
    },

    async update(ctx: ServiceContext, id: string, patch: WorkerPatch): Promise<Worker> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
      authorize(ctx.actor, 'worker.write');
      return inTransaction(db, ctx, async (txCtx) => {
        const txRepo = repoFor(txCtx);
        const current = await txRepo.findById(id, workersScope(ctx.actor));
        if (!current) throw notFound();
        if (current.version !== patch.version) throw conflict(current.version);
        const { version: _v, ...changes } = patch;
        const merged: WorkerInput = { ...rowToInput(current), ...stripUndefined(changes) };
        const checked = checkWorker(merged, { catalog, provinceCode, now: ctx.now });
        if (!checked.ok) throw validationError(checked.issues);
        const { fields, warnings } = checked.value;
        assertMayWrite(ctx, fields);
        try {
          const row = await txRepo.update(id, patch.version, fields, ctx.now);
          if (!row) throw conflict(null);
          const { before, after } = changedFields(current, row);
          await recordAudit(db, txCtx, {
            action: 'worker.update',
            entityType: 'worker',
            entityId: id,
            regionCode: domicileOf(row),
            before,
            after,
          });
          return presentWorker(row, catalog, ctx.now, warnings);
        } catch (e) {
          if (isUniqueViolation(e, 'workers_nik_key')) throw new NikTaken(fields.nik);
          throw e;
        }
      }).catch(async (e) => {
        // Audited outside the transaction the unique violation rolled back.
        if (e instanceof NikTaken) throw await nikRegistered(ctx, e.nik, 'update');
        throw e;
      });
    },

    async deactivate(ctx: ServiceContext, id: string, reason: string, version: number): Promise<Worker> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
      authorize(ctx.actor, 'worker.write');
      return inTransaction(db, ctx, async (txCtx) => {
        const txRepo = repoFor(txCtx);
        const current = await txRepo.findById(id, workersScope(ctx.actor));
        if (!current) throw notFound();
        assertMayWrite(ctx, current);
        if (!current.is_active) {
          throw new AppError('WORKER_ALREADY_INACTIVE', 'Pekerja ini sudah nonaktif.');
        }
        if (current.version !== version) throw conflict(current.version);
        const row = await txRepo.deactivate(id, version, reason.trim(), ctx.now);
        if (!row) throw conflict(null);
        await recordAudit(db, txCtx, {
          action: 'worker.deactivate',
          entityType: 'worker',
          entityId: id,
          regionCode: domicileOf(row),
          before: { isActive: true },
          after: { isActive: false, reason: row.deactivation_reason },
        });
        return presentWorker(row, catalog, ctx.now);
      });
    },

    /**
     * A search sent in a URL (GET): the same search, but never by NIK — a query string ends up in the
     * logs of every proxy on the way. Searches by NIK go in a POST body (`POST /workers/search`).
     */
    async searchFromUrl(ctx: ServiceContext, s: WorkerSearch): Promise<WorkerPage> {
      if (s.q && NIK_LIKE.test(s.q)) {
        throw validationError([
          {
            path: ['q'],
            code: 'NIK_IN_URL',
            message:
              'Jangan kirim NIK di alamat (URL): alamat tercatat di log proxy dan peramban. Cari NIK dengan POST /api/v1/workers/search dan kirim kata kunci di isi permintaan: {"q": "…"}.',
            messageEn:
              'Do not send a NIK in the URL: URLs are logged by proxies and browsers. Search by NIK with POST /api/v1/workers/search and the query in the body: {"q": "…"}.',
          },
        ]);
      }
      return service.search(ctx, s);
    },

    async search(ctx: ServiceContext, s: WorkerSearch): Promise<WorkerPage> {
      authorize(ctx.actor, 'worker.read');
      await lookups.admit(ctx);
      if (s.region && !levelOf(s.region)) throw new AppError('BAD_REQUEST', 'Kode wilayah tidak valid.');
      if (s.ageMin !== undefined && s.ageMax !== undefined && s.ageMin > s.ageMax) {
        throw new AppError('BAD_REQUEST', 'Umur minimal tidak boleh lebih besar dari umur maksimal.', {
          field: 'ageMin',
        });
      }
      const filter: WorkerFilter = {
        scope: workersScope(ctx.actor),
        status: s.status,
        ...(s.region ? { region: s.region } : {}),
        ...(s.occupation ? { occupation: s.occupation } : {}),
        ...(s.sex ? { sex: s.sex } : {}),
        ...birthDateRangeForAge(s.ageMin, s.ageMax, ctx.now),
      };
      const after = s.cursor ? decodeCursor(s.cursor, WorkerCursorShape) : undefined;
      const q = s.q?.trim() ?? '';
      const nik = normalizeNikInput(q);
      let page: { rows: (WorkerRow & { score?: number })[]; hasMore: boolean };
      const repo = repoFor(ctx);
      if (/^\d{16}$/.test(nik)) {
        // A full NIK names one person: the lookup is audited like opening the record, with the NIK
        // masked (the audit trail must not become a list of NIKs) and how many it found.
        const rows = await repo.findByNik(nik, filter);
        const found = rows[0];
        await recordAudit(db, ctx, {
          action: 'worker.lookup',
          entityType: 'worker',
          entityId: found?.id ?? null,
          regionCode: found ? domicileOf(found) : soleRegion(ctx),
          details: { nik: maskNik(nik), results: rows.length },
        });
        page = { rows, hasMore: false };
      } else if (q) {
        const key = nameSearchKey(q);
        if (!key) return { items: [], nextCursor: null };
        page = await lookups.nameSearch(() => repo.searchByName(key, filter, s.limit, after));
      } else {
        page = await repo.list(filter, s.limit, after);
      }
      const last = page.rows.at(-1);
      return {
        // Lists never show full identifiers: masked for every role.
        items: page.rows.map((r) => presentWorker(r, catalog, ctx.now, undefined, true)),
        nextCursor:
          page.hasMore && last
            ? encodeCursor({
                k: last.name_key,
                id: last.id,
                ...(last.score !== undefined ? { s: last.score } : {}),
              })
            : null,
      };
    },
  };
  return service;
}
export type WorkerService = ReturnType<typeof createWorkerService>;

/**
 * Searches and lookups of workers, per user: at most `searchesPerMinute` (429 RATE_LIMITED beyond, the
 * first refusal of each minute recorded as `worker.search.limited`), and name searches, the expensive
 * kind, a few at a time in the process (503 SERVER_BUSY when too many wait).
 */
function createLookupLimits(db: Database, limits: WorkerServiceDeps['limits']) {
  if (!limits)
    return { admit: async (_ctx: ServiceContext) => {}, nameSearch: <T>(fn: () => Promise<T>) => fn() };
  const perUser = new PerKeyLimit({ limit: limits.searchesPerMinute, windowMs: 60_000 });
  const names = new Gate({
    maxActive: limits.searchConcurrency,
    maxQueue: limits.searchQueue,
    maxWaitMs: limits.dbWaitMs,
    what: 'pencarian nama',
  });
  return {
    async admit(ctx: ServiceContext) {
      const r = perUser.take(ctx.actor.id, ctx.now.getTime());
      if (r.allowed) return;
      if (r.firstRefusal) {
        let ok = false;
        try {
          await recordAudit(db, ctx, {
            action: 'worker.search.limited',
            entityType: 'worker',
            details: { limitPerMinute: perUser.limit },
          });
          ok = true;
        } finally {
          perUser.burstRecorded(ctx.actor.id, ok);
        }
      }
      throw new AppError(
        'RATE_LIMITED',
        `Terlalu banyak pencarian data pekerja dari akun Anda (batas ${perUser.limit} per menit). ` +
          `Coba lagi dalam ${r.retryAfterSeconds} detik.`,
        { retryAfterSeconds: r.retryAfterSeconds, limitPerMinute: perUser.limit },
      );
    },
    nameSearch: <T>(fn: () => Promise<T>) => names.run(fn),
  };
}

function conflict(currentVersion: number | null): AppError {
  return new AppError(
    'WORKER_VERSION_CONFLICT',
    'Data ini sudah diubah orang lain sejak Anda membukanya. Muat ulang data terbaru, lalu ulangi perubahan Anda.',
    { currentVersion },
  );
}

/** Where an event about nobody in particular belongs: the actor's region when it has just one. */
const soleRegion = (ctx: ServiceContext) =>
  ctx.actor.regionCodes.length === 1 ? (ctx.actor.regionCodes[0] ?? null) : null;

/** Carries a taken NIK out of a rolled-back transaction. */
class NikTaken extends Error {
  constructor(readonly nik: string) {
    super('NIK taken');
  }
}

function auditFields(row: WorkerRow): Record<string, unknown> {
  return Object.fromEntries(AUDITED_COLUMNS.map((k) => [k, row[k]]));
}

/** Only what changed, old and new side by side. */
function changedFields(before: WorkerRow, after: WorkerRow) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of AUDITED_COLUMNS) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return { before: b, after: a };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
