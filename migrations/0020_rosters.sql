-- Rosters (allocation): one allocation of a programme's budget, proposed by one person and approved or
-- rejected by another (maker–checker). The chosen workers are the roster's enrolments (status
-- 'proposed' until approved and sent to BPJS). `settings` keeps the rules, weights, quotas, package and
-- base the allocation used and `result` its summary (eligible, selected, cost, limitedBy, by regency),
-- so a roster can be explained after the programme changes.
CREATE TABLE rosters (
  id uuid PRIMARY KEY DEFAULT payung_uuid7(),
  programme_id uuid NOT NULL REFERENCES programmes (id),
  -- Copied from the programme: scopes (the region's readers, the sponsor's officers) need no join.
  sponsor_id uuid NOT NULL REFERENCES sponsors (id),
  region_code text NOT NULL,
  status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'rejected')),
  budget bigint NOT NULL CHECK (budget >= 0),
  settings jsonb NOT NULL,
  result jsonb NOT NULL,
  proposed_by text NOT NULL,
  proposed_by_label text NOT NULL,
  proposed_at timestamptz NOT NULL DEFAULT now(),
  decided_by text,
  decided_by_label text,
  decided_at timestamptz,
  decision_note text,
  -- The durable job that proposed it: a re-run of the job after it committed finds its roster.
  job_id uuid UNIQUE,
  CONSTRAINT rosters_checker_is_not_maker CHECK (decided_by IS NULL OR decided_by <> proposed_by)
);
CREATE INDEX rosters_programme_idx ON rosters (programme_id, proposed_at);
CREATE INDEX rosters_sponsor_idx ON rosters (sponsor_id);
-- At most one roster of a programme waits for approval at a time.
CREATE UNIQUE INDEX rosters_one_pending ON rosters (programme_id) WHERE status = 'proposed';
