-- The dry run's own tables no longer check their link to import_jobs.
--
-- Why: a foreign key is checked for every row written, one lookup of the job per row, run as a trigger
-- after the row: about 2.4 s per million staged rows on PostgreSQL 15, and 3 s on PGlite, where it runs
-- on the application's own thread (docs/BENCHMARKS.md). Both tables are the dry run's scratch work:
-- written only by the import pipeline, always with the id of the job it is checking, inside that job's
-- transaction; a job's rows are replaced as a whole each time it is checked again and removed by the
-- pipeline itself (imports.pipeline.ts). Import jobs are never deleted, so the cascades never ran.
-- The staged rows: up to a million per file, and they can always be made again from the stored file.
ALTER TABLE import_staged_workers DROP CONSTRAINT import_staged_workers_job_id_fkey;
-- The rows needing attention (a quarter of a million for a million-row file with many warnings).
ALTER TABLE import_row_results DROP CONSTRAINT import_row_results_job_id_fkey;
