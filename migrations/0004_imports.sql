-- Bulk import of regency spreadsheets.

CREATE TABLE import_jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL,
  created_by text NOT NULL,
  created_by_id text NOT NULL,
  file_name text NOT NULL,
  file_kind text NOT NULL CHECK (file_kind IN ('csv', 'xlsx')),
  file_size bigint NOT NULL,
  file_sha256 text NOT NULL,
  stored_path text NOT NULL,
  header_row integer,
  mapping jsonb,
  status text NOT NULL CHECK (status IN ('uploaded', 'validating', 'validated', 'importing', 'imported', 'failed')),
  update_existing boolean NOT NULL DEFAULT false,
  progress_rows integer NOT NULL DEFAULT 0,
  counts jsonb,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  validated_at timestamptz,
  imported_at timestamptz
);
CREATE INDEX import_jobs_region_idx ON import_jobs (region_code, created_at DESC);

-- Only rows that need a person's eye: rejected, duplicate, or accepted with warnings.
CREATE TABLE import_row_results (
  job_id uuid NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
  row_number integer NOT NULL,
  status text NOT NULL,
  errors jsonb NOT NULL DEFAULT '[]',
  warnings jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (job_id, row_number)
);

-- Column mappings saved for next time, keyed by the header row's normalised text.
CREATE TABLE import_mappings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL,
  header_signature text NOT NULL,
  name text NOT NULL,
  mapping jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, header_signature)
);

-- Possible duplicates (a different NIK, the same or a very similar name and the same birth date) wait
-- here for a person to decide: merge, or keep both.
CREATE TABLE duplicate_reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL,
  job_id uuid REFERENCES import_jobs (id) ON DELETE SET NULL,
  row_number integer,
  worker_id uuid NOT NULL,
  other_worker_id uuid NOT NULL,
  similarity real NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'kept_both')),
  decided_by text,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (worker_id, other_worker_id)
);
CREATE INDEX duplicate_reviews_open_idx ON duplicate_reviews (region_code, status);

CREATE INDEX workers_birth_date_idx ON workers (birth_date, sex);
