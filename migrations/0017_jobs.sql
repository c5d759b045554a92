-- Durable background jobs (decision 0018): work that outlives the request that asked for it (an
-- import's dry run and commit; later billing runs, card batches, roster exchange, reports). Any app
-- server sharing the database claims queued jobs with FOR UPDATE SKIP LOCKED, holds a lease while it
-- runs one and renews it; a job whose lease ran out (its server was killed) is claimed again and re-run.
CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  state text NOT NULL DEFAULT 'queued'
    CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  -- At most one queued or running job per key (e.g. 'import:<id>'): a second request for the same
  -- work finds the first instead of starting it twice.
  key text,
  payload jsonb NOT NULL DEFAULT '{}',
  progress jsonb,
  result jsonb,
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
  run_after timestamptz NOT NULL DEFAULT now(),
  lease_until timestamptz,
  locked_by text,
  last_error text,
  cancel_requested boolean NOT NULL DEFAULT false,
  created_by text,
  -- The region the job's data belongs to, for scoped reads (an import's region); null: not scoped.
  region_code text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);

-- The claim: the oldest due queued job, or a running one whose lease ran out.
CREATE INDEX jobs_queued_idx ON jobs (run_after, created_at) WHERE state = 'queued';
CREATE INDEX jobs_lease_idx ON jobs (lease_until) WHERE state = 'running';
CREATE UNIQUE INDEX jobs_active_key ON jobs (key) WHERE key IS NOT NULL AND state IN ('queued', 'running');
CREATE INDEX jobs_key_idx ON jobs (key, created_at DESC) WHERE key IS NOT NULL;

-- Imports interrupted before their steps became jobs: failed, as the start-up did until now (a dry run
-- or commit left half-way writes nothing). From here on such a step is a job and is run again.
UPDATE import_jobs SET status = 'failed',
  error = 'Proses terhenti sebelum selesai (server dimatikan). Tidak ada data yang tersimpan sebagian; jalankan lagi.'
WHERE status IN ('validating', 'importing');
