import type { Queryable } from '../../../platform/db/index.js';
import { workersInRegions } from '../../workers/index.js';
import { createImportsRepo, type RowResult } from '../imports.repo.js';
import { POSSIBLE_DUPLICATE, POSSIBLE_DUPLICATE_IN_FILE, type ResultBack, resultOf } from './findings.js';
import { CHUNK } from './sizing.js';

/** What flagging changed in the dry run's counts. */
export interface TwinCounts {
  /** Rows newly counted as possible duplicates (not flagged in the file already). */
  possibleDuplicates: number;
  /** Rows that had no warning before. */
  withWarnings: number;
}

/**
 * Possible duplicates in the registry for the staged new rows numbered after `rows.after` up to
 * `rows.upTo`, in one query: each flagged row gets the warning, in the staging for the commit's review
 * queue and in the row results. Those rows were already reported as accepted; onRow reports them
 * again with the warning.
 */
export async function flagRegistryTwins(
  tx: Queryable,
  jobId: string,
  provinceCode: string,
  rows: { after: number; upTo: number },
  onRow?: (r: RowResult) => void,
): Promise<TwinCounts> {
  const counts: TwinCounts = { possibleDuplicates: 0, withWarnings: 0 };
  const found = await createImportsRepo(tx).stagedPossibleDuplicates(
    jobId,
    workersInRegions([provinceCode]),
    rows,
  );
  for (let i = 0; i < found.length; i += CHUNK) {
    const part = found.slice(i, i + CHUNK);
    const r = await tx.query<ResultBack>(
      `WITH flagged AS (
         UPDATE import_staged_workers s
         SET similar_worker_id = f.id, similarity = f.similarity, warnings = s.warnings || jsonb_build_array($5::jsonb)
         FROM unnest($2::int[], $3::uuid[], $4::real[]) AS f(row_number, id, similarity)
         WHERE s.job_id = $1 AND s.row_number = f.row_number
         RETURNING s.job_id, s.row_number, s.warnings, s.full_name, s.nik
       )
       INSERT INTO import_row_results (job_id, row_number, status, errors, warnings, full_name, nik)
       SELECT job_id, row_number, 'accepted', '[]'::jsonb, warnings, full_name, nik FROM flagged
       ON CONFLICT (job_id, row_number) DO UPDATE SET warnings = excluded.warnings
       RETURNING row_number, warnings, full_name AS name, nik`,
      [
        jobId,
        part.map((f) => f.row_number),
        part.map((f) => f.id),
        part.map((f) => f.similarity),
        JSON.stringify(POSSIBLE_DUPLICATE),
      ],
    );
    for (const x of r.rows) {
      // Rows, not flags: a row flagged in the file already was counted then.
      if (!x.warnings.some((w) => w.code === POSSIBLE_DUPLICATE_IN_FILE)) counts.possibleDuplicates++;
      // Its only warning: a row that had none before.
      if (x.warnings.length === 1) counts.withWarnings++;
      onRow?.(resultOf(x, 'accepted'));
    }
  }
  return counts;
}
