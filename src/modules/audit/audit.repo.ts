import type { ServiceContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/index.js';
import { Params } from '../../platform/db/sql.js';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

export interface AuditRow {
  id: number;
  at: Date;
  actor_id: string;
  actor_label: string;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  region_code: string | null;
  ip: string | null;
  request_id: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
}

/** Who an event is attributed to; for a failed sign-in with an unknown e-mail, nobody known. */
export type AuditContext = Omit<ServiceContext, 'actor'> & {
  actor: { id: string; label: string; role: string };
};

/** Appends one event, in the caller's transaction so a change and its record commit together. */
export async function recordAudit(db: Queryable, ctx: AuditContext, e: AuditEvent): Promise<void> {
  await db.query(
    `INSERT INTO audit_events (at, actor_id, actor_label, actor_role, action, entity_type, entity_id,
       region_code, ip, request_id, before, after, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      ctx.now,
      ctx.actor.id,
      ctx.actor.label,
      ctx.actor.role,
      e.action,
      e.entityType,
      e.entityId ?? null,
      e.regionCode ?? null,
      ctx.origin ?? null,
      ctx.requestId,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
      e.details === undefined ? null : JSON.stringify(e.details),
    ],
  );
}

export interface AuditFilter {
  entityId?: string;
  actor?: string;
  action?: string;
  from?: Date;
  to?: Date;
  /** Region codes the reader may see; events without a region only for province-wide readers. */
  scope: readonly string[];
  provinceWide: boolean;
  limit: number;
  beforeId?: number;
}

export async function listAudit(db: Queryable, f: AuditFilter): Promise<AuditRow[]> {
  const p = new Params();
  const where: string[] = [];
  if (f.entityId) where.push(`entity_id = ${p.add(f.entityId)}`);
  if (f.actor) where.push(`(actor_label = ${p.add(f.actor)} OR actor_id = ${p.add(f.actor)})`);
  if (f.action) where.push(`action = ${p.add(f.action)}`);
  if (f.from) where.push(`at >= ${p.add(f.from)}`);
  if (f.to) where.push(`at <= ${p.add(f.to)}`);
  if (f.beforeId) where.push(`id < ${p.add(f.beforeId)}`);
  if (!f.provinceWide) {
    const prefixes = f.scope.map((c) => `${c}%`);
    where.push(`region_code IS NOT NULL AND region_code LIKE ANY(${p.add(prefixes)}::text[])`);
  } else {
    const prefixes = f.scope.map((c) => `${c}%`);
    where.push(`(region_code IS NULL OR region_code LIKE ANY(${p.add(prefixes)}::text[]))`);
  }
  const r = await db.query<AuditRow>(
    `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY id DESC LIMIT ${p.add(f.limit)}`,
    p.values,
  );
  return r.rows;
}
