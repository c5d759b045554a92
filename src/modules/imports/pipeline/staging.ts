// The staging table (import_staged_workers): what a dry run leaves for its import.
import type { Queryable } from '../../../platform/db/index.js';
import { lockAtOnce } from '../../../platform/db/table-lock.js';
import { CopyLinesWriter, copyFields } from '../../../platform/db/types.js';
import { STAGED_TEXT_COLUMNS } from '../checks/row-checks.js';
import type { RowResult } from '../imports.repo.js';

/**
 * The staged texts (a row's worker id and columns as COPY text: row-checks.ts, STAGED_TEXT_COLUMNS)
 * of a chunk of rows, as UTF-8 bytes in one growing buffer, numbered in the order added. A chunk's
 * rows wait here until the chunk is staged (tens of thousands of rows, a second or more): as strings
 * they outlived the young generation's collections and were copied to the old one, about 300 bytes a
 * row, all garbage a moment later; bytes outside the JavaScript heap are not copied, and go with the
 * buffer.
 */
export class StagedTexts {
  #bytes = new Uint8Array(1 << 16);
  #starts = new Int32Array(1024);
  #count = 0;
  readonly #encoder = new TextEncoder();
  static readonly #decoder = new TextDecoder();

  /** Adds a staged text; its number. */
  add(text: string): number {
    const n = this.#count++;
    if (n + 2 > this.#starts.length) {
      const starts = new Int32Array(this.#starts.length * 2);
      starts.set(this.#starts);
      this.#starts = starts;
    }
    const start = this.#starts[n]!;
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    if (start + text.length * 3 > this.#bytes.length) {
      let size = this.#bytes.length * 2;
      while (size < start + text.length * 3) size *= 2;
      const bytes = new Uint8Array(size);
      bytes.set(this.#bytes.subarray(0, start));
      this.#bytes = bytes;
    }
    this.#starts[n + 1] = start + this.#encoder.encodeInto(text, this.#bytes.subarray(start)).written;
    return n;
  }

  /** Staged text `n` as bytes (a view: valid while this store lives). */
  bytes(n: number): Uint8Array {
    return this.#bytes.subarray(this.#starts[n]!, this.#starts[n + 1]!);
  }

  /** Staged text `n` as a string (only for rows whose result is kept: not per row). */
  text(n: number): string {
    return StagedTexts.#decoder.decode(this.bytes(n));
  }
}

/** A checked row to stage: its staged text is number `text` in the chunk's StagedTexts. */
export interface StagedRow {
  row: number;
  text: number;
  warnings: RowResult['warnings'];
  /** The NIK was registered at the dry run. */
  registered?: boolean;
  /** An earlier row of the file that may be the same person. */
  similarRow?: number;
}

/**
 * Stages the rows with one COPY, written as bytes (CopyLines) from their staged texts. `workerOf`
 * gives the worker an earlier row gives (`similarRow`'s).
 */
export async function stageRows(
  tx: Queryable,
  jobId: string,
  rows: readonly StagedRow[],
  texts: StagedTexts,
  workerOf: (row: number) => string | null,
): Promise<void> {
  if (rows.length === 0) return;
  const out = new CopyLinesWriter(rows.length * 320);
  const job = copyFields([jobId]);
  for (const p of rows) {
    out
      .text(`${job}\t${p.row}\t`)
      .bytes(texts.bytes(p.text))
      .text(
        `\t${copyFields([
          p.registered === true,
          JSON.stringify(p.warnings),
          p.similarRow ?? null,
          p.similarRow === undefined ? null : workerOf(p.similarRow),
        ])}`,
      )
      .endRow();
  }
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
    out.finish(),
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
