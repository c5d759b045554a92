import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fieldLabel, findHeaderRow, type ImportField } from '../../domain/import/headers.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { isWithin } from '../../platform/db/scope.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../access/policy.js';
import { recordAudit } from '../audit/audit.repo.js';
import { levelOf, type RegionCatalog } from '../regions/catalog.js';
import { FileRejected } from './files/types.js';
import { writeXlsx } from './files/xlsx-writer.js';
import {
  checkFile,
  commitStaged,
  detectLayout,
  MAX_ROWS,
  type Mapping,
  openRows,
  StagingMissing,
} from './imports.pipeline.js';
import { createImportsRepo, type ImportCounts, type ImportJobRow, type RowResult } from './imports.repo.js';

export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
/**
 * Days a dry run's staged rows wait for the import. Older ones are removed when another dry run
 * starts: the registry has moved on since, and while any job has staged rows a commit has to delete
 * its own instead of emptying the table (decision 0006). Importing such a job asks for the dry run
 * again, as after a server crash.
 */
export const STAGING_KEPT_DAYS = 7;
/** The error report echoes at least this many of the file's columns (and every mapped one). */
const REPORT_COLUMNS = 256;

export interface ImportDeps {
  db: Database;
  catalog: RegionCatalog;
  provinceCode: string;
  dataDir: string;
}

export interface Progress {
  phase: 'validating' | 'importing';
  rows: number;
}

interface Running extends Progress {
  job: ImportJobRow;
}

function notFound() {
  return new AppError('IMPORT_NOT_FOUND', 'Impor tidak ditemukan.');
}

/** Header, mapping and first rows of an uploaded file, at the header row found at upload. */
function storedLayout(j: ImportJobRow) {
  return detectLayout(j, () => (j.header_row ?? 1) - 1).catch(fileError);
}

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

function fileError(e: unknown): never {
  if (e instanceof FileRejected) throw new AppError(e.code, e.message);
  throw e;
}

