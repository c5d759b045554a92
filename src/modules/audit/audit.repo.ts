import type { ServiceContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/index.js';
import { Params } from '../../platform/db/sql.js';
import { dbFor } from '../../platform/db/unit-of-work.js';
import type { ResourceScope } from '../../platform/scope.js';
import type { WorkerPlace } from '../workers/index.js';
import type { AuditPlace } from './audit.scope.js';

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

/** The columns of an audit event, in the order both writers below fill them. */
const AUDIT_COLUMNS = `at, actor_id, actor_label, actor_role, action, entity_type, entity_id,
       region_code, ip, request_id, before, after, details`;

/**
 * Appends one event: in the context's transaction when it has one (ctx.tx), so a change and its record
 * commit or roll back together, however many modules the operation spans.
 */
export async function recordAudit(db: Queryable, ctx: AuditContext, e: AuditEvent): Promise<void> {
  await dbFor(db, ctx).query(
    `INSERT INTO audit_events (${AUDIT_COLUMNS})
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

/** Events a query yields, one per row (recordAuditFromSelect). */
export interface AuditSelect {
  /** `WITH` list the statement starts with (without the keyword): its data-modifying parts run in it. */
  with?: string;
  /**
   * A query with the columns entity_id (text), region_code (text), before, after and details (jsonb):
   * one event per row.
   */
  rows: string;
  /** The parameters `with` and `rows` use; the actor's and the action's are added to them. */
  params: Params;
}

/**
 * Appends one event per row of a query, set-based in one statement (the same events recordAudit would
 * write one by one). A change made in `with` and its record commit together, and its sub-statements
 * share one snapshot, so `rows` can read a table as it was before that change.
 */
export async function recordAuditFromSelect(
  db: Queryable,
  ctx: AuditContext,
  e: Pick<AuditEvent, 'action' | 'entityType'>,
  source: AuditSelect,
): Promise<number> {
  const p = source.params;
  const r = await dbFor(db, ctx).query(
    `${source.with ? `WITH ${source.with}` : ''}
     INSERT INTO audit_events (${AUDIT_COLUMNS})
     SELECT ${p.add(ctx.now)}, ${p.add(ctx.actor.id)}, ${p.add(ctx.actor.label)}, ${p.add(ctx.actor.role)},
            ${p.add(e.action)}::text, ${p.add(e.entityType)}::text, r.entity_id, r.region_code,
            ${p.add(ctx.origin ?? null)}::text, ${p.add(ctx.requestId)}, r.before, r.after, r.details
     FROM (${source.rows}) r`,
    p.values,
  );
  return r.rowCount;
}

export interface AuditFilter {
  entityIds?: readonly string[];
  actor?: string;
  action?: string;
  from?: Date;
  to?: Date;
  /** The events the reader may see (auditScope). */
  scope: ResourceScope<AuditPlace>;
  limit: number;
  beforeId?: number;
}

/** One event, if the reader's scope covers it. */
export async function findAudit(
  db: Queryable,
  id: number,
  scope: ResourceScope<AuditPlace>,
): Promise<AuditRow | null> {
  const p = new Params();
  const r = await db.query<AuditRow>(
    `SELECT * FROM audit_events e WHERE e.id = ${p.add(id)} AND ${scope.where('e', p)}`,
    p.values,
  );
  return r.rows[0] ?? null;
}

/** Whether this actor recorded a read of exactly this filter since `since` (repeat reads are not re-recorded). */
export async function hasRecentRead(
  db: Queryable,
  actor: { id: string; label: string },
  filter: unknown,
  since: Date,
): Promise<boolean> {
  const r = await db.query(
    `SELECT 1 FROM audit_events WHERE actor_label = $1 AND actor_id = $2 AND at >= $3
       AND action = 'audit.read' AND details -> 'filter' = $4::jsonb LIMIT 1`,
    [actor.label, actor.id, since, JSON.stringify(filter)],
  );
  return r.rows.length > 0;
}

export interface LabelSources {
  workers: readonly string[];
  users: readonly string[];
  imports: readonly string[];
  tokens: readonly string[];
}

/**
 * What the records of a page of events are called, one query per kind: workers (name and NIK, only in
 * the reader's scope of workers), users and tokens by e-mail and name, import files by name (only in
 * its scope of import jobs).
 */
export async function recordLabels(
  db: Queryable,
  ids: LabelSources,
  scopes: { workers: ResourceScope<WorkerPlace>; imports: ResourceScope<{ region_code: string }> },
): Promise<{
  workers: { id: string; full_name: string; nik: string }[];
  users: { id: string; email: string }[];
  imports: { id: string; file_name: string }[];
  tokens: { id: string; name: string }[];
}> {
  // One query per kind of record on the page, none for a kind it does not mention.
  const rowsOf = async <T>(
    ids: readonly string[],
    sql: string,
    params: readonly unknown[] = [ids],
  ): Promise<T[]> => (ids.length ? (await db.query<T>(sql, params)).rows : []);
  const p = new Params();
  const workerSql = `SELECT w.id::text AS id, w.full_name, w.nik FROM workers w
     WHERE w.id = ANY(${p.add(ids.workers)}::uuid[]) AND ${scopes.workers.where('w', p)}`;
  const q = new Params();
  const importSql = `SELECT j.id::text AS id, j.file_name FROM import_jobs j
     WHERE j.id = ANY(${q.add(ids.imports)}::uuid[]) AND ${scopes.imports.where('j', q)}`;
  const [workers, users, imports, tokens] = await Promise.all([
    rowsOf<{ id: string; full_name: string; nik: string }>(ids.workers, workerSql, p.values),
    rowsOf<{ id: string; email: string }>(
      ids.users,
      'SELECT id::text AS id, email FROM users WHERE id = ANY($1::uuid[])',
    ),
    rowsOf<{ id: string; file_name: string }>(ids.imports, importSql, q.values),
    rowsOf<{ id: string; name: string }>(
      ids.tokens,
      'SELECT id::text AS id, name FROM api_tokens WHERE id = ANY($1::uuid[])',
    ),
  ]);
  return { workers, users, imports, tokens };
}

export async function listAudit(db: Queryable, f: AuditFilter): Promise<AuditRow[]> {
  const p = new Params();
  const where: string[] = [];
  if (f.entityIds) where.push(`entity_id = ANY(${p.add(f.entityIds)}::text[])`);
  if (f.actor) where.push(`(actor_label = ${p.add(f.actor)} OR actor_id = ${p.add(f.actor)})`);
  if (f.action) where.push(`action = ${p.add(f.action)}`);
  if (f.from) where.push(`at >= ${p.add(f.from)}`);
  if (f.to) where.push(`at <= ${p.add(f.to)}`);
  if (f.beforeId) where.push(`id < ${p.add(f.beforeId)}`);
  where.push(f.scope.where('e', p));
  const r = await db.query<AuditRow>(
    `SELECT * FROM audit_events e WHERE ${where.join(' AND ')}
     ORDER BY id DESC LIMIT ${p.add(f.limit)}`,
    p.values,
  );
  return r.rows;
}
