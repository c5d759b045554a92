-- Enrolments (Kepesertaan, DESIGN §5): a worker in a programme for a run of months.
-- proposed → submitted → active → ended, or rejected by BPJS; cancelled when its roster is rejected.
-- No worker is ever paid for twice for the same month: the exclusion constraint below refuses two
-- enrolments of one worker whose months overlap while either holds its months (every status but
-- rejected and cancelled), whichever path writes them and however many write at once.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE enrolments (
  id uuid PRIMARY KEY DEFAULT payung_uuid7(),
  worker_id uuid NOT NULL REFERENCES workers (id),
  programme_id uuid NOT NULL REFERENCES programmes (id),
  roster_id uuid REFERENCES rosters (id),
  -- Copied from the programme and the worker's domicile when proposed: scopes and shards need no join.
  sponsor_id uuid NOT NULL REFERENCES sponsors (id),
  province_code text NOT NULL,
  regency_code text NOT NULL,
  district_code text NOT NULL,
  status text NOT NULL DEFAULT 'proposed'
    CHECK (status IN ('proposed', 'submitted', 'active', 'ended', 'rejected', 'cancelled')),
  -- First day of the first and of the last month paid for; an enrolment ended early keeps the months
  -- up to its end (last_month is moved back) and frees the rest.
  first_month date NOT NULL CHECK (extract(day FROM first_month) = 1),
  last_month date NOT NULL CHECK (extract(day FROM last_month) = 1),
  -- Both ends are first days of months, so the closed range of those days overlaps another exactly when
  -- the two share a month.
  months daterange GENERATED ALWAYS AS (daterange(first_month, last_month, '[]')) STORED,
  -- The allocation's order and the worker's vulnerability score (points) when chosen.
  rank integer,
  score integer,
  monthly_cost bigint NOT NULL CHECK (monthly_cost >= 0),
  total_cost bigint NOT NULL CHECK (total_cost >= 0),
  kpj char(11) CHECK (kpj ~ '^[0-9]{11}$'),
  coverage_start date,
  rejection_reason text,
  end_reason text CHECK (end_reason IN ('period_over', 'withdrawn', 'died', 'wage_earner')),
  ended_on date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT enrolments_month_order CHECK (last_month >= first_month),
  CONSTRAINT enrolments_active_has_kpj CHECK (status NOT IN ('active', 'ended') OR kpj IS NOT NULL OR end_reason IS NOT NULL),
  CONSTRAINT enrolments_no_double_funding EXCLUDE USING gist (worker_id WITH =, months WITH &&)
    WHERE (status IN ('proposed', 'submitted', 'active', 'ended'))
);
-- A programme's enrolments of one status in id order: the keyset pages of its list and of the roster export.
CREATE INDEX enrolments_programme_idx ON enrolments (programme_id, status, id);
CREATE INDEX enrolments_roster_idx ON enrolments (roster_id);
CREATE INDEX enrolments_worker_idx ON enrolments (worker_id);
CREATE INDEX enrolments_sponsor_idx ON enrolments (sponsor_id);
CREATE INDEX enrolments_regency_idx ON enrolments (regency_code, programme_id);

-- Every change of an enrolment's status: when, from what, to what, why, by whom (history shown on the
-- worker's and the programme's pages). Written only in the statement that changes the enrolment, and
-- enrolments are never deleted, so `enrolment_id` has no foreign key: its check (a trigger per row) was a
-- fifth of the time of applying a 100,000-row BPJS response (docs/BENCHMARKS.md, enrolments).
CREATE TABLE enrolment_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enrolment_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  effective_on date,
  from_status text,
  to_status text NOT NULL,
  reason text,
  actor_id text NOT NULL,
  actor_label text NOT NULL
);
CREATE INDEX enrolment_events_enrolment_idx ON enrolment_events (enrolment_id, id);

-- A KPJ (BPJS Ketenagakerjaan participant number) belongs to one person for life: the same worker keeps
-- it in every programme, and no two workers share one.
CREATE TABLE participant_numbers (
  kpj char(11) PRIMARY KEY CHECK (kpj ~ '^[0-9]{11}$'),
  worker_id uuid NOT NULL UNIQUE REFERENCES workers (id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
