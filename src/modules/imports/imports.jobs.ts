import type { Actor, ServiceContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import type { JobKindOptions, JobRecord, JobRun } from '../../platform/jobs/index.js';
import type { FileStore } from '../../platform/storage/index.js';
import { recordAudit } from '../audit/index.js';
import type { RegionCatalog } from '../regions/index.js';
import { FileRejected } from './files/types.js';
import { checkFile, commitStaged, MAX_ROWS, StagingMissing } from './imports.pipeline.js';
import { createImportsRepo, type ImportCounts, type ImportJobRow, type RowResult } from './imports.repo.js';
import { importJobsScope } from './imports.scope.js';

/**
 * An import's dry run and commit as durable jobs (src/platform/jobs). Both are safe to run again from
 * the start: the dry run is one transaction that first clears what an earlier run left; the commit is
 * one transaction that also marks the import imported, so a re-run after it committed finds it done,
 * and a re-run after it was killed part-way finds the registry as before (and, on PGlite, whose crash
 * empties the unlogged staging, checks the file again first).
 */
export const VALIDATE = 'import.validate';
export const COMMIT = 'import.commit';

/** Days a dry run's staged rows wait for the import (see imports.service.ts). */
export const STAGING_KEPT_DAYS = 7;

/** The key of an import's job: one dry run or commit of an import at a time. */
export const importJobKey = (importId: string) => `import:${importId}`;

export interface ImportJobPayload {
  importId: string;
  actor: Actor;
  requestId: string;
  /** The asking request's time (ISO): the import's dates and audit events carry it, as before jobs. */
  now: string;
  origin?: string;
  /** Commit only. */
  updateExisting?: boolean;
}

/** Hooks a caller running the job in its own process may give (the CLI, tests). */
export interface ImportJobLocal {
  onRow?: (r: RowResult) => void;
  onProgress?: (rows: number) => void | Promise<void>;
  sweepWindow?: number;
  rebuildIndexes?: boolean;
  failAfterRows?: number;
}

export interface Progress {
  phase: 'validating' | 'importing';
  rows: number;
}

export interface ImportJobDeps {
  db: Database;
  catalog: RegionCatalog;
  provinceCode: string;
  files: FileStore;
}

export function fileError(e: unknown): never {
  if (e instanceof FileRejected) throw new AppError(e.code, e.message);
  throw e;
}

/** The job row with its file where this machine can read it. */
export async function readable(files: FileStore, j: ImportJobRow): Promise<ImportJobRow> {
  return { ...j, stored_path: await files.localPath(j.stored_path) };
}

const safeMessage = (e: unknown, otherwise: string) =>
  e instanceof AppError || e instanceof FileRejected ? e.message : otherwise;

const INTERRUPTED =
  'Proses terhenti berulang kali sebelum selesai (server dimatikan). Tidak ada data yang tersimpan sebagian; jalankan lagi.';

const CANCELLED = 'Proses dibatalkan sebelum selesai; tidak ada data yang tersimpan sebagian.';

export function importJobHandlers(deps: ImportJobDeps) {
  const { db, catalog, provinceCode, files } = deps;
  const repo = createImportsRepo(db);

  function contextOf(run: JobRun<ImportJobPayload, ImportJobLocal>): ServiceContext {
    const p = run.payload;
    return {
      // Jobs queued before actors had sponsors carry none.
      actor: { ...p.actor, sponsorIds: p.actor.sponsorIds ?? [] },
      now: new Date(p.now),
      requestId: p.requestId,
      ...(p.origin ? { origin: p.origin } : {}),
    };
  }

  /** The dry run itself, in one transaction; the import is then validated (or failed). */
  async function dryRun(
    run: JobRun<ImportJobPayload, ImportJobLocal>,
    ctx: ServiceContext,
    j: ImportJobRow,
  ): Promise<ImportCounts> {
    const local = run.local ?? {};
    const id = j.id;
    run.show(j);
    run.progress({ phase: 'validating', rows: 0 } satisfies Progress);
    // PGlite runs on this thread: nothing overlaps with a window's registry query, and each query reads
    // the registry again, so one query once the file is read (100,000 rows against 1,000,000 workers:
    // 15.4 s in three windows, 13.9 s in one). PostgreSQL: the pipeline's windows (sweepWindow()).
    const sweepWindow = local.sweepWindow ?? (db.kind === 'pglite' ? MAX_ROWS : undefined);
    const file = await readable(files, j);
    const counts = await db.transaction(async (tx) => {
      const r = createImportsRepo(tx);
      await r.clearResults(id);
      await r.clearStaged(id);
      await r.clearStaleStaging(new Date(ctx.now.getTime() - STAGING_KEPT_DAYS * 86_400_000));
      return checkFile(
        tx,
        ctx,
        file,
        { catalog, provinceCode },
        {
          updateExisting: j.update_existing,
          onProgress: (rows) => {
            run.progress({ phase: 'validating', rows } satisfies Progress);
            // Between batches: a shutdown or cancel ends the run here (rolled back, run again later).
            run.signal.throwIfAborted();
            return local.onProgress?.(rows);
          },
          ...(local.onRow ? { onRow: local.onRow } : {}),
          ...(sweepWindow ? { sweepWindow } : {}),
        },
      );
    });
    delete counts.added;
    delete counts.updated;
    await repo.setStatus(id, {
      status: 'validated',
      counts,
      validated_at: ctx.now,
      progress_rows: counts.rows,
    });
    return counts;
  }

  async function validate(run: JobRun<ImportJobPayload, ImportJobLocal>): Promise<ImportCounts | null> {
    const ctx = contextOf(run);
    const j = await repo.findJob(run.payload.importId, importJobsScope(ctx.actor));
    // Done already (a re-run after the dry run finished), or no longer asked for.
    if (j?.status !== 'validating') return j?.counts ?? null;
    try {
      return await dryRun(run, ctx, j);
    } catch (e) {
      if (run.signal.aborted) throw e;
      await repo.setStatus(j.id, {
        status: 'failed',
        error: safeMessage(e, 'Validasi gagal karena kesalahan server.'),
      });
      fileError(e);
    }
  }

  async function commit(run: JobRun<ImportJobPayload, ImportJobLocal>): Promise<ImportCounts | null> {
    const ctx = contextOf(run);
    const local = run.local ?? {};
    const id = run.payload.importId;
    let j = await repo.findJob(id, importJobsScope(ctx.actor));
    // Imported already: the commit's transaction marks it so; a re-run after it committed ends here.
    if (j?.status !== 'importing') return j?.counts ?? null;
    const updateExisting = run.payload.updateExisting ?? j.update_existing;
    const once = async (job: ImportJobRow) => {
      run.show(job);
      run.progress({ phase: 'importing', rows: 0 } satisfies Progress);
      const file = await readable(files, job);
      return db.transaction(async (tx) => {
        const c = await commitStaged(tx, ctx, file, {
          updateExisting,
          onProgress: (rows) => run.progress({ phase: 'importing', rows } satisfies Progress),
          ...(local.failAfterRows !== undefined ? { failAfterRows: local.failAfterRows } : {}),
          ...(local.rebuildIndexes !== undefined ? { rebuildIndexes: local.rebuildIndexes } : {}),
          ...(local.onRow ? { onRow: local.onRow } : {}),
        });
        await recordAudit(tx, ctx, {
          action: 'import.commit',
          entityType: 'import',
          entityId: id,
          regionCode: job.region_code,
          details: { file: job.file_name, counts: c },
        });
        // In the same transaction: a server killed after the commit finds the import done.
        await createImportsRepo(tx).setStatus(id, {
          status: 'imported',
          counts: c,
          imported_at: ctx.now,
          progress_rows: c.rows,
        });
        return c;
      });
    };
    try {
      try {
        return await once(j);
      } catch (e) {
        // Re-run after a crash that emptied the staging (PGlite): the file is checked again, and
        // imported only when the check comes out as the operator saw it.
        if (!(e instanceof StagingMissing) || run.attempt === 1) throw e;
        const before = j.counts;
        const again = await dryRun(run, ctx, j);
        await repo.setStatus(id, { status: 'importing' });
        if (!sameOutcome(before, again)) {
          await repo.setStatus(id, {
            status: 'validated',
            error:
              'Server dimulai ulang saat mengimpor; pemeriksaan diulang dan hasilnya berubah. Periksa hasilnya, lalu impor lagi.',
          });
          return null;
        }
        j = (await repo.findJob(id, importJobsScope(ctx.actor)))!;
        return await once(j);
      }
    } catch (e) {
      if (run.signal.aborted) throw e;
      if (e instanceof StagingMissing) {
        await repo.setStatus(id, { status: 'uploaded', counts: null, error: null });
        throw new AppError(
          'IMPORT_STATE',
          'Hasil pemeriksaan berkas ini tidak tersedia lagi (misalnya karena server dimulai ulang). Jalankan pemeriksaan (uji coba) sekali lagi, lalu impor.',
        );
      }
      await repo.setStatus(id, {
        status: 'validated',
        error: safeMessage(
          e,
          'Impor gagal dan dibatalkan seluruhnya; tidak ada data yang tersimpan. Coba lagi.',
        ),
      });
      fileError(e);
    }
  }

  /** A job that ended without its handler (cancelled while queued, interrupted too often). */
  const abandoned =
    (back: 'failed' | 'validated'): JobKindOptions['onAbandoned'] =>
    async (job: JobRecord, reason) => {
      const { importId } = job.payload as ImportJobPayload;
      await repo.setStatus(importId, {
        status: back,
        error: reason === 'cancelled' ? CANCELLED : INTERRUPTED,
      });
    };

  return {
    [VALIDATE]: { handler: validate, options: { onAbandoned: abandoned('failed') } },
    [COMMIT]: { handler: commit, options: { onAbandoned: abandoned('validated') } },
  };
}

/** The dry run's outcome as the operator saw it: the same rows accepted, rejected and staged. */
function sameOutcome(a: ImportCounts | null, b: ImportCounts): boolean {
  if (!a) return false;
  const keys = [
    'rows',
    'accepted',
    'rejected',
    'duplicates',
    'skipped',
    'possibleDuplicates',
    'staged',
  ] as const;
  return keys.every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}
