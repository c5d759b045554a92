-- The rows a dry run accepted wait here, already checked, until the import is committed.
--
-- Why: the commit then is set-based SQL (INSERT … SELECT from this table) instead of reading, parsing
-- and checking the whole file a second time; what gets imported is exactly what the operator reviewed.
-- UNLOGGED: these rows can always be made again from the stored file by running the dry run again, so
-- they skip the write-ahead log. After a server crash PostgreSQL empties the table; a commit that finds
-- fewer staged rows than its dry run counted asks for the dry run again (imports.service.ts).
CREATE UNLOGGED TABLE import_staged_workers (
  job_id uuid NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
  row_number integer NOT NULL,
  nik char(16) NOT NULL,
  full_name text NOT NULL,
  name_key text NOT NULL,
  sex char(1) NOT NULL,
  birth_place text,
  birth_date date NOT NULL,
  mother_maiden_name text,
  phone text,
  address text,
  province_code text NOT NULL,
  regency_code text NOT NULL,
  district_code text NOT NULL,
  village_code text,
  occupation text NOT NULL,
  declared_income bigint,
  -- The NIK was registered already at the dry run (an update, if the operator chooses so).
  registered boolean NOT NULL DEFAULT false,
  -- What the dry run reported for the row, kept for a commit that changes its outcome.
  warnings jsonb NOT NULL DEFAULT '[]',
  -- A possible duplicate found by the dry run: a registered worker, or an earlier row of the file.
  similar_worker_id uuid,
  similarity real,
  similar_row integer,
  PRIMARY KEY (job_id, row_number)
);

-- Time-ordered ids (UUID version 7, RFC 9562): new workers' index entries land at the right edge of
-- the primary key instead of on a random page, which makes large imports about a fifth faster
-- (docs/BENCHMARKS.md). 48 bits of milliseconds, then random bits, with the version and variant set.
CREATE FUNCTION payung_uuid7() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(
    set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
      PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
      FROM 1 FOR 6), 52, 1), 53, 1),
    'hex')::uuid
$$;
ALTER TABLE workers ALTER COLUMN id SET DEFAULT payung_uuid7();
