// The staging table (import_staged_workers): what a dry run leaves for its import.
import type { Queryable } from '../../../platform/db/index.js';
import { lockAtOnce } from '../../../platform/db/table-lock.js';
import { CopyFields } from '../../../platform/db/types.js';
import { STAGED_TEXT_COLUMNS } from '../checks/row-checks.js';
import type { RowResult } from '../imports.repo.js';

/** A checked row to stage: its worker's id and columns as COPY text (row-checks.ts, STAGED_TEXT_COLUMNS). */
export interface StagedRow {
  row: number;
  staged: string;
  warnings: RowResult['warnings'];
  /** The NIK was registered at the dry run. */
  registered?: boolean;
  /** An earlier row of the file that may be the same person, and the worker that row gives. */
  similarRow?: number;
  similarWorkerId: string | null;
}

/** Stages the rows with one COPY. */
export async function stageRows(tx: Queryable, jobId: string, rows: StagedRow[]): Promise<void> {
  await tx.copyIn(
    'import_staged_workers',
    [
      'job_id',
      'row_number',
      ...STAGED_TEXT_COLUMNS,
      'registered',
      'warnings',
      'similar_row',
      'similar_worker_id',
    ],
    rows.map((p) => [
      jobId,
      p.row,
      new CopyFields(p.staged),
      p.registered === true,
      JSON.stringify(p.warnings),
      p.similarRow ?? null,
      p.similarWorkerId,
    ]),
  );
}

/**
 * Statistics for the commit's plans (a table filled in this transaction has none yet): of the columns
 * its statements select, join, group and sort by; all of them took four times as long.
 */
export async function analyzeStaging(tx: Queryable): Promise<void> {
  await tx.exec(
    'ANALYZE import_staged_workers (job_id, row_number, worker_id, nik, name_key, registered, raced, similar_row, similar_worker_id)',
  );
}

/** How many rows the job has staged, and how many of them are new NIKs. */
export async function stagedCounts(tx: Queryable, jobId: string): Promise<{ n: number; fresh: number }> {
  const r = await tx.query<{ n: number; fresh: number }>(
    `SELECT count(*)::int AS n, (count(*) FILTER (WHERE NOT registered))::int AS fresh
     FROM import_staged_workers WHERE job_id = $1`,
    [jobId],
  );
  return r.rows[0]!;
}

/**
 * The job's staged rows go. When no other job has rows staged, the table is truncated rather than
 * deleted from: deleted rows stay behind as dead rows that every later scan of the staging reads until
 * a VACUUM (a million after a large load, and PGlite never vacuums by itself), while truncating is
 * instant and gives the space back. Only if the table's lock is free at once: a dry run writing to it
 * meanwhile keeps it, and the savepoint keeps that refusal from failing the import.
 */
export async function clearStaging(tx: Queryable, jobId: string): Promise<void> {
  const remove = () => tx.query('DELETE FROM import_staged_workers WHERE job_id = $1', [jobId]);
  if (!(await lockAtOnce(tx, 'import_staged_workers'))) {
    await remove();
    return;
  }
  const others = await tx.query<{ used: boolean }>(
    `SELECT EXISTS (SELECT FROM import_staged_workers WHERE job_id < $1 OR job_id > $1) AS used`,
    [jobId],
  );
  if (others.rows[0]?.used) await remove();
  else await tx.exec('TRUNCATE import_staged_workers');
}
