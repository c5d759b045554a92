CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- One row per person. Every row carries its whole region chain so that lists are scoped and filtered
-- without joins, and so the table can later be distributed by region (e.g. Citus on regency_code).
-- Region columns hold codes without a foreign key on purpose: regions is reference data, and a
-- code retired by Kemendagri must not make old rows unreadable.
CREATE TABLE workers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  nik char(16) NOT NULL,
  full_name text NOT NULL,
  -- nameSearchKey(full_name): lower-case, spelling variants folded (src/domain/names.ts)
  name_key text NOT NULL,
  sex char(1) NOT NULL CHECK (sex IN ('L', 'P')),
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
  declared_income bigint CHECK (declared_income >= 0),
  in_welfare_register boolean NOT NULL DEFAULT false,
  has_disability boolean NOT NULL DEFAULT false,
  is_female_head_of_household boolean NOT NULL DEFAULT false,
  consent_method text NOT NULL,
  consent_given_at timestamptz NOT NULL,
  consent_recorded_by text NOT NULL,
  is_active boolean NOT NULL DEFAULT true,
  deactivation_reason text,
  deactivated_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  source text NOT NULL DEFAULT 'form',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT workers_deactivation_has_reason CHECK (is_active OR deactivation_reason IS NOT NULL)
);

CREATE UNIQUE INDEX workers_nik_key ON workers (nik);
CREATE INDEX workers_name_key_trgm ON workers USING gin (name_key gin_trgm_ops);
CREATE INDEX workers_name_order_idx ON workers (name_key, id);
CREATE INDEX workers_regency_idx ON workers (regency_code, name_key, id);
CREATE INDEX workers_district_idx ON workers (district_code, name_key, id);
CREATE INDEX workers_village_idx ON workers (village_code);
