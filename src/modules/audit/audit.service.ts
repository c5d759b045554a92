import type { AuditItem, AuditPage, AuditPeople, AuditQuery } from '../../contracts/access.js';
import type { AuditLabel } from '../../contracts/common.js';
import { OCCUPATIONS, type Occupation } from '../../contracts/workers.js';
import { occupationLabel } from '../../domain/import/occupations.js';
import { maskName, maskNik, maskPhone } from '../../domain/mask.js';
import { nameSearchKey } from '../../domain/names.js';
import { normalizeNikInput } from '../../domain/nik.js';
import { type LocalZone, localDateTime, zoneOfProvince } from '../../domain/timezone.js';
import type { Role, ServiceContext } from '../../platform/context.js';
import { csvLine } from '../../platform/csv.js';
import type { Database } from '../../platform/db/index.js';
import { dbFor } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import { authorize, ROLE_LABELS } from '../access/index.js';
import { importJobsScope } from '../imports/index.js';
import { createWorkersRepo, type WorkerService, workersScope } from '../workers/index.js';
import {
  type AuditRow,
  findAudit,
  hasRecentRead,
  type LabelSources,
  listAudit,
  recordAudit,
  recordLabels,
} from './audit.repo.js';
import { auditScope } from './audit.scope.js';

/**
 * Personal values an auditor does not need to read a trail (UU PDP): masked in lists and exports with
 * the same functions as worker lists. The full values of one event are shown by `full`, which is itself
 * recorded. Both spellings occur: worker events store columns, API-shaped events store fields.
 */
const MASKS: Record<string, (v: string) => string | null> = {
  nik: maskNik,
  phone: maskPhone,
  mother_maiden_name: maskName,
  motherMaidenName: maskName,
};

export function maskPersonal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonal);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => {
      const mask = MASKS[k];
      return [k, mask && typeof v === 'string' ? mask(v) : maskPersonal(v)];
    }),
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const workerLabel = (w: { full_name: string; nik: string }) => `${w.full_name} · NIK ${maskNik(w.nik)}`;

/** '2500000' → 'Rp 2.500.000' */
export function rupiah(n: number): string {
  return `Rp ${Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
}

const isOccupation = (v: unknown): v is Occupation => OCCUPATIONS.includes(v as Occupation);
const isRole = (v: unknown): v is Role => typeof v === 'string' && Object.hasOwn(ROLE_LABELS, v);

/** A stored value as people read it in an export: occupations and roles by name, money in rupiah. */
export function readableValue(key: string, value: unknown): unknown {
  if ((key === 'occupation' || key === 'occupationCode') && isOccupation(value)) {
    // As the screens write it: 'Pedagang Kaki Lima'.
    return occupationLabel(value).replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase());
  }
  if ((key === 'declared_income' || key === 'declaredIncome') && typeof value === 'number')
    return rupiah(value);
  if (key === 'role' && isRole(value)) return ROLE_LABELS[value];
  if (Array.isArray(value)) return value.map((v) => readableValue(key, v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, readableValue(k, v)]),
    );
  }
  return value;
}

/** `key: value; …` for one column of the CSV. */
function readableText(value: unknown): string {
  if (value === null || value === undefined) return '';
  const v = readableValue('', value);
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${typeof x === 'string' ? x : JSON.stringify(x)}`)
      .join('; ');
  }
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function present(r: AuditRow, label: string | null, full = false): AuditItem {
  const show = full ? (v: unknown) => v : maskPersonal;
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actor: r.actor_label,
    actorRole: r.actor_role,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    entityLabel: label,
    regionCode: r.region_code,
    ip: r.ip,
    requestId: r.request_id,
    before: show(r.before ?? null),
    after: show(r.after ?? null),
    details: show(r.details ?? null),
  };
}

/** A filter's date: a calendar day starts and ends in the deployment's zone; an instant is taken as is. */
function toDate(value: string | undefined, endOfDay: boolean, zone: LocalZone): Date | undefined {
  if (!value) return undefined;
  const d = new Date(
    /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00'}${zone.offset}`
      : value,
  );
  if (Number.isNaN(d.getTime())) throw new AppError('BAD_REQUEST', `Tanggal tidak valid: ${value}`);
  return d;
}

