-- The exchange with BPJS Ketenagakerjaan as durable jobs (issue #14): a roster export or a response
-- import works in slices of enrolments, one transaction each, and what a run has done is kept here in
-- the same transaction as the enrolments it changed. A run interrupted after a slice is re-run by the
-- job runner and resumes after that slice: nothing is done twice, and its counts are those of one
-- clean run. One row per job (dry runs write none).
CREATE TABLE enrolment_exchanges (
  job_id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('export', 'response')),
  programme_id uuid NOT NULL REFERENCES programmes (id),
  -- Response: how many of the file's checked rows the committed slices have applied.
  next_line integer NOT NULL DEFAULT 0,
  submitted integer NOT NULL DEFAULT 0,
  activated integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0,
  unchanged integer NOT NULL DEFAULT 0,
  -- Rows the database refused (unknown NIK, KPJ taken, …): the first 1,000 in row order, and the count.
  errors jsonb NOT NULL DEFAULT '[]',
  error_count integer NOT NULL DEFAULT 0,
  -- Set with the run's audit event: the run's answer, returned again by a re-run.
  result jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX enrolment_exchanges_programme_idx ON enrolment_exchanges (programme_id, created_at);

-- Status changes without touching an index (HOT updates, docs/BENCHMARKS.md "enrolments as jobs"):
-- submitting and activating rewrote every enrolment row and inserted a new entry into each of its seven
-- indexes, because `status` was a column of enrolments_programme_idx and of the no-double-funding
-- constraint's predicate. The predicate now reads a generated column that only changes when an
-- enrolment stops holding its months (rejected, cancelled), the programme index no longer carries the
-- status, and pages keep room for the new row versions (fillfactor 50: a status change rewrites every
-- row of a page in the same statement, so each page needs room for all of them).
ALTER TABLE enrolments
  ADD COLUMN holds_months boolean GENERATED ALWAYS AS (status IN ('proposed', 'submitted', 'active', 'ended')) STORED;
ALTER TABLE enrolments DROP CONSTRAINT enrolments_no_double_funding;
ALTER TABLE enrolments ADD CONSTRAINT enrolments_no_double_funding
  EXCLUDE USING gist (worker_id WITH =, months WITH &&) WHERE (holds_months);
DROP INDEX enrolments_programme_idx;
CREATE INDEX enrolments_programme_idx ON enrolments (programme_id, id);
ALTER TABLE enrolments SET (fillfactor = 50);
