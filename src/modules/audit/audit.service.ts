import type { AuditItem, AuditQuery } from '../../contracts/access.js';
import type { ServiceContext } from '../../platform/context.js';
import { csvLine } from '../../platform/csv.js';
import type { Database } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../access/policy.js';
import { levelOf } from '../regions/catalog.js';
import { type AuditRow, listAudit, recordAudit } from './audit.repo.js';

function present(r: AuditRow): AuditItem {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actor: r.actor_label,
    actorRole: r.actor_role,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    regionCode: r.region_code,
    ip: r.ip,
    requestId: r.request_id,
    before: r.before ?? null,
    after: r.after ?? null,
    details: r.details ?? null,
  };
}

function toDate(value: string | undefined, endOfDay: boolean): Date | undefined {
  if (!value) return undefined;
  const d = new Date(
    /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00'}+07:00` : value,
  );
  if (Number.isNaN(d.getTime())) throw new AppError('BAD_REQUEST', `Tanggal tidak valid: ${value}`);
  return d;
}

export function createAuditService(deps: { db: Database }) {
  const { db } = deps;

  async function query(ctx: ServiceContext, q: AuditQuery): Promise<AuditRow[]> {
    authorize(ctx.actor, 'audit.read');
    return listAudit(db, {
      ...(q.entityId ? { entityId: q.entityId } : {}),
      ...(q.actor ? { actor: q.actor } : {}),
      ...(q.action ? { action: q.action } : {}),
      ...(q.from ? { from: toDate(q.from, false)! } : {}),
      ...(q.to ? { to: toDate(q.to, true)! } : {}),
      ...(q.before ? { beforeId: q.before } : {}),
      scope: ctx.actor.regionCodes,
      provinceWide: ctx.actor.regionCodes.some((c) => levelOf(c) === 'province'),
      limit: q.limit,
    });
  }

  return {
    async list(
      ctx: ServiceContext,
      q: AuditQuery,
    ): Promise<{ items: AuditItem[]; nextBefore: number | null }> {
      const rows = await query(ctx, q);
      return {
        items: rows.map(present),
        nextBefore: rows.length === q.limit ? (rows.at(-1)?.id ?? null) : null,
      };
    },

    /** CSV export of the same filter (up to 10,000 events); the export itself is recorded. */
    async exportCsv(ctx: ServiceContext, q: AuditQuery): Promise<string> {
      const rows = await query(ctx, { ...q, limit: Math.min(q.limit === 200 ? 10_000 : q.limit, 10_000) });
      await recordAudit(db, ctx, {
        action: 'audit.export',
        entityType: 'audit',
        details: { filter: q, rows: rows.length },
      });
      const header = csvLine([
        'id',
        'waktu',
        'pelaku',
        'peran',
        'tindakan',
        'jenis',
        'id_data',
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
              r.at,
              r.actor_label,
              r.actor_role,
              r.action,
              r.entity_type,
              r.entity_id,
              r.region_code,
              r.ip,
              r.before,
              r.after,
              r.details,
            ]),
          )
          .join('')
      );
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
