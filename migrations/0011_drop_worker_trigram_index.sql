-- Fuzzy name search no longer reads a trigram index on `workers`: the province and a regency are
-- searched through the distinct name keys (worker_name_keys, migration 0005, with its own trigram
-- index), and a district or village, when the name matches too many keys to walk, by scoring its
-- few thousand workers from the district's (district_code, name_key, id) index (workers.repo.ts,
-- searchByName). The index on workers served nothing else, and it was the dearest to keep: a GIN
-- entry per trigram of every name, built single-threaded by PostgreSQL 15 (1.9–2.8 s of the ~13 s a
-- million-row import takes, docs/BENCHMARKS.md) and updated by every registration and edit.
DROP INDEX workers_name_key_trgm;
