-- Each worker's name key carries its distinct trigram count and a 64-bit signature of its trigrams, so
-- the dry run's possible-duplicate query can skip most same-birthday pairs before pg_trgm compares them.
--
-- Why: a new row is compared with every registered worker of the same birth date and sex (about 34
-- per row in a million-worker registry), and pg_trgm's similarity() makes both names' trigrams again
-- for each pair: that was 80% of the query's time (docs/BENCHMARKS.md). With a trigram set's size n
-- and signature s (one bit per trigram), the trigrams of A missing from B are at least
-- bit_count(sA & ~sB), so A and B share at most X = least(nA - bit_count(sA & ~sB),
-- nB - bit_count(sB & ~sA)) and their similarity is at most X / (nA + nB - X). Below the threshold,
-- the pair cannot match: exact, never a guess (decision 0009).
--
-- The import computes both in JavaScript (domain/import/duplicates.ts, trigramSignature: the same
-- formula, tested against this one) for plain a–z/0–9 keys; every other writer, and every other
-- key, gets them from the triggers below.
ALTER TABLE workers ADD COLUMN name_trigram_signature bigint, ADD COLUMN name_trigram_count smallint;
ALTER TABLE import_staged_workers
  ADD COLUMN name_trigram_signature bigint,
  ADD COLUMN name_trigram_count smallint;

CREATE FUNCTION payung_name_trigrams(key text, OUT signature bigint, OUT count smallint)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(bit_or(1::bigint << ((ascii(substr(t, 1, 1)) * 1089 + ascii(substr(t, 2, 1)) * 33
                                        + ascii(substr(t, 3, 1))) % 64)), 0),
         count(*)::smallint
  FROM unnest(show_trgm(key)) AS t
$$;

CREATE FUNCTION workers_name_trigrams() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT t.signature, t.count INTO NEW.name_trigram_signature, NEW.name_trigram_count
  FROM payung_name_trigrams(NEW.name_key) AS t;
  RETURN NEW;
END
$$;

-- Once per distinct key (a million workers share far fewer names), then onto the rows.
CREATE TEMPORARY TABLE name_trigrams_backfill ON COMMIT DROP AS
  SELECT k.name_key, t.signature, t.count
  FROM (SELECT DISTINCT name_key FROM workers) AS k, payung_name_trigrams(k.name_key) AS t;
UPDATE workers w SET name_trigram_signature = b.signature, name_trigram_count = b.count
FROM name_trigrams_backfill b WHERE b.name_key = w.name_key;

-- A writer that gives no signature gets one; a changed name always gets a new one.
CREATE TRIGGER workers_name_trigrams_on_insert BEFORE INSERT ON workers
  FOR EACH ROW WHEN (NEW.name_trigram_signature IS NULL OR NEW.name_trigram_count IS NULL)
  EXECUTE FUNCTION workers_name_trigrams();
CREATE TRIGGER workers_name_trigrams_on_update BEFORE UPDATE OF name_key ON workers
  FOR EACH ROW WHEN (NEW.name_key IS DISTINCT FROM OLD.name_key)
  EXECUTE FUNCTION workers_name_trigrams();
