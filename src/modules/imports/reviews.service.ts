import { z } from 'zod';
import { Uuid } from '../../contracts/common.js';
import type { DuplicateDecision, DuplicatePage, DuplicateQuery } from '../../contracts/imports.js';
import type { ServiceContext } from '../../platform/context.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import type { Database, Queryable } from '../../platform/db/index.js';
import { Params } from '../../platform/db/sql.js';
import { dbFor, inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import type { RegionCatalog } from '../regions/index.js';
import { deactivateMergedWorker, presentWorker, type WorkerRow, workersScope } from '../workers/index.js';
import { duplicateReviewsScope } from './imports.scope.js';

interface ReviewRow {
  id: string;
  region_code: string;
  job_id: string | null;
  row_number: number | null;
  worker_id: string;
  other_worker_id: string;
  similarity: number;
  status: 'open' | 'merged' | 'kept_both';
  created_at: Date;
}

/** A page of the queue ends at this pair: its creation key and id. */
const ReviewCursor = z.object({ t: z.string().max(40), id: Uuid });

/**
 * The queue of possible duplicates (Kemungkinan Data Ganda): two records with different NIKs, the same
 * birth date and very similar names. A person looks at both side by side and decides: merge (the other
 * record is deactivated, pointing at the kept one) or keep both. Both records must be in the
 * reviewer's scope.
 */
export function createReviewService(deps: { db: Database; catalog: RegionCatalog }) {
  const { db, catalog } = deps;

  const revive = (w: WorkerRow) => ({
    ...w,
    consent_given_at: new Date(w.consent_given_at),
    created_at: new Date(w.created_at),
    updated_at: new Date(w.updated_at),
    deactivated_at: w.deactivated_at ? new Date(w.deactivated_at) : null,
  });
  const present = (x: ReviewRow & { a: WorkerRow; b: WorkerRow }, ctx: ServiceContext) => ({
    id: x.id,
    status: x.status,
    similarity: x.similarity,
    jobId: x.job_id,
    row: x.row_number,
    createdAt: x.created_at.toISOString(),
    // Side by side, masked like any list; the detail view shows the full record.
    worker: presentWorker(revive(x.a), catalog, ctx.now, undefined, true),
    other: presentWorker(revive(x.b), catalog, ctx.now, undefined, true),
  });

  /** The review with its two workers, or null when it is missing or the actor may not see it. */
  async function load(ctx: ServiceContext, q: Queryable, id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const p = new Params();
    const r = await q.query<ReviewRow>(
      `SELECT * FROM duplicate_reviews d WHERE d.id = ${p.add(id)} AND ${duplicateReviewsScope(ctx.actor).where('d', p)}`,
      p.values,
    );
    const review = r.rows[0];
    if (!review) return null;
    const w = await q.query<WorkerRow>('SELECT * FROM workers WHERE id = ANY($1::uuid[])', [
      [review.worker_id, review.other_worker_id],
    ]);
    const a = w.rows.find((x) => x.id === review.worker_id);
    const b = w.rows.find((x) => x.id === review.other_worker_id);
    return a && b ? { review, a, b } : null;
  }

  /** The reviews a query asks for that the actor may see (both workers in scope), as SQL conditions. */
  function listFilter(ctx: ServiceContext, q: Pick<DuplicateQuery, 'status' | 'jobId'>, p: Params) {
    // The two workers are joined anyway: duplicateReviewsScope's rule, put on each of them.
    const workers = workersScope(ctx.actor);
    return `d.status = ${p.add(q.status)} ${q.jobId ? `AND d.job_id = ${p.add(q.jobId)}` : ''}
      AND ${workers.where('a', p)} AND ${workers.where('b', p)}`;
  }

  return {
    /**
     * A page of the queue, newest first, with the true number of reviews the query matches: an import
     * can bring thousands, so the queue pages (keyset, like the workers list) and can be narrowed to
     * one import.
     */
    async list(ctx: ServiceContext, query: Partial<DuplicateQuery> = {}): Promise<DuplicatePage> {
      authorize(ctx.actor, 'worker.read');
      const q = { status: query.status ?? 'open', limit: query.limit ?? 50, jobId: query.jobId };
      const after = query.cursor ? decodeCursor(query.cursor, ReviewCursor) : null;
      const joins = `FROM duplicate_reviews d
         JOIN workers a ON a.id = d.worker_id JOIN workers b ON b.id = d.other_worker_id`;
      const p = new Params();
      const where = listFilter(ctx, q, p);
      const keyset = after
        ? `AND (d.created_at, d.id) < (${p.add(after.t)}::timestamptz, ${p.add(after.id)}::uuid)`
        : '';
      const q0 = dbFor(db, ctx);
      const r = await q0.query<ReviewRow & { a: WorkerRow; b: WorkerRow; created_key: string }>(
        `SELECT d.*, d.created_at::text AS created_key, to_jsonb(a) AS a, to_jsonb(b) AS b ${joins}
         WHERE ${where} ${keyset}
         ORDER BY d.created_at DESC, d.id DESC LIMIT ${p.add(q.limit + 1)}`,
        p.values,
      );
      const c = new Params();
      const total = await q0.query<{ n: number }>(
        `SELECT count(*)::int AS n ${joins} WHERE ${listFilter(ctx, q, c)}`,
        c.values,
      );
      const rows = r.rows.slice(0, q.limit);
      const last = rows.at(-1);
      return {
        items: rows.map((x) => present(x, ctx)),
        total: total.rows[0]?.n ?? 0,
        nextCursor:
          r.rows.length > q.limit && last ? encodeCursor({ t: last.created_key, id: last.id }) : null,
      };
    },

    async decide(
      ctx: ServiceContext,
      id: string,
      decision: 'merge' | 'keep_both',
      keepId?: string,
    ): Promise<DuplicateDecision> {
      authorize(ctx.actor, 'worker.write');
      return inTransaction(db, ctx, async (txCtx) => {
        const tx = dbFor(db, txCtx);
        const found = await load(txCtx, tx, id);
        if (!found) throw new AppError('NOT_FOUND', 'Kemungkinan Data Ganda yang diperiksa tidak ditemukan.');
        const { review, a, b } = found;
        if (review.status !== 'open')
          throw new AppError('REVIEW_DECIDED', 'Kemungkinan Data Ganda ini sudah diputuskan.');
        if (decision === 'merge') {
          const keep = keepId === b.id ? b : a;
          const drop = keep.id === a.id ? b : a;
          if (keepId && keepId !== a.id && keepId !== b.id)
            throw new AppError('BAD_REQUEST', 'Data yang dipertahankan harus salah satu dari kedua data.');
          await deactivateMergedWorker(tx, drop.id, keep.id, ctx.now);
          await recordAudit(db, txCtx, {
            action: 'worker.merge',
            entityType: 'worker',
            entityId: drop.id,
            regionCode: drop.village_code ?? drop.district_code,
            before: { isActive: drop.is_active },
            after: { isActive: false, mergedInto: keep.id },
            details: { reviewId: id },
          });
        }
        await tx.query(
          'UPDATE duplicate_reviews SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1',
          [id, decision === 'merge' ? 'merged' : 'kept_both', ctx.actor.label, ctx.now],
        );
        await recordAudit(db, txCtx, {
          action: `duplicate.${decision}`,
          entityType: 'duplicate_review',
          entityId: id,
          regionCode: review.region_code,
          details: { workers: [a.id, b.id], keep: keepId ?? null },
        });
        return { id, status: decision === 'merge' ? 'merged' : 'kept_both' };
      });
    },
  };
}
