-- NIKs, folded name keys and region codes compare byte by byte (collation "C") wherever the registry
-- and the import keep them.
--
-- Why: they are identifiers and folded keys, not text to sort for a reader: NIKs and region codes are
-- digits and dots, name keys lower-case letters without accents, digits and spaces (domain/names.ts), so byte order
-- is the order a person expects, on any server whatever its default locale. Compared through the
-- locale's rules instead (C.UTF-8, en_US…), every comparison goes through the C library and
-- PostgreSQL cannot sort by abbreviated keys: a large import's index builds on these columns took
-- 12–23% longer (docs/BENCHMARKS.md). A `LIKE 'abc%'` on a name key can now use the name-order index.
-- The tables that compare these columns with each other change together: a comparison between two
-- different collations is an error in PostgreSQL. Their indexes are rebuilt by the change.
ALTER TABLE workers
  ALTER COLUMN nik TYPE char(16) COLLATE "C",
  ALTER COLUMN name_key TYPE text COLLATE "C",
  ALTER COLUMN province_code TYPE text COLLATE "C",
  ALTER COLUMN regency_code TYPE text COLLATE "C",
  ALTER COLUMN district_code TYPE text COLLATE "C",
  ALTER COLUMN village_code TYPE text COLLATE "C";
ALTER TABLE import_staged_workers
  ALTER COLUMN nik TYPE char(16) COLLATE "C",
  ALTER COLUMN name_key TYPE text COLLATE "C",
  ALTER COLUMN province_code TYPE text COLLATE "C",
  ALTER COLUMN regency_code TYPE text COLLATE "C",
  ALTER COLUMN district_code TYPE text COLLATE "C",
  ALTER COLUMN village_code TYPE text COLLATE "C";
ALTER TABLE worker_name_keys ALTER COLUMN name_key TYPE text COLLATE "C";
