-- The distinct name keys of workers, so fuzzy name search ranks names and not people.
--
-- Why: searching `workers` itself through its trigram index has to fetch and score every matching row
-- before it can return the best 25: "siti" or "muhammad rizki" match ~15,000 of 1,000,000 workers, which
-- means reading ~12,000 heap pages per query (p95 300–450 ms on PostgreSQL 15, see docs/BENCHMARKS.md).
-- The score depends on the name key only, and there are far fewer keys than people. So the search
-- scores the keys here (a small table with its own trigram index), walks them best first, and takes
-- each key's workers from the (name_key, id) index until the page is full (workers.repo.ts,
-- searchByName).
--
-- Kept up to date by statement-level triggers on workers (one INSERT … SELECT DISTINCT per statement,
-- however many rows it wrote), so every writer — form, import, demo seed, edit — is covered. Keys
-- are only ever added: a key no worker carries any more costs one index probe and finds nobody.
-- Small reference data: on a sharded (Citus) set-up this is a reference table.
CREATE TABLE worker_name_keys (
  name_key text PRIMARY KEY
);
CREATE INDEX worker_name_keys_trgm ON worker_name_keys USING gin (name_key gin_trgm_ops);

INSERT INTO worker_name_keys (name_key) SELECT DISTINCT name_key FROM workers;

CREATE FUNCTION worker_name_keys_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Sorted, so two transactions adding overlapping keys take them in the same order (no deadlock).
  INSERT INTO worker_name_keys (name_key)
  SELECT DISTINCT name_key FROM changed_rows ORDER BY name_key
  ON CONFLICT (name_key) DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER workers_name_keys_on_insert AFTER INSERT ON workers
  REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION worker_name_keys_add();
CREATE TRIGGER workers_name_keys_on_update AFTER UPDATE ON workers
  REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION worker_name_keys_add();
