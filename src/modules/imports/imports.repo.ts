import { SIMILARITY_THRESHOLD } from '../../domain/import/duplicates.js';
import type { Queryable } from '../../platform/db/index.js';
import { Params } from '../../platform/db/sql.js';
import type { ResourceScope } from '../../platform/scope.js';
import type { WorkerPlace } from '../workers/index.js';
import type { ImportJobPlace } from './imports.scope.js';

export interface ImportCounts {
  rows: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  skipped: number;
  withWarnings: number;
  possibleDuplicates: number;
  /** Commit only: rows added, and existing rows updated (with updateExisting). */
  added?: number;
  updated?: number;
  /** Dry run only: rows staged for the commit (import_staged_workers); never shown. */
  staged?: number;
}

export interface ImportJobRow {
  id: string;
  region_code: string;
  created_by: string;
  created_by_id: string;
  file_name: string;
  file_kind: 'csv' | 'xlsx';
  file_size: number;
  file_sha256: string;
  stored_path: string;
  header_row: number | null;
  mapping: Record<string, number> | null;
  status: 'uploaded' | 'validating' | 'validated' | 'importing' | 'imported' | 'failed';
  update_existing: boolean;
  progress_rows: number;
  counts: ImportCounts | null;
  error: string | null;
  created_at: Date;
  validated_at: Date | null;
  imported_at: Date | null;
  /** findJob only: an earlier import of the same content (same SHA-256) within the reader's scope. */
  already_imported?: { id: string; fileName: string; by: string; at: string } | null;
}

export interface RowResult {
  row: number;
  /** skipped: a totals or column-numbers line, left out on purpose (blank lines get no result). */
  status: 'accepted' | 'rejected' | 'duplicate' | 'skipped';
  errors: { field: string; code: string; message: string }[];
  warnings: { field: string; code: string; message: string }[];
  /** Whose row it is: the name and NIK as the file has them (NIKs are masked wherever shown). */
  name?: string | null;
  nik?: string | null;
}

/** Identical findings of one import counted together: "Tanggal lahir tidak cocok dengan NIK — 1.234 baris". */
export interface FindingGroup {
  kind: 'error' | 'warning';
  field: string;
  code: string;
  /** The message of the group's first row (messages may name a row's own value). */
  message: string;
  rows: number;
}

