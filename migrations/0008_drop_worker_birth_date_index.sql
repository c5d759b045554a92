-- The birth-date index served the dry run's possible-duplicate check as index lookups, row by row.
-- That check is now a hash join of a window of staged rows with the registry (decision 0006), which
-- reads the table and never this index, while every insert into `workers` still paid a write to it
-- at a random place (and every index rebuild of a large load one more sort). Age filters in lists
-- and search come with a region and a name order, which other indexes serve.
DROP INDEX workers_birth_date_idx;
