-- The national Kemendagri hierarchy, loaded from the idn-area-data package (see src/modules/regions).
-- Reference data: small, read-mostly, and replicated to every node in a sharded deployment.
CREATE TABLE regions (
  code text PRIMARY KEY,
  level text NOT NULL CHECK (level IN ('province', 'regency', 'district', 'village')),
  parent_code text,
  name text NOT NULL,
  province_code text NOT NULL
);
CREATE INDEX regions_parent_idx ON regions (parent_code, code);

-- Which dataset version is loaded, so a newer package can be loaded over it.
CREATE TABLE region_dataset (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  source text NOT NULL,
  version text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now(),
  counts jsonb NOT NULL
);
