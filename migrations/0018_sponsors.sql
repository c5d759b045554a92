-- Sponsors (Penanggung / Pemberi Bantuan Iuran, DESIGN §5): who pays the contributions of the workers
-- a programme covers. A sponsor officer acts for one sponsor (users.sponsor_id) and sees only what its
-- programmes cover.
CREATE TABLE sponsors (
  id uuid PRIMARY KEY DEFAULT payung_uuid7(),
  kind text NOT NULL CHECK (kind IN (
    'apbd_province', 'apbd_regency', 'village_fund', 'csr_bumn', 'csr_bumd', 'csr_private', 'zakat', 'self'
  )),
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  -- The region the sponsor belongs to: the province for a provincial budget, the regency/city for a
  -- regency budget, a village for a village fund; any level for the others.
  region_code text NOT NULL,
  contact_name text,
  contact_phone text,
  contact_email text,
  is_active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sponsors_name_region_key ON sponsors (lower(name), region_code);

-- The sponsor a sponsor officer acts for (users.programme_ids, never used, is dropped: a sponsor
-- officer sees every programme of its sponsor).
ALTER TABLE users ADD COLUMN sponsor_id uuid REFERENCES sponsors (id);
ALTER TABLE users DROP COLUMN programme_ids;
CREATE INDEX users_sponsor_idx ON users (sponsor_id) WHERE sponsor_id IS NOT NULL;
