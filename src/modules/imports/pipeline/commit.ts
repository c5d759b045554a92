import type { ServiceContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db/index.js';
import {
  addNameKeys,
  insertWorkersFrom,
  LOADED_PERSON_COLUMNS,
  lockRegistryForLoad,
  WorkersLoad,
} from '../../workers/index.js';
import type { ImportCounts, ImportJobRow, RowResult } from '../imports.repo.js';
import { markRaced, pointToRacedTwins, rewriteRegistered, updateFromStaging } from './commit-outcomes.js';
import { queueStagedReviews } from './review-queue.js';
import { ANALYZE_MIN_ROWS, shouldRebuildIndexes } from './sizing.js';
import { clearStaging, stagedCounts } from './staging.js';

export interface CommitOptions {
  updateExisting: boolean;
  onProgress?: (rows: number) => void;
  /** Called for each row whose outcome the commit changed from its dry run's (registered meanwhile, updated). */
  onRow?: (r: RowResult) => void;
  /**
   * Rebuild the registry's indexes after inserting instead of updating them row by row. Decided from
   * the sizes (shouldRebuildIndexes) unless given; tests force both ways.
   */
  rebuildIndexes?: boolean;
  /** Test hook: throw after this many rows were handed to the database. */
  failAfterRows?: number;
}

/** The staged rows are gone (a server crash empties unlogged tables) or were never made. */
export class StagingMissing extends Error {}

/**
 * The staged new rows as bulk-load's LOADED_COLUMNS ($1 the job; $2–$5 consent and source: loadValues).
 * Built when asked: the workers module may not be loaded yet when this file is (the modules import
 * each other's index).
 */
const stagedNewWorkers =
  () => `SELECT s.worker_id, ${LOADED_PERSON_COLUMNS.map((c) => `s.${c}`).join(', ')}, $2, $3, $4, $5
  FROM import_staged_workers s WHERE s.job_id = $1 AND NOT s.registered`;
/** The name keys of the staged rows that add a worker ($1 the job). */
const STAGED_NEW_NAME_KEYS = `SELECT DISTINCT s.name_key FROM import_staged_workers s
  WHERE s.job_id = $1 AND NOT s.registered AND NOT s.raced`;

/**
 * The import itself, set-based from the rows its dry run staged: existing NIKs become duplicates (or,
 * with updateExisting, updates within the actor's region), the rest are inserted, possible duplicates
 * go to the review queue, and the staging is emptied. The caller runs it in one transaction: all or
 * nothing.
 */
export async function commitStaged(
  tx: Queryable,
  ctx: ServiceContext,
  job: ImportJobRow,
  opts: CommitOptions,
): Promise<ImportCounts> {
  const dry = job.counts;
  const { n: stagedCount, fresh } = await stagedCounts(tx, job.id);
  if (dry?.staged !== stagedCount) throw new StagingMissing();
  // Workers in the registry now: only needed to size large imports (rebuild, statistics).
  const registrySize =
    fresh >= ANALYZE_MIN_ROWS
      ? (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM workers')).rows[0]!.n
      : undefined;
  const rebuild = opts.rebuildIndexes ?? shouldRebuildIndexes(fresh, registrySize ?? 0);
  // Taken first, so nobody registers a NIK between the checks below and the insert.
  if (rebuild) await lockRegistryForLoad(tx);
  // PostgreSQL compiles large statements to machine code first (JIT): about half a second each for
  // the few set-based statements below, and no gain, as they are bound by writing and sorting.
  await tx.exec('SET LOCAL jit = off');

  // 1. Staged NIKs registered at the dry run: outcomes rewritten, as a duplicate or, when chosen and
  //    within the actor's region, as an update.
  const changed = stagedCount > fresh ? await rewriteRegistered(tx, ctx, job.id, opts.updateExisting) : [];
  let duplicates = 0;
  let updated = 0;
  for (const r of changed) {
    if (r.status === 'duplicate') duplicates++;
    else updated++;
    opts.onRow?.(r);
  }
  if (updated > 0) await updateFromStaging(tx, ctx, job.id);

  // 2. The new workers, with the ids staged for them.
  const newWorkers: NewWorkers = {
    jobId: job.id,
    fresh,
    values: [job.id, 'tanda_tangan', ctx.now, ctx.actor.label, `import:${job.id}`],
    opts,
    injectFailure: (added) => {
      if (opts.failAfterRows !== undefined && added >= opts.failAfterRows) {
        throw new Error('failure injected by test');
      }
    },
  };
  let added: number;
  let raced = 0;
  if (rebuild) ({ added, raced } = await insertRebuildingIndexes(tx, newWorkers));
  else {
    added = await insertIncrementally(tx, newWorkers);
    if (fresh - added > 0) raced = await markRaced(tx, job.id, opts.onRow);
  }

  // 3. Fresh statistics before the registry is joined again (the planner would otherwise plan for the
  //    registry as it was), and for every query after the import.
  if (added + updated >= ANALYZE_MIN_ROWS && added + updated >= (registrySize ?? 0) / 5) {
    await tx.exec('ANALYZE workers');
  }

  // 4. Possible duplicates of the new workers, with a registered worker or another row of the file. A
  //    twin whose NIK was registered since the dry run added nobody; its row points to the worker
  //    registered with that NIK instead.
  if (raced > 0) await pointToRacedTwins(tx, job.id);
  await queueStagedReviews(tx, job.id);
  await clearStaging(tx, job.id);

  const notStagedDuplicates = dry.rows - dry.rejected - stagedCount;
  const counts: ImportCounts = {
    ...dry,
    accepted: added + updated,
    duplicates: notStagedDuplicates + duplicates + raced,
    added,
    updated,
  };
  delete counts.staged;
  opts.onProgress?.(dry.rows);
  return counts;
}

/** The staged new workers to insert, and how the insert reports progress and fails in tests. */
interface NewWorkers {
  jobId: string;
  /** Staged rows with a new NIK. */
  fresh: number;
  /** $1–$5 of stagedNewWorkers(). */
  values: unknown[];
  opts: CommitOptions;
  /** Test hook: throws once `added` rows reach CommitOptions.failAfterRows. */
  injectFailure: (added: number) => void;
}

/**
 * With the registry locked, NIKs registered since the dry run are found first and left out, so the
 * insert needs no unique index to skip them; the registry's listed indexes and triggers are dropped for
 * the insert and built again after it (bulk-load.ts).
 */
async function insertRebuildingIndexes(
  tx: Queryable,
  { jobId, fresh, values, opts, injectFailure }: NewWorkers,
): Promise<{ added: number; raced: number }> {
  const raced = await markRaced(tx, jobId, opts.onRow);
  const load = await WorkersLoad.begin(tx);
  const added = await insertWorkersFrom(tx, `${stagedNewWorkers()} AND NOT s.raced`, values, {
    skipRegisteredNiks: false,
  });
  // The name keys straight from the staging, instead of the dropped trigger.
  await addNameKeys(tx, STAGED_NEW_NAME_KEYS, [jobId]);
  await load.restoreTriggers();
  const steps = load.indexes.length + 2;
  opts.onProgress?.(Math.round(fresh / steps));
  injectFailure(added);
  await load.restorePrimaryKey();
  opts.onProgress?.(Math.round((fresh * 2) / steps));
  await load.rebuildIndexes((built) => opts.onProgress?.(Math.round((fresh * (built + 2)) / steps)));
  return { added, raced };
}

/**
 * In name order: three of the registry's indexes lead with the name key, and sorted inserts touch each
 * of their pages once instead of at random (docs/BENCHMARKS.md). In about ten slices of consecutive
 * name keys, so progress moves and a failure can be injected mid-way while the whole import stays one
 * sorted pass. NIKs registered since the dry run are skipped by ON CONFLICT (a NOT EXISTS test would
 * make the planner, which thinks an empty registry stays small, rescan the rows this very statement is
 * inserting); the caller looks for them afterwards only if some were.
 */
async function insertIncrementally(
  tx: Queryable,
  { jobId, fresh, values, opts, injectFailure }: NewWorkers,
): Promise<number> {
  let added = 0;
  if (fresh === 0) return added;
  const slices = Math.max(1, Math.min(10, Math.floor(fresh / 1_000)));
  const fractions = Array.from({ length: slices - 1 }, (_, i) => (i + 1) / slices);
  const b = await tx.query<{ bounds: string[] | null }>(
    `SELECT percentile_disc($2::float8[]) WITHIN GROUP (ORDER BY name_key) AS bounds
     FROM import_staged_workers WHERE job_id = $1 AND NOT registered`,
    [jobId, fractions],
  );
  const bounds = [...new Set(b.rows[0]?.bounds ?? [])];
  const edges: (string | null)[] = [null, ...bounds, null];
  for (let i = 0; i + 1 < edges.length; i++) {
    added += await insertWorkersFrom(
      tx,
      `${stagedNewWorkers()} AND ($6::text IS NULL OR s.name_key >= $6) AND ($7::text IS NULL OR s.name_key < $7)
       ORDER BY s.name_key`,
      [...values, edges[i], edges[i + 1]],
      { skipRegisteredNiks: true },
    );
    opts.onProgress?.(Math.round((fresh * (i + 1)) / (edges.length - 1)));
    injectFailure(added);
  }
  return added;
}