export function createImportsRepo(db: Queryable) {
  return {
    async insertJob(
      j: Pick<
        ImportJobRow,
        | 'region_code'
        | 'created_by'
        | 'created_by_id'
        | 'file_name'
        | 'file_kind'
        | 'file_size'
        | 'file_sha256'
        | 'stored_path'
        | 'header_row'
        | 'mapping'
      > & { id: string },
    ) {
      const r = await db.query<ImportJobRow>(
        `INSERT INTO import_jobs (id, region_code, created_by, created_by_id, file_name, file_kind, file_size, file_sha256,
           stored_path, header_row, mapping, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'uploaded') RETURNING *`,
        [
          j.id,
          j.region_code,
          j.created_by,
          j.created_by_id,
          j.file_name,
          j.file_kind,
          j.file_size,
          j.file_sha256,
          j.stored_path,
          j.header_row,
          j.mapping ? JSON.stringify(j.mapping) : null,
        ],
      );
      return r.rows[0]!;
    },
    /** The job, with the latest earlier import of the same content within `scope` (already_imported). */
    async findJob(id: string, scope: ResourceScope<ImportJobPlace>): Promise<ImportJobRow | null> {
      const p = new Params();
      const r = await db.query<ImportJobRow>(
        `SELECT j.*, (
           SELECT jsonb_build_object('id', o.id, 'fileName', o.file_name, 'by', o.created_by, 'at', o.imported_at)
           FROM import_jobs o
           WHERE o.file_sha256 = j.file_sha256 AND o.id <> j.id AND o.status = 'imported' AND ${scope.where('o', p)}
           ORDER BY o.imported_at DESC LIMIT 1
         ) AS already_imported
         FROM import_jobs j WHERE j.id = ${p.add(id)} AND ${scope.where('j', p)}`,
        p.values,
      );
      return r.rows[0] ?? null;
    },
    async listJobs(scope: ResourceScope<ImportJobPlace>, limit: number): Promise<ImportJobRow[]> {
      const p = new Params();
      const r = await db.query<ImportJobRow>(
        `SELECT * FROM import_jobs j WHERE ${scope.where('j', p)}
         ORDER BY created_at DESC LIMIT ${p.add(limit)}`,
        p.values,
      );
      return r.rows;
    },
    async setStatus(
      id: string,
      fields: Partial<
        Pick<
          ImportJobRow,
          | 'status'
          | 'counts'
          | 'error'
          | 'mapping'
          | 'header_row'
          | 'update_existing'
          | 'validated_at'
          | 'imported_at'
          | 'progress_rows'
        >
      >,
    ) {
      const entries = Object.entries(fields);
      await db.query(
        `UPDATE import_jobs SET ${entries.map(([k], i) => `${k} = $${i + 2}`).join(', ')} WHERE id = $1`,
        [id, ...entries.map(([k, v]) => ((k === 'counts' || k === 'mapping') && v ? JSON.stringify(v) : v))],
      );
    },
    async clearStaged(jobId: string) {
      await db.query('DELETE FROM import_staged_workers WHERE job_id = $1', [jobId]);
    },
    /** Staged rows of dry runs validated before `before` and never imported (see STAGING_KEPT_DAYS). */
    async clearStaleStaging(before: Date): Promise<number> {
      const r = await db.query(
        `DELETE FROM import_staged_workers s USING import_jobs j
         WHERE j.id = s.job_id AND j.status = 'validated' AND j.validated_at < $1`,
        [before],
      );
      return r.rowCount;
    },
    async clearResults(jobId: string) {
      await db.query('DELETE FROM import_row_results WHERE job_id = $1', [jobId]);
    },
    async insertResults(jobId: string, results: RowResult[]) {
      if (results.length === 0) return;
      // COPY: a large file has a row needing attention in every few (a quarter million for a million
      // rows), and COPY reads them without building and parsing arrays of JSON first.
      await db.copyIn(
        'import_row_results',
        ['job_id', 'row_number', 'status', 'errors', 'warnings', 'full_name', 'nik'],
        results.map((r) => [
          jobId,
          r.row,
          r.status,
          JSON.stringify(r.errors),
          JSON.stringify(r.warnings),
          r.name || null,
          r.nik || null,
        ]),
      );
    },
    /** A page of a job's row results, in row order; only rows with a finding of `code` when given. */
    async results(
      jobId: string,
      status: string | undefined,
      limit: number,
      afterRow: number,
      code?: string,
    ): Promise<RowResult[]> {
      const r = await db.query<{
        row_number: number;
        status: RowResult['status'];
        errors: RowResult['errors'];
        warnings: RowResult['warnings'];
        full_name: string | null;
        nik: string | null;
      }>(
        `SELECT row_number, status, errors, warnings, full_name, nik FROM import_row_results
         WHERE job_id = $1 AND ($2::text IS NULL OR status = $2) AND row_number > $3
           AND ($5::jsonb IS NULL OR errors @> $5::jsonb OR warnings @> $5::jsonb)
         ORDER BY row_number LIMIT $4`,
        [jobId, status ?? null, afterRow, limit, code ? JSON.stringify([{ code }]) : null],
      );
      return r.rows.map((x) => ({
        row: x.row_number,
        status: x.status,
        errors: x.errors,
        warnings: x.warnings,
        name: x.full_name,
        nik: x.nik,
      }));
    },
    /** The job's findings grouped by kind, field and code, largest groups first. */
    async findingGroups(jobId: string, status: string | undefined): Promise<FindingGroup[]> {
      const r = await db.query<FindingGroup>(
        `SELECT f.kind, f.item->>'field' AS field, f.item->>'code' AS code,
                (array_agg(f.item->>'message' ORDER BY r.row_number))[1] AS message,
                count(DISTINCT r.row_number)::int AS rows
         FROM import_row_results r
         CROSS JOIN LATERAL (
           SELECT 'error' AS kind, e AS item FROM jsonb_array_elements(r.errors) e
           UNION ALL SELECT 'warning', w FROM jsonb_array_elements(r.warnings) w
         ) f
         WHERE r.job_id = $1 AND ($2::text IS NULL OR r.status = $2)
         GROUP BY 1, 2, 3 ORDER BY rows DESC, 1, 2, 3`,
        [jobId, status ?? null],
      );
      return r.rows;
    },
    async savedMapping(
      regionCode: string,
      signature: string,
    ): Promise<Record<string, number | string> | null> {
      const r = await db.query<{ mapping: Record<string, number | string> }>(
        'SELECT mapping FROM import_mappings WHERE region_code = $1 AND header_signature = $2',
        [regionCode, signature],
      );
      return r.rows[0]?.mapping ?? null;
    },
    async saveMapping(
      regionCode: string,
      signature: string,
      name: string,
      mapping: Record<string, string>,
      by: string,
    ) {
      await db.query(
        `INSERT INTO import_mappings (region_code, header_signature, name, mapping, created_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (region_code, header_signature) DO UPDATE SET mapping = EXCLUDED.mapping, name = EXCLUDED.name`,
        [regionCode, signature, name, JSON.stringify(mapping), by],
      );
    },
    /** NIKs of the chunk already in the registry (unscoped: NIK uniqueness is national). */
    async existingNiks(niks: string[]): Promise<Map<string, { id: string; domicile: string }>> {
      const r = await db.query<{ nik: string; id: string; domicile: string }>(
        'SELECT nik, id, COALESCE(village_code, district_code) AS domicile FROM workers WHERE nik = ANY($1::bpchar[])',
        [niks],
      );
      return new Map(r.rows.map((x) => [x.nik.trim(), x]));
    },
    /**
     * Possible duplicates of a dry run's staged new rows in the registry: an active worker with the
     * same birth date and sex, another NIK, and a similar name key (pg_trgm similarity of at least
     * 0.6; equal keys have 1); the most similar one per row. For the staged rows numbered after
     * `rows.after` up to `rows.upTo` (all without `rows`), in one statement that reads the registry
     * once, which PostgreSQL splits across its parallel workers (docs/BENCHMARKS.md). The best match
     * per row is picked here: asked for in row order, the planner walked an index once per row instead.
     * Call it inside a transaction.
     */
    async stagedPossibleDuplicates(
      jobId: string,
      scope: ResourceScope<WorkerPlace>,
      rows?: { after: number; upTo: number },
    ) {
      // For this statement only (restored below, within the calling transaction):
      // - `%` is similarity() >= pg_trgm.similarity_threshold, and unlike the function it comes with a
      //   selectivity estimate: with `similarity(…) >= 0.6` the planner expected a third of all
      //   same-birthday pairs to match and judged gathering them from parallel workers too dear;
      // - a hash join, whatever the staging's statistics say while a dry run fills it: believing the
      //   staging nearly empty, the planner chose a nested loop that fetched ~40 registry rows per
      //   staged row from all over the table (through the birth-date index of the time), ten times slower.
      const saved = await db.query<{ loop: string; merge: string; threshold: string | null }>(
        `SELECT current_setting('enable_nestloop') AS loop, current_setting('enable_mergejoin') AS merge,
                current_setting('pg_trgm.similarity_threshold', true) AS threshold,
                set_config('enable_nestloop', 'off', true), set_config('enable_mergejoin', 'off', true),
                set_config('pg_trgm.similarity_threshold', $1, true)`,
        [String(SIMILARITY_THRESHOLD)],
      );
      const p = new Params();
      const job = p.add(jobId);
      const range = rows
        ? `AND s.row_number > ${p.add(rows.after)} AND s.row_number <= ${p.add(rows.upTo)}`
        : '';
      // Most same-birthday pairs are ruled out by their trigram signatures (migration 0014) before
      // pg_trgm makes and compares both names' trigrams; CASE keeps that order, which the planner
      // would otherwise choose by its own cost guesses. A key without a signature is compared anyway.
      // similarity ≥ part/whole ⟺ shared · (whole + part) ≥ part · (both counts), in integers; the
      // fraction rounded down, so the test can only let more pairs through, never fewer.
      const whole = 1000;
      const part = Math.floor(SIMILARITY_THRESHOLD * whole);
      const shared = `least(w.name_trigram_count - bit_count((w.name_trigram_signature & ~s.name_trigram_signature)::bit(64)),
                            s.name_trigram_count - bit_count((s.name_trigram_signature & ~w.name_trigram_signature)::bit(64)))`;
      const r = await db.query<{ row_number: number; id: string; similarity: number }>(
        `SELECT s.row_number, w.id, similarity(w.name_key, s.name_key)::float8 AS similarity
         FROM import_staged_workers s
         JOIN workers w ON w.birth_date = s.birth_date AND w.sex = s.sex AND w.nik <> s.nik
         WHERE s.job_id = ${job} ${range} AND NOT s.registered AND w.is_active
           AND CASE WHEN coalesce(${shared} * ${whole + part}
                                  >= ${part} * (w.name_trigram_count + s.name_trigram_count), true)
                    THEN w.name_key % s.name_key ELSE false END
           AND ${scope.where('w', p)}`,
        p.values,
      );
      await db.query(
        `SELECT set_config('enable_nestloop', $1, true), set_config('enable_mergejoin', $2, true),
                set_config('pg_trgm.similarity_threshold', $3, true)`,
        [saved.rows[0]!.loop, saved.rows[0]!.merge, saved.rows[0]!.threshold],
      );
      const best = new Map<number, { row_number: number; id: string; similarity: number }>();
      for (const m of r.rows) {
        const b = best.get(m.row_number);
        if (!b || m.similarity > b.similarity || (m.similarity === b.similarity && m.id < b.id)) {
          best.set(m.row_number, m);
        }
      }
      return [...best.values()].sort((a, b) => a.row_number - b.row_number);
    },
  };
}
export type ImportsRepo = ReturnType<typeof createImportsRepo>;
