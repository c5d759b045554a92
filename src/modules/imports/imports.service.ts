import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { MAX_UPLOAD_BYTES } from '../../contracts/imports.js';
import { fieldLabel, findHeaderRow, type ImportField } from '../../domain/import/headers.js';
import { isWithin, levelOf } from '../../domain/regions.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { dbFor, inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import { JobKeyTaken, type JobRunner } from '../../platform/jobs/index.js';
import type { FileStore } from '../../platform/storage/index.js';
import { storeUpload } from '../../platform/storage/upload.js';
import { authorize } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import type { RegionCatalog } from '../regions/index.js';
import { writeXlsx } from './files/xlsx-writer.js';
import {
  COMMIT,
  fileError,
  type ImportJobLocal,
  type ImportJobPayload,
  importJobKey,
  type Progress,
  readable,
  VALIDATE,
} from './imports.jobs.js';
import { detectLayout, type Mapping, openRows } from './imports.pipeline.js';
import { createImportsRepo, type ImportCounts, type ImportJobRow, type RowResult } from './imports.repo.js';
import { importJobsScope } from './imports.scope.js';

export { MAX_UPLOAD_BYTES } from '../../contracts/imports.js';
export type { Progress } from './imports.jobs.js';
export { STAGING_KEPT_DAYS } from './imports.jobs.js';

// STAGING_KEPT_DAYS (imports.jobs.ts): days a dry run's staged rows wait for the import. Older ones are
// removed when another dry run starts: the registry has moved on since, and while any job has staged
// rows a commit has to delete its own instead of emptying the table (decision 0006). Importing such a
// job asks for the dry run again, as after a server crash.
/** The error report echoes at least this many of the file's columns (and every mapped one). */
const REPORT_COLUMNS = 256;

export interface ImportDeps {
  db: Database;
  catalog: RegionCatalog;
  provinceCode: string;
  /** Uploaded files, under `imports/<id>.<ext>`. */
  files: FileStore;
  /** Dry runs and commits run as durable jobs (imports.jobs.ts). */
  jobs: JobRunner;
}

function notFound() {
  return new AppError('IMPORT_NOT_FOUND', 'Impor tidak ditemukan.');
}

/** Header, mapping and first rows of an uploaded file, at the header row found at upload. */
async function storedLayout(files: FileStore, j: ImportJobRow) {
  return detectLayout(await readable(files, j), () => (j.header_row ?? 1) - 1).catch(fileError);
}

const busy = () => new AppError('IMPORT_BUSY', 'Impor ini sedang diproses.');

/**
 * Why a checked job has nothing to import, or null: no accepted row (all rejected or Data Ganda), or,
 * when updating, nothing staged either. An import that would change nothing is not offered.
 */
export function nothingToImport(j: Pick<ImportJobRow, 'counts'>, updateExisting: boolean): string | null {
  const c = j.counts;
  if (!c) return null;
  const canUpdate = updateExisting && (c.staged ?? 0) > c.accepted;
  if (c.accepted > 0 || canUpdate) return null;
  if (c.rows === 0)
    return 'Tidak ada yang bisa diimpor: berkas ini tidak memuat satu pun baris data pekerja. Periksa pemetaan kolom dan baris judul, atau unggah berkas yang benar.';
  if (c.rejected === 0 && c.duplicates === c.rows)
    return `Tidak ada yang bisa diimpor: semua ${c.rows.toLocaleString('id-ID')} NIK di berkas ini sudah terdaftar (Data Ganda). Berkas ini kemungkinan sudah pernah diimpor.`;
  return `Tidak ada yang bisa diimpor: dari ${c.rows.toLocaleString('id-ID')} baris, tidak satu pun diterima (${c.rejected.toLocaleString('id-ID')} ditolak, ${c.duplicates.toLocaleString('id-ID')} Data Ganda). Perbaiki baris yang ditolak di laporan hasil pemeriksaan, lalu unggah lagi.`;
}