export function createImportService(deps: ImportDeps) {
  const { db, catalog, provinceCode } = deps;
  const dir = join(deps.dataDir, 'imports');
  const repo = createImportsRepo(db);
  // Jobs at work. Their status is answered from memory: on PGlite the running transaction holds the
  // only connection, so a poll must not need the database.
  const progress = new Map<string, Running>();

  async function job(ctx: ServiceContext, id: string): Promise<ImportJobRow> {
    authorize(ctx.actor, 'worker.read');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
    const j = await repo.findJob(id, ctx.actor.regionCodes);
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
    if (!isWithin(code, [provinceCode]) || !ctx.actor.regionCodes.some((s) => isWithin(code, [s]))) {
      throw new AppError('FORBIDDEN', `Wilayah ${code} di luar wilayah kerja Anda.`, { field: 'region' });
    }
    return code;
  }

  return {
    progressOf(id: string): Progress | null {
      const p = progress.get(id);
      return p ? { phase: p.phase, rows: p.rows } : null;
    },

    /** Status for polling: from memory while the job runs, else from the database. */
    async live(ctx: ServiceContext, id: string): Promise<ImportJobRow> {
      authorize(ctx.actor, 'worker.read');
      const p = progress.get(id);
      if (p && ctx.actor.regionCodes.some((c) => isWithin(p.job.region_code, [c])))
        return { ...p.job, status: p.phase };
      return job(ctx, id);
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
      mkdirSync(dir, { recursive: true });
      const id = randomUUID();
      const path = join(dir, `${id}.${ext}`);
      const hash = createHash('sha256');
      let size = 0;
      try {
        await pipeline(
          input.source,
          async function* (chunks: AsyncIterable<Buffer>) {
            for await (const c of chunks) {
              size += c.length;
              if (size > MAX_UPLOAD_BYTES)
                throw new AppError(
                  'PAYLOAD_TOO_LARGE',
                  `Berkas lebih besar dari ${MAX_UPLOAD_BYTES / 1048576} MB. Pecah menjadi beberapa berkas.`,
                );
              hash.update(c);
              yield c;
            }
          },
          createWriteStream(path),
        );
        if ((input.source as Readable & { truncated?: boolean }).truncated) {
          throw new AppError(
            'PAYLOAD_TOO_LARGE',
            `Berkas lebih besar dari ${MAX_UPLOAD_BYTES / 1048576} MB. Pecah menjadi beberapa berkas.`,
          );
        }
        if (size === 0) throw new AppError('FILE_EMPTY', 'Berkas kosong.');
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
        const row = await repo.insertJob({
          id,
          region_code: region,
          created_by: ctx.actor.label,
          created_by_id: ctx.actor.id,
          file_name: input.fileName.slice(0, 200),
          file_kind: ext,
          file_size: statSync(path).size,
          file_sha256: hash.digest('hex'),
          stored_path: path,
          header_row: layout.headerRow,
          mapping: mapping as Record<string, number>,
        });
        row.already_imported = (await repo.findJob(id, ctx.actor.regionCodes))?.already_imported ?? null;
        await recordAudit(db, ctx, {
          action: 'import.upload',
          entityType: 'import',
          entityId: id,
          regionCode: region,
          details: { file: row.file_name, size: row.file_size },
        });
        return {
          job: row,
          header: layout.header,
          unmapped: layout.unmapped,
          usedSavedMapping: saved !== null,
          sample: layout.sample,
        };
      } catch (e) {
        rmSync(path, { force: true });
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
      const layout = await storedLayout(j);
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
      const layout = await storedLayout(j);
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
     * Dry run: the outcome of every row, nothing written to the registry. `onRow` hears every row; a row
     * found to be a possible duplicate of a registered worker is heard again, with that warning.
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
      authorize(ctx.actor, 'worker.write');
      const j = await job(ctx, id);
      if (j.status === 'validating' || j.status === 'importing')
        throw new AppError('IMPORT_BUSY', 'Impor ini sedang diproses.');
      if (j.status === 'imported') throw new AppError('IMPORT_STATE', 'Impor ini sudah selesai.');
      await repo.setStatus(id, { status: 'validating', error: null });
      progress.set(id, { job: j, phase: 'validating', rows: 0 });
      // PGlite runs on this thread: nothing overlaps with a window's registry query, and each query reads
      // the registry again, so one query once the file is read (100,000 rows against 1,000,000 workers:
      // 15.4 s in three windows, 13.9 s in one). PostgreSQL: the pipeline's windows (sweepWindow()).
      const sweepWindow = opts.sweepWindow ?? (db.kind === 'pglite' ? MAX_ROWS : undefined);
      try {
        const counts = await db.transaction(async (tx) => {
          const r = createImportsRepo(tx);
          await r.clearResults(id);
          await r.clearStaged(id);
          await r.clearStaleStaging(new Date(ctx.now.getTime() - STAGING_KEPT_DAYS * 86_400_000));
          return checkFile(
            tx,
            ctx,
            j,
            { catalog, provinceCode },
            {
              updateExisting: j.update_existing,
              onProgress: (rows) => {
                progress.set(id, { job: j, phase: 'validating', rows });
                return opts.onProgress?.(rows);
              },
              ...(onRow ? { onRow } : {}),
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
        const { staged: _staged, ...shown } = counts;
        return shown;
      } catch (e) {
        await repo.setStatus(id, {
          status: 'failed',
          error:
            e instanceof AppError || e instanceof FileRejected
              ? e.message
              : 'Validasi gagal karena kesalahan server.',
        });
        fileError(e);
      } finally {
        progress.delete(id);
      }
    },

    /**
     * Writes the accepted rows, all or nothing: one transaction. Importing the same file again adds
     * nothing (its NIKs are then duplicates).
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
      await repo.setStatus(id, { status: 'importing', error: null, update_existing: updateExisting });
      progress.set(id, { job: j, phase: 'importing', rows: 0 });
      try {
        const counts = await db.transaction(async (tx) => {
          const c = await commitStaged(tx, ctx, j, {
            updateExisting,
            onProgress: (rows) => progress.set(id, { job: j, phase: 'importing', rows }),
            ...(opts.failAfterRows !== undefined ? { failAfterRows: opts.failAfterRows } : {}),
            ...(opts.rebuildIndexes !== undefined ? { rebuildIndexes: opts.rebuildIndexes } : {}),
            ...(opts.onRow ? { onRow: opts.onRow } : {}),
          });
          await recordAudit(tx, ctx, {
            action: 'import.commit',
            entityType: 'import',
            entityId: id,
            regionCode: j.region_code,
            details: { file: j.file_name, counts: c },
          });
          return c;
        });
        await repo.setStatus(id, {
          status: 'imported',
          counts,
          imported_at: ctx.now,
          progress_rows: counts.rows,
        });
        return counts;
      } catch (e) {
        if (e instanceof StagingMissing) {
          await repo.setStatus(id, { status: 'uploaded', counts: null, error: null });
          throw new AppError(
            'IMPORT_STATE',
            'Hasil pemeriksaan berkas ini tidak tersedia lagi (misalnya karena server dimulai ulang). Jalankan pemeriksaan (uji coba) sekali lagi, lalu impor.',
          );
        }
        await repo.setStatus(id, {
          status: 'validated',
          error:
            e instanceof AppError || e instanceof FileRejected
              ? e.message
              : 'Impor gagal dan dibatalkan seluruhnya; tidak ada data yang tersimpan. Coba lagi.',
        });
        fileError(e);
      } finally {
        progress.delete(id);
      }
    },

    get: job,

    /** The checks a background run makes first, made before answering the request that starts it. */
    async assertCanRun(
      ctx: ServiceContext,
      id: string,
      step: 'validate' | 'commit',
      updateExisting = false,
    ): Promise<ImportJobRow> {
      authorize(ctx.actor, 'worker.write');
      const j = await job(ctx, id);
      if (j.status === 'validating' || j.status === 'importing')
        throw new AppError('IMPORT_BUSY', 'Impor ini sedang diproses.');
      if (j.status === 'imported') throw new AppError('IMPORT_STATE', 'Impor ini sudah selesai.');
      if (step === 'commit' && j.status !== 'validated')
        throw new AppError('IMPORT_STATE', 'Jalankan pemeriksaan (uji coba) dulu sebelum mengimpor.');
      const nothing = step === 'commit' ? nothingToImport(j, updateExisting) : null;
      if (nothing) throw new AppError('IMPORT_STATE', nothing);
      return j;
    },

    async list(ctx: ServiceContext, limit = 50) {
      authorize(ctx.actor, 'worker.read');
      return repo.listJobs(ctx.actor.regionCodes, limit);
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
        for await (const { rowNumber, cells } of openRows(j, { columns })) {
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

    failInterrupted: () => repo.failInterrupted(),
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
