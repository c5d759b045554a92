import { IMPORT_AUDIT_LABELS, MAX_UPLOAD_BYTES } from '../../contracts/imports.js';
import { type CoreDeps, defineFeature } from '../../platform/feature.js';
import { importJobHandlers } from './imports.jobs.js';
import { importRoutes } from './imports.routes.js';
import { createImportService } from './imports.service.js';
import { createReviewService } from './reviews.service.js';

/** Spreadsheet imports (upload → map → dry run → commit) and the possible-duplicate review queue. */
export const feature = defineFeature({
  name: 'imports',
  services: ({ db, catalog, provinceCode, files, jobs }: CoreDeps) => ({
    imports: createImportService({ db, catalog, provinceCode, files, jobs }),
    reviews: createReviewService({ db, catalog }),
  }),
  jobs: ({ db, catalog, provinceCode, files }: CoreDeps) =>
    importJobHandlers({ db, catalog, provinceCode, files }),
  routes: (app) => importRoutes(app),
  maxUploadBytes: MAX_UPLOAD_BYTES,
  errors: {
    IMPORT_NOT_FOUND: { status: 404, message: 'Impor tidak ditemukan.' },
    IMPORT_STATE: { status: 409, message: 'Impor tidak dalam tahap yang sesuai.' },
    IMPORT_BUSY: { status: 409, message: 'Impor lain sedang berjalan.' },
    REVIEW_DECIDED: { status: 409, message: 'Kemungkinan data ganda ini sudah diputuskan.' },
    FILE_TYPE_UNSUPPORTED: { status: 422, message: 'Jenis berkas tidak didukung.' },
    FILE_UNREADABLE: { status: 422, message: 'Berkas tidak dapat dibaca.' },
    FILE_TOO_COMPRESSED: { status: 422, message: 'Berkas terlalu padat dimampatkan.' },
    FILE_TOO_LARGE_EXPANDED: { status: 413, message: 'Isi berkas terlalu besar.' },
    FILE_TOO_MANY_ROWS: { status: 413, message: 'Berkas berisi terlalu banyak baris.' },
    HEADER_NOT_FOUND: { status: 422, message: 'Baris judul kolom tidak ditemukan.' },
  },
  auditLabels: IMPORT_AUDIT_LABELS,
  commands: {
    import: {
      help: 'import FILE [--region CODE] [--dry-run] [--update-existing] [--json]   import a worker spreadsheet',
      order: 30,
      run: async (argv, io) => (await import('./imports.cli.js')).importCommand(argv, io),
    },
  },
});

// The streaming readers and the formula-safe writer, for other exchanges of spreadsheets (enrolments).
export { readCsv } from './files/csv.js';
export { FileRejected, type SheetRow } from './files/types.js';
export { readXlsx } from './files/xlsx.js';
export { type Cell, writeXlsx } from './files/xlsx-writer.js';
export { fileError } from './imports.jobs.js';
export { presentRowResult } from './imports.presenter.js';
export type { RowResult } from './imports.repo.js';
export { duplicateReviewsScope, importJobsScope } from './imports.scope.js';
export { type ImportService, nothingToImport } from './imports.service.js';
export { MAX_ROWS } from './pipeline/sizing.js';
