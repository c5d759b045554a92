-- A staged row like an earlier row of its file now carries, from the dry run, the worker that row
-- adds (or the registered worker with that row's NIK) in similar_worker_id, as one like a registered
-- worker always did; the import then fills the review queue straight from the staging, without
-- looking each twin row up (imports.pipeline.ts, commitStaged step 4).
--
-- Rows staged by an earlier version's dry run and not imported yet get the same here, as that
-- version's import would have looked them up: the twin's own worker, or the registered worker with
-- its NIK. A twin that was not staged (registered outside the importing region) still gives none.
UPDATE import_staged_workers s
SET similar_worker_id = CASE WHEN t.registered THEN (SELECT w.id FROM workers w WHERE w.nik = t.nik)
                             ELSE t.worker_id END
FROM import_staged_workers t
WHERE s.similar_row IS NOT NULL AND s.similar_worker_id IS NULL
  AND t.job_id = s.job_id AND t.row_number = s.similar_row;

-- The review queue's link to the job that flagged a pair is no longer checked by a foreign key: it is
-- checked for every row written, one lookup of the job per row (0.5 s for the 147,337 pairs of the
-- benchmark's million rows, inside the import's lock of the registry). Reviews are written only by
-- the import, with the id of the job being imported, in its transaction; import jobs are never
-- deleted (as for the dry run's tables, migration 0009).
ALTER TABLE duplicate_reviews DROP CONSTRAINT IF EXISTS duplicate_reviews_job_id_fkey;