export function createImportService(deps: ImportDeps) {
  const { db, catalog, provinceCode, files, jobs } = deps;
  const repo = createImportsRepo(db);

  /**
   * Progress of the imports among `rows` being checked or imported: from this process's runner while
   * it runs the job (on PGlite the job's transaction holds the only connection), else from the jobs
   * table, whichever server runs it.
   */
  async function progressOf(rows: readonly ImportJobRow[]): Promise<Map<string, Progress>> {
    const working = rows.filter((j) => j.status === 'validating' || j.status === 'importing');
    const found = await jobs.progressOf(working.map((j) => importJobKey(j.id)));
    const out = new Map<string, Progress>();
    for (const j of working) {
      const p = found.get(importJobKey(j.id)) as Progress | null | undefined;
      out.set(j.id, p ?? { phase: j.status as Progress['phase'], rows: 0 });
    }
    return out;
  }

  /** The checks a run makes first, made before answering the request that starts it. */
  async function assertCanRun(
    ctx: ServiceContext,
    id: string,
    step: 'validate' | 'commit',
    updateExisting = false,
  ): Promise<ImportJobRow> {
    authorize(ctx.actor, 'worker.write');
    const j = await job(ctx, id);
    if (j.status === 'validating' || j.status === 'importing') throw busy();
    if (j.status === 'imported') throw new AppError('IMPORT_STATE', 'Impor ini sudah selesai.');
    if (step === 'commit' && j.status !== 'validated')
      throw new AppError('IMPORT_STATE', 'Jalankan pemeriksaan (uji coba) dulu sebelum mengimpor.');
    const nothing = step === 'commit' ? nothingToImport(j, updateExisting) : null;
    if (nothing) throw new AppError('IMPORT_STATE', nothing);
    return j;
  }

  /**
   * Marks the import as being checked or imported (only from the states that allow it: two requests
   * at once start one job), then queues the job or runs it here.
   */
  async function start<R>(
    ctx: ServiceContext,
    j: ImportJobRow,
    step: 'validate' | 'commit',
    updateExisting: boolean,
    run: (kind: string, payload: ImportJobPayload, key: string) => Promise<R>,
  ): Promise<R> {
    const from = step === 'validate' ? ['uploaded', 'validated', 'failed'] : ['validated'];
    const to = step === 'validate' ? 'validating' : 'importing';
    const moved = await db.query(
      `UPDATE import_jobs SET status = $2, error = NULL${step === 'commit' ? ', update_existing = $4' : ''}
       WHERE id = $1 AND status = ANY($3::text[])`,
      step === 'commit' ? [j.id, to, from, updateExisting] : [j.id, to, from],
    );
    if (moved.rowCount === 0) throw busy();
    const payload: ImportJobPayload = {
      importId: j.id,
      actor: ctx.actor,
      requestId: ctx.requestId,
      now: ctx.now.toISOString(),
      ...(ctx.origin ? { origin: ctx.origin } : {}),
      ...(step === 'commit' ? { updateExisting } : {}),
    };
    try {
      return await run(step === 'validate' ? VALIDATE : COMMIT, payload, importJobKey(j.id));
    } catch (e) {
      if (e instanceof JobKeyTaken) throw busy();
      throw e;
    }
  }

  async function job(ctx: ServiceContext, id: string): Promise<ImportJobRow> {
    authorize(ctx.actor, 'worker.read');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
    const j = await repo.findJob(id, importJobsScope(ctx.actor));
    if (!j) throw notFound();
    return j;
  }

  /** The region the rows belong to: given, or the actor's only region; always inside the actor's scope. */
  function importRegion(ctx: ServiceContext, regionCode: string | undefined): string {
    const code = regionCode ?? (ctx.actor.regionCodes.length === 1 ? ctx.actor.regionCodes[0] : undefined);
    if (!code)
      throw new AppError('BAD_REQUEST', 'Sebutkan wilayah asal data (kabupaten/kota, atau provinsi).', {
        field: 'region',
      });
    const level = levelOf(code);
    if (!catalog.get(code) || (level !== 'province' && level !== 'regency' && level !== 'district')) {
      throw new AppError(
        'BAD_REQUEST',
        `Wilayah ${code} tidak dikenal; pakai kode kabupaten/kota (mis. 16.10) atau provinsi (16).`,
        { field: 'region' },
      );
    }
    if (!isWithin(code, [provinceCode]) || !importJobsScope(ctx.actor).covers(code)) {
      throw new AppError('FORBIDDEN', `Wilayah ${code} di luar wilayah kerja Anda.`, { field: 'region' });
    }
    return code;
  }

  return {
    /** Progress of an import this process is checking or importing now (the CLI's bar). */
    progressOf(id: string): Progress | null {
      return (jobs.runningHere(importJobKey(id))?.progress as Progress | undefined) ?? null;
    },

    progressFor: progressOf,

    /**
     * Status for polling. While this process runs the job, from the runner's memory: on PGlite the
     * job's transaction holds the only connection, so a poll must not need the database. Otherwise
     * the import from the database and its progress from the jobs table.
     */
    async live(ctx: ServiceContext, id: string): Promise<{ job: ImportJobRow; progress: Progress | null }> {
      authorize(ctx.actor, 'worker.read');
      const here = jobs.runningHere(importJobKey(id));
      const view = here?.view as ImportJobRow | undefined;
      const p = here?.progress as Progress | undefined;
      if (view && p && importJobsScope(ctx.actor).allows(view))
        return { job: { ...view, status: p.phase }, progress: p };
      const j = await job(ctx, id);
      return { job: j, progress: (await progressOf([j])).get(j.id) ?? null };
    },

    /** Stores the upload (size-limited), finds the header row and maps the columns it recognises. */
    async upload(ctx: ServiceContext, input: { fileName: string; source: Readable; regionCode?: string }) {
      authorize(ctx.actor, 'worker.write');
      const region = importRegion(ctx, input.regionCode);
      const ext = /\.(csv|txt)$/i.test(input.fileName)
        ? 'csv'
        : /\.xlsx$/i.test(input.fileName)
          ? 'xlsx'
          : null;
      if (!ext) {
        input.source.resume();
        throw new AppError(
          'FILE_TYPE_UNSUPPORTED',
          'Jenis berkas tidak didukung. Unggah berkas .xlsx atau .csv (berkas .xls lama: simpan ulang sebagai .xlsx).',
        );
      }
      const id = randomUUID();
      const key = `imports/${id}.${ext}`;
      const hash = createHash('sha256');
      try {
        const size = await storeUpload(files, key, input.source, {
          maxBytes: MAX_UPLOAD_BYTES,
          onChunk: (c) => hash.update(c),
        });
        const path = await files.localPath(key);
        const layout = await detectLayout({ file_kind: ext, stored_path: path }, (rows) =>
          findHeaderRow(rows),
        ).catch(fileError);
        if (layout.headerRow === null) {
          throw new AppError(
            'HEADER_NOT_FOUND',
            'Baris judul kolom tidak ditemukan di 20 baris pertama. Pastikan ada kolom berjudul NIK dan NAMA.',
          );
        }
        const signature = layout.header.map((h) => h.trim().toLowerCase()).join('|');
        const saved = await repo.savedMapping(region, signature);
        const mapping: Mapping = saved ? resolveSaved(saved, layout.header) : layout.mapping;
        // The job and its audit event are one unit: a job nobody can find in the trail is not kept.
        const row = await inTransaction(db, ctx, async (tx) => {
          const txRepo = createImportsRepo(dbFor(db, tx));
          const inserted = await txRepo.insertJob({
            id,
            region_code: region,
            created_by: ctx.actor.label,
            created_by_id: ctx.actor.id,
            file_name: input.fileName.slice(0, 200),
            file_kind: ext,
            file_size: size,
            file_sha256: hash.digest('hex'),
            stored_path: key,
            header_row: layout.headerRow,
            mapping: mapping as Record<string, number>,
          });
          inserted.already_imported =
            (await txRepo.findJob(id, importJobsScope(ctx.actor)))?.already_imported ?? null;
          await recordAudit(db, tx, {
            action: 'import.upload',
            entityType: 'import',
            entityId: id,
            regionCode: region,
            details: { file: inserted.file_name, size: inserted.file_size },
          });
          return inserted;
        });
        return {
          job: row,
          header: layout.header,
          unmapped: layout.unmapped,
          usedSavedMapping: saved !== null,
          sample: layout.sample,
        };
      } catch (e) {
        await files.remove(key);
        throw e;
      }
    },

    /**
     * The file's header and first rows again, for a mapping screen opened later (after a reload).
     * Sample rows hold personal data: only for those who may import, and audited.
     */
    async layout(ctx: ServiceContext, id: string) {
      authorize(ctx.actor, 'worker.write');
      const j = await job(ctx, id);
      const layout = await storedLayout(files, j);
      await recordAudit(db, ctx, {
        action: 'import.layout',
        entityType: 'import',
        entityId: id,
        regionCode: j.region_code,
        details: { file: j.file_name },
      });
      return {
        job: j,
        header: layout.header,
        unmapped: layout.unmapped,
        usedSavedMapping: false,
        sample: layout.sample,
      };
    },

    async setMapping(ctx: ServiceContext, id: string, mapping: Record<string, string>, saveAs?: string) {
      authorize(ctx.actor, 'worker.write');
      const j = await job(ctx, id);
      if (j.status === 'importing' || j.status === 'imported')
        throw new AppError(
          'IMPORT_STATE',
          'Impor ini sudah dijalankan; unggah ulang untuk mengubah pemetaan kolom.',
        );
      const layout = await storedLayout(files, j);
      const resolved = resolveSaved(mapping, layout.header);
      if (resolved.nik === undefined)
        throw new AppError('VALIDATION_FAILED', 'Kolom NIK wajib dipetakan.', {
          issues: [
            { path: ['mapping', 'nik'], code: 'MAPPING_NIK_MISSING', message: 'Kolom NIK wajib dipetakan.' },
          ],
        });
      await repo.clearStaged(id);
      await repo.setStatus(id, {
        mapping: resolved as Record<string, number>,
        status: 'uploaded',
        counts: null,
      });
      if (saveAs)
        await repo.saveMapping(
          j.region_code,
          layout.header.map((h) => h.trim().toLowerCase()).join('|'),
          saveAs,
          mapping,
          ctx.actor.label,
        );
      return { ...j, mapping: resolved as Record<string, number>, status: 'uploaded' as const };
    },

    /**
     * Dry run, here and now (the CLI, tests): the outcome of every row, nothing written to the registry.
     * It runs as a durable job all the same, so a process killed mid-way leaves it to the next start.
     * `onRow` hears every row; a row found to be a possible duplicate of a registered worker is heard
     * again, with that warning.
     */
    async validate(
      ctx: ServiceContext,
      id: string,
      onRow?: (r: RowResult) => void,
      opts: {
        /** Tests: a smaller window for the registry's possible-duplicate check. */
        sweepWindow?: number;
        /** Tests: hears the rows checked so far after each batch; the dry run waits for its promise. */
        onProgress?: (rows: number) => void | Promise<void>;
      } = {},
    ): Promise<ImportCounts> {
      const j = await assertCanRun(ctx, id, 'validate');
      const local: ImportJobLocal = { ...opts, ...(onRow ? { onRow } : {}) };
      const counts = await start(ctx, j, 'validate', false, (kind, payload, key) =>
        jobs.runNow<ImportJobPayload, ImportCounts, ImportJobLocal>(
          kind,
          payload,
          { key, createdBy: ctx.actor.label, regionCode: j.region_code },
          local,
        ),
      );
      const { staged: _staged, ...shown } = counts;
      return shown;
    },

    /**
     * Writes the accepted rows, all or nothing (one transaction), here and now, as a durable job.
     * Importing the same file again adds nothing (its NIKs are then duplicates).
     */
    async commit(
      ctx: ServiceContext,
      id: string,
      opts: {
        updateExisting?: boolean;
        /** Tests: force the index rebuild on or off (commitStaged decides otherwise). */
        rebuildIndexes?: boolean;
        failAfterRows?: number;
        onRow?: (r: RowResult) => void;
      } = {},
    ): Promise<ImportCounts> {
      authorize(ctx.actor, 'worker.write');
      const j = await job(ctx, id);
      if (j.status !== 'validated') {
        throw new AppError(
          'IMPORT_STATE',
          j.status === 'imported'
            ? 'Impor ini sudah selesai.'
            : 'Jalankan pemeriksaan (uji coba) dulu sebelum mengimpor.',
        );
      }
      const updateExisting = opts.updateExisting ?? j.update_existing;
      const nothing = nothingToImport(j, updateExisting);
      if (nothing) throw new AppError('IMPORT_STATE', nothing);
      const { updateExisting: _u, ...local } = opts;
      return start(ctx, j, 'commit', updateExisting, (kind, payload, key) =>
        jobs.runNow<ImportJobPayload, ImportCounts, ImportJobLocal>(
          kind,
          payload,
          { key, createdBy: ctx.actor.label, regionCode: j.region_code },
          local,
        ),
      );
    },

    /** Queues the dry run (any server's runner takes it); the import as it was, for the 202 answer. */
    async startValidate(ctx: ServiceContext, id: string): Promise<ImportJobRow> {
      const j = await assertCanRun(ctx, id, 'validate');
      await start(ctx, j, 'validate', false, (kind, payload, key) =>
        jobs.enqueue(kind, payload, { key, createdBy: ctx.actor.label, regionCode: j.region_code }),
      );
      return j;
    },

    /** Queues the commit; the import as it was, for the 202 answer. */
    async startCommit(ctx: ServiceContext, id: string, updateExisting: boolean): Promise<ImportJobRow> {
      const j = await assertCanRun(ctx, id, 'commit', updateExisting);
      await start(ctx, j, 'commit', updateExisting, (kind, payload, key) =>
        jobs.enqueue(kind, payload, { key, createdBy: ctx.actor.label, regionCode: j.region_code }),
      );
      return j;
    },

    get: job,

    assertCanRun,

    async list(ctx: ServiceContext, limit = 50) {
      authorize(ctx.actor, 'worker.read');
      return repo.listJobs(importJobsScope(ctx.actor), limit);
    },

    async results(
      ctx: ServiceContext,
      id: string,
      status: string | undefined,
      limit: number,
      afterRow: number,
      code?: string,
    ) {
      await job(ctx, id);
      return repo.results(id, status, limit, afterRow, code);
    },

    /** The job's findings counted by kind, field and code: thousands of the same warning as one line. */
    async findings(ctx: ServiceContext, id: string, status: string | undefined) {
      await job(ctx, id);
      return repo.findingGroups(id, status);
    },

    /**
     * The error report: the original rows with status and error columns, for the operator to fix and
     * upload again. Every cell is written as text protected against formula injection.
     */
    async errorReport(ctx: ServiceContext, id: string, path: string): Promise<void> {
      const j = await job(ctx, id);
      if (!j.counts)
        throw new AppError('IMPORT_STATE', 'Jalankan pemeriksaan dulu; laporan dibuat dari hasilnya.');
      const results = new Map<number, RowResult>();
      for (let after = 0; ; ) {
        const page = await repo.results(id, undefined, 10_000, after);
        for (const r of page) results.set(r.row, r);
        if (page.length < 10_000) break;
        after = page.at(-1)!.row;
      }
      const headerRow = j.header_row ?? 0;
      const numberColumn = j.mapping?.rowNumber;
      const label = {
        accepted: 'DITERIMA',
        rejected: 'DITOLAK',
        duplicate: 'DATA GANDA',
        skipped: 'DIABAIKAN',
      } as const;
      // A finding as the screen says it: "Tanggal Lahir: …", not the field's key.
      const note = (f: RowResult['errors'][number]) => {
        const name = fieldLabel(f.field);
        return name ? `${name}: ${f.message}` : f.message;
      };
      // The report echoes the file's columns up to the last mapped one, and at least REPORT_COLUMNS:
      // a row with one value far to the right (column XFD) must not cost 16,384 cells a row here.
      const mapped = Object.values(j.mapping ?? {}).filter((c): c is number => typeof c === 'number');
      const columns = Math.max(REPORT_COLUMNS, ...mapped.map((c) => c + 1));
      async function* rows() {
        const file = await readable(files, j);
        for await (const { rowNumber, cells } of openRows(file, { columns })) {
          const text = cells.map((c) =>
            c instanceof Date
              ? c
              : c === null || c === undefined
                ? null
                : typeof c === 'number'
                  ? c
                  : String(c),
          );
          if (rowNumber < headerRow) {
            yield [null, null, null, ...text];
          } else if (rowNumber === headerRow) {
            yield ['BARIS', 'STATUS', 'KETERANGAN', ...text];
          } else {
            const r = results.get(rowNumber);
            const notes = r ? [...r.errors, ...r.warnings].map(note).join('\n') : '';
            // No result: an accepted row without findings, or a blank line (nothing to say about it).
            const isBlank =
              !r && text.every((c, i) => i === numberColumn || c === null || String(c).trim() === '');
            const status = r ? label[r.status] : isBlank ? null : label.accepted;
            yield [rowNumber, status, notes || null, ...text];
          }
        }
      }
      await writeXlsx(path, rows(), { sheetName: 'Hasil pemeriksaan', headerRows: [headerRow] }).catch(
        fileError,
      );
      await recordAudit(db, ctx, {
        action: 'import.report',
        entityType: 'import',
        entityId: id,
        regionCode: j.region_code,
      });
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;

/** A mapping given as header text (or column index) → field, turned into field → column index. */
function resolveSaved(saved: Record<string, number | string>, header: string[]): Mapping {
  const out: Mapping = {};
  const norm = (s: string) => s.trim().toLowerCase();
  for (const [key, value] of Object.entries(saved)) {
    if (typeof value === 'number') {
      out[key as ImportField] = value;
      continue;
    }
    if (value === 'ignore') continue;
    const index = /^\d+$/.test(key) ? Number(key) : header.findIndex((h) => norm(h) === norm(key));
    if (index >= 0) out[value as ImportField] = index;
  }
  return out;
}
