-- Workers of one village are found through their district's index: every condition on villages now
-- names the village's district too (platform/db/scope.ts), and (district_code, name_key, id) gives a
-- village's workers in name order by reading its district's (a few thousand of a million). The
-- village index served nothing else, and cost every insert a write at a random place and every index
-- rebuild of a large load one more sort (0.5 s of PostgreSQL's 11 s, 1.2 s of PGlite's 23 s for a
-- million workers; docs/BENCHMARKS.md).
DROP INDEX workers_village_idx;
