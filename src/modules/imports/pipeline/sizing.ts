import type { ImportJobRow } from '../imports.repo.js';

/** Data rows a file may hold at most. */
export const MAX_ROWS = 1_100_000;
/** Higher than any row number: "to the end of the file". */
export const MAX_ROW_NUMBER = 2_147_483_647;
// Rows whose NIKs are looked up in the registry in one query and staged with one COPY: large enough
// to make each round trip count, small enough that the two chunks in memory at a time stay small.
export const CHUNK = 20_000;
// Rows per batch handed to the row checks, and batches waiting for their checks at most: enough to
// keep the worker threads busy while this thread handles the finished ones and, with PGlite, while it
// runs the database (a chunk's statements hold it for 0.2–0.3 s), few enough to stay small: checked
// rows waiting here outlive the young generation's collections. On PGlite, a million rows took 33–37 s
// to check with 8 batches (the checks ran dry during each chunk), 27 s with 16; 32 measured no faster
// and peaked higher with a million varied names (926–1,041 MB in four runs, 929 MB with 16).
export const CHECK_BATCH = 1_000;
export const BATCHES_IN_FLIGHT = 16;
// Files from this size (about 7,000 CSV rows) are checked on worker threads; starting them (each
// loads the region catalog) costs more than it saves below.
export const THREADED_FILE_BYTES = 1 << 20;

/**
 * Staged new rows checked against the registry per possible-duplicate query, for a file expected to
 * hold `rows` rows: about a third of the file, from 20,000 to 200,000. Each query reads the registry
 * once, so a large file wants few, large windows (1,000,000 rows against 1,000,000 workers: 55 s in
 * windows of 40,000, 41 s in one); a small file wants its windows checked while the rest of it is
 * still being read, so that little is left to check when reading ends (docs/BENCHMARKS.md).
 */
export function sweepWindow(rows: number): number {
  return Math.min(200_000, Math.max(20_000, Math.round(rows / 3 / 1_000) * 1_000));
}

/** Rows a file of this size probably holds (for sizing work, never for limits). */
export function expectedRows(job: Pick<ImportJobRow, 'file_kind' | 'file_size'>): number {
  // Regency lists of ~12 columns: ~140 bytes a CSV row; ~90 bytes a compressed .xlsx row.
  return Math.round(job.file_size / (job.file_kind === 'csv' ? 140 : 90));
}

/** Below this many new workers an import always updates the registry's indexes as it inserts. */
export const REBUILD_MIN_ROWS = 50_000;

/**
 * A load at least as large as the registry itself (a province's first load of its lists) builds the
 * registry's secondary indexes afresh after inserting: a sorted build of each index costs a fraction of
 * a million scattered insertions into it (docs/BENCHMARKS.md: about 10 s against about 40 s for
 * a million workers). The price is that the registry is locked, reads included, until the import
 * commits; so only when the load would at least double the registry.
 */
export function shouldRebuildIndexes(newWorkers: number, registrySize: number): boolean {
  return newWorkers >= REBUILD_MIN_ROWS && newWorkers >= registrySize;
}

/** After this many new or changed workers the registry's statistics are refreshed. */
export const ANALYZE_MIN_ROWS = 10_000;