/** `entityId` holds one id or several separated by commas. */
function entityIdsOf(value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  const ids = [...new Set(value.split(',').map((s) => s.trim()))].filter(Boolean);
  if (ids.length > 50) {
    const message = 'Paling banyak 50 ID data sekaligus; persempit pencarian.';
    throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: ['entityId'], message }] });
  }
  return ids.length ? ids : undefined;
}

/** The filter as recorded in a read event: what was asked, never more. */
function filterOf(q: AuditQuery): Record<string, string> {
  const f: Record<string, string> = {};
  for (const k of ['entityId', 'actor', 'action', 'from', 'to'] as const) if (q[k]) f[k] = q[k];
  return f;
}

/** A second read of the same filter by the same person within this time is not recorded again. */
const READ_REPEAT_MS = 60_000;

export function createAuditService(deps: {
  db: Database;
  provinceCode: string;
  /** The workers' per-user limit and name-search places: finding a person here is a worker lookup. */
  lookups?: Pick<WorkerService['lookups'], 'admit' | 'nameSearch'>;
  /** What each action is called: the features' manifests (`auditLabelTable`); an action without one by its code. */
  labels?: Readonly<Record<string, AuditLabel>>;
}) {
  const { db, labels = {} } = deps;
  const actionLabel = (action: string) => (Object.hasOwn(labels, action) ? labels[action]!.id : action);
  const zone = zoneOfProvince(deps.provinceCode);
  const workersFor = (ctx: ServiceContext) => createWorkersRepo(dbFor(db, ctx));

  async function query(ctx: ServiceContext, q: AuditQuery): Promise<AuditRow[]> {
    authorize(ctx.actor, 'audit.read');
    const entityIds = entityIdsOf(q.entityId);
    return listAudit(dbFor(db, ctx), {
      ...(entityIds ? { entityIds } : {}),
      ...(q.actor ? { actor: q.actor } : {}),
      ...(q.action ? { action: q.action } : {}),
      ...(q.from ? { from: toDate(q.from, false, zone)! } : {}),
      ...(q.to ? { to: toDate(q.to, true, zone)! } : {}),
      ...(q.before ? { beforeId: q.before } : {}),
      scope: auditScope(ctx.actor),
      limit: q.limit,
    });
  }

  /** The records of a page in words, one query per kind of record, within the reader's scope. */
  async function labelsOf(ctx: ServiceContext, rows: AuditRow[]): Promise<Map<string, string>> {
    const ids: Record<keyof LabelSources, Set<string>> = {
      workers: new Set(),
      users: new Set(),
      imports: new Set(),
      tokens: new Set(),
    };
    const kind: Record<string, keyof LabelSources> = {
      worker: 'workers',
      user: 'users',
      import: 'imports',
      token: 'tokens',
    };
    for (const r of rows) {
      const k = kind[r.entity_type];
      if (k && r.entity_id && UUID.test(r.entity_id)) ids[k].add(r.entity_id);
    }
    const found = await recordLabels(
      dbFor(db, ctx),
      {
        workers: [...ids.workers],
        users: [...ids.users],
        imports: [...ids.imports],
        tokens: [...ids.tokens],
      },
      { workers: workersScope(ctx.actor), imports: importJobsScope(ctx.actor) },
    );
    const labels = new Map<string, string>();
    for (const w of found.workers) labels.set(`worker:${w.id}`, workerLabel(w));
    for (const u of found.users) labels.set(`user:${u.id}`, u.email);
    for (const i of found.imports) labels.set(`import:${i.id}`, i.file_name);
    for (const t of found.tokens) labels.set(`token:${t.id}`, t.name);
    return labels;
  }
  const labelOf = (labels: Map<string, string>, r: AuditRow) =>
    labels.get(`${r.entity_type}:${r.entity_id}`) ?? null;

  return {
    timeZone: zone,

    /**
     * A page of the trail, personal values masked. The read is recorded (`audit.read`, with the
     * filter), once per person and filter per minute, so paging and refreshing do not flood the trail.
     */
    async list(ctx: ServiceContext, q: AuditQuery): Promise<AuditPage> {
      const rows = await query(ctx, q);
      const labels = await labelsOf(ctx, rows);
      const filter = filterOf(q);
      const since = new Date(ctx.now.getTime() - READ_REPEAT_MS);
      if (!(await hasRecentRead(dbFor(db, ctx), ctx.actor, filter, since))) {
        await recordAudit(db, ctx, {
          action: 'audit.read',
          entityType: 'audit',
          details: { filter, rows: rows.length },
        });
      }
      return {
        items: rows.map((r) => present(r, labelOf(labels, r))),
        nextBefore: rows.length === q.limit ? (rows.at(-1)?.id ?? null) : null,
        timeZone: { id: zone.id, abbr: zone.abbr },
      };
    },

    /** One event with its full values, for a reader who may see workers' full data; recorded as `audit.view`. */
    async full(ctx: ServiceContext, id: number): Promise<AuditItem> {
      authorize(ctx.actor, 'audit.read');
      authorize(ctx.actor, 'worker.readFull');
      const row = await findAudit(dbFor(db, ctx), id, auditScope(ctx.actor));
      if (!row) throw new AppError('NOT_FOUND', `Kejadian nomor ${id} tidak ditemukan di wilayah Anda.`);
      await recordAudit(db, ctx, {
        action: 'audit.view',
        entityType: 'audit',
        entityId: String(row.id),
        regionCode: row.region_code,
        details: { event: row.id, action: row.action },
      });
      return present(row, labelOf(await labelsOf(ctx, [row]), row), true);
    },

    /**
     * The workers in the reader's scope a NIK (exact) or a name points to, so their trail can be shown.
     * Recorded as `audit.find` with the NIK or name masked and the workers found.
     */
    async findPeople(ctx: ServiceContext, text: string): Promise<AuditPeople> {
      authorize(ctx.actor, 'audit.read');
      await deps.lookups?.admit(ctx);
      const filter = { scope: workersScope(ctx.actor), status: 'all' as const };
      const workers = workersFor(ctx);
      const nik = normalizeNikInput(text);
      let found: { id: string; full_name: string; nik: string }[];
      if (/^\d{16}$/.test(nik)) found = await workers.findByNik(nik, filter);
      else if (/\d/.test(text)) {
        const message = 'NIK harus 16 angka; untuk mencari nama, tulis namanya saja.';
        throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: ['query'], message }] });
      } else {
        const key = nameSearchKey(text);
        const search = () => workers.searchByName(key, filter, 20);
        found = key ? (await (deps.lookups ? deps.lookups.nameSearch(search) : search())).rows : [];
      }
      await recordAudit(db, ctx, {
        action: 'audit.find',
        entityType: 'audit',
        details: {
          ...(/^\d{16}$/.test(nik) ? { nik: maskNik(nik) } : { name: maskName(text) }),
          workers: found.map((w) => w.id),
        },
      });
      return { workers: found.map((w) => ({ id: w.id, label: workerLabel(w) })) };
    },

    /** CSV export of the same filter (up to 10,000 events), masked and readable; the export itself is recorded. */
    async exportCsv(ctx: ServiceContext, q: AuditQuery): Promise<string> {
      const rows = await query(ctx, { ...q, limit: Math.min(q.limit === 200 ? 10_000 : q.limit, 10_000) });
      const labels = await labelsOf(ctx, rows);
      await recordAudit(db, ctx, {
        action: 'audit.export',
        entityType: 'audit',
        details: { filter: filterOf(q), rows: rows.length },
      });
      const header = csvLine([
        'id',
        `waktu (${zone.abbr})`,
        'pelaku',
        'peran',
        'tindakan',
        'jenis',
        'id_data',
        'data',
        'wilayah',
        'ip',
        'sebelum',
        'sesudah',
        'rincian',
      ]);
      return (
        header +
        rows
          .map((r) =>
            csvLine([
              r.id,
              localDateTime(r.at, zone),
              r.actor_label,
              isRole(r.actor_role) ? ROLE_LABELS[r.actor_role] : r.actor_role,
              actionLabel(r.action),
              r.entity_type,
              r.entity_id,
              labelOf(labels, r),
              r.region_code,
              r.ip,
              readableText(maskPersonal(r.before)),
              readableText(maskPersonal(r.after)),
              readableText(maskPersonal(r.details)),
            ]),
          )
          .join('')
      );
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
