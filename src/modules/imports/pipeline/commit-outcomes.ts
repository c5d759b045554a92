// Rows whose outcome an import changes from its dry run's: NIKs registered at the dry run (duplicates
// or updates) and NIKs registered by someone else since then (raced).
import type { ServiceContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db/index.js';
import { Params } from '../../../platform/db/sql.js';
import { updateWorkersFrom, workersScope } from '../../workers/index.js';
import type { RowResult } from '../imports.repo.js';
import {
  NIK_ALREADY_REGISTERED,
  nikRegisteredElsewhere,
  type ResultBack,
  resultOf,
  UPDATED_EXISTING,
} from './findings.js';

/** The staged rows whose NIK was registered at the dry run, their results rewritten: duplicates or updates. */
export async function rewriteRegistered(
  tx: Queryable,
  ctx: ServiceContext,
  jobId: string,
  updateExisting: boolean,
): Promise<RowResult[]> {
  const p = new Params();
  // The same words as the dry run: a holder outside the actor's region is not named, nor offered an update.
  const isInScope = workersScope(ctx.actor).where('w', p);
  const canUpdate = updateExisting ? isInScope : 'false';
  const r = await tx.query<ResultBack & { status: RowResult['status'] }>(
    `INSERT INTO import_row_results (job_id, row_number, status, errors, warnings, full_name, nik)
     SELECT s.job_id, s.row_number, CASE WHEN ${canUpdate} THEN 'accepted' ELSE 'duplicate' END, '[]'::jsonb,
            s.warnings || jsonb_build_array(CASE WHEN ${canUpdate} THEN ${p.add(JSON.stringify(UPDATED_EXISTING))}::jsonb
                                                 WHEN ${isInScope} THEN ${p.add(JSON.stringify(NIK_ALREADY_REGISTERED))}::jsonb
                                                 ELSE ${p.add(JSON.stringify(nikRegisteredElsewhere()))}::jsonb END),
            s.full_name, s.nik
     FROM import_staged_workers s JOIN workers w ON w.nik = s.nik
     WHERE s.job_id = ${p.add(jobId)} AND s.registered
     ON CONFLICT (job_id, row_number) DO UPDATE
       SET status = excluded.status, errors = excluded.errors, warnings = excluded.warnings
     RETURNING row_number, status, warnings, full_name AS name, nik`,
    p.values,
  );
  return r.rows.map((x) => resultOf(x, x.status));
}

/**
 * --update-existing: the staged values replace the registry's, for the NIKs registered at the dry run
 * within the actor's region (the rows rewriteRegistered reported as updates), audited per worker.
 */
export async function updateFromStaging(tx: Queryable, ctx: ServiceContext, jobId: string): Promise<void> {
  const p = new Params();
  const job = p.add(jobId);
  await updateWorkersFrom(
    tx,
    ctx,
    p,
    `SELECT w.id, s.* FROM import_staged_workers s JOIN workers w ON w.nik = s.nik
     WHERE s.job_id = ${job} AND s.registered AND ${workersScope(ctx.actor).where('w', p)}`,
    `jsonb_build_object('import', ${job}::text)`,
  );
}

/**
 * NIKs registered by someone else since the dry run: their rows become duplicates and are marked, so
 * the insert leaves them out. Rare; the incremental insert only looks when it skipped some.
 */
export async function markRaced(
  tx: Queryable,
  jobId: string,
  onRow?: (r: RowResult) => void,
): Promise<number> {
  const r = await tx.query<ResultBack>(
    `WITH raced AS (
       UPDATE import_staged_workers s SET raced = true
       FROM workers w
       WHERE s.job_id = $1 AND NOT s.registered AND w.nik = s.nik AND w.id <> s.worker_id
       RETURNING s.job_id, s.row_number, s.warnings, s.full_name, s.nik
     )
     INSERT INTO import_row_results (job_id, row_number, status, errors, warnings, full_name, nik)
     SELECT job_id, row_number, 'duplicate', '[]'::jsonb, warnings || jsonb_build_array($2::jsonb), full_name, nik
     FROM raced
     ON CONFLICT (job_id, row_number) DO UPDATE SET status = excluded.status, warnings = excluded.warnings
     RETURNING row_number, warnings, full_name AS name, nik`,
    [jobId, JSON.stringify(NIK_ALREADY_REGISTERED)],
  );
  for (const x of r.rows) onRow?.(resultOf(x, 'duplicate'));
  return r.rowCount;
}

/**
 * Rows staged as like another row of the file whose NIK was registered after the dry run (marked
 * raced): that row added no worker, so they are like the worker registered with its NIK.
 */
export async function pointToRacedTwins(tx: Queryable, jobId: string): Promise<void> {
  await tx.query(
    `UPDATE import_staged_workers s SET similar_worker_id = w.id
     FROM import_staged_workers t JOIN workers w ON w.nik = t.nik
     WHERE t.job_id = $1 AND t.raced AND s.job_id = $1 AND s.similar_row = t.row_number
       AND s.similar_worker_id = t.worker_id`,
    [jobId],
  );
}
