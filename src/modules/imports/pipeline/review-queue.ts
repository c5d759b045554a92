import type { Queryable } from '../../../platform/db/index.js';

/**
 * Possible duplicates of the new workers, with a registered worker or another row of the file, into
 * the review queue: the dry run staged each with the worker it is like (a registered one, or the worker
 * its twin row was to add; pointToRacedTwins corrects twins registered since). In id order, so the
 * queue's indexes fill from one end. No ON CONFLICT: every pair starts with a worker added just now,
 * once, so no pair can exist already; if one did, the import fails as a whole rather than silently
 * dropping a review.
 */
export async function queueStagedReviews(tx: Queryable, jobId: string): Promise<void> {
  await tx.query(
    `INSERT INTO duplicate_reviews (region_code, job_id, row_number, worker_id, other_worker_id, similarity)
     SELECT s.regency_code, s.job_id, s.row_number, s.worker_id, s.similar_worker_id, COALESCE(s.similarity, 1)
     FROM import_staged_workers s
     WHERE s.job_id = $1 AND NOT s.registered AND NOT s.raced
       AND s.similar_worker_id IS NOT NULL AND s.similar_worker_id <> s.worker_id
     ORDER BY s.worker_id`,
    [jobId],
  );
}
