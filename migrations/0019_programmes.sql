-- Programmes (Program Perlindungan, DESIGN §5): a sponsor's budget for a period, the benefit package and
-- income base it pays, whom it may cover (eligibility), in which order (priority weights) and how much
-- per regency/city (quotas). Months are stored as the first day of the month.
CREATE TABLE programmes (
  id uuid PRIMARY KEY DEFAULT payung_uuid7(),
  sponsor_id uuid NOT NULL REFERENCES sponsors (id),
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  -- Where the programme may cover workers: a regency sponsor's regency, else the sponsor's province.
  region_code text NOT NULL,
  period_start date NOT NULL CHECK (extract(day FROM period_start) = 1),
  period_end date NOT NULL CHECK (extract(day FROM period_end) = 1),
  budget bigint NOT NULL CHECK (budget >= 0),
  include_jht boolean NOT NULL DEFAULT false,
  income_base bigint NOT NULL DEFAULT 1000000 CHECK (income_base > 0),
  eligibility jsonb NOT NULL,
  priority_weights jsonb NOT NULL,
  quotas jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  version integer NOT NULL DEFAULT 1,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT programmes_period_order CHECK (period_end >= period_start)
);
CREATE INDEX programmes_sponsor_idx ON programmes (sponsor_id);
CREATE INDEX programmes_region_idx ON programmes (region_code);
