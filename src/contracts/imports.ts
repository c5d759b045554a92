import { z } from 'zod';
import { type AuditLabel, Uuid } from './common.js';
import { Worker } from './workers.js';

/** The largest import file accepted (200 MB): a constant of the contract, not of the service, so the
 * module's manifest can name it without loading the service. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

const Finding = z.object({ field: z.string(), code: z.string(), message: z.string() });

export const RowStatus = z.enum(['accepted', 'rejected', 'duplicate', 'skipped']);

export const RowResultSchema = z.object({
  row: z.number(),
  /** skipped: a totals line or the column numbers under the header, left out on purpose. */
  status: RowStatus,
  errors: z.array(Finding),
  warnings: z.array(Finding),
  /** Whose row it is: the name as written and the NIK masked (null when the file left them empty). */
  name: z.string().nullable(),
  nik: z.string().nullable(),
});

/** Identical findings of one import with their number of rows (the first row's message as the example). */
export const FindingGroupSchema = z.object({
  kind: z.enum(['error', 'warning']),
  field: z.string(),
  code: z.string(),
  message: z.string(),
  rows: z.number(),
});

export const ImportCountsSchema = z.object({
  rows: z.number(),
  accepted: z.number(),
  rejected: z.number(),
  duplicates: z.number(),
  skipped: z.number(),
  withWarnings: z.number(),
  possibleDuplicates: z.number(),
  added: z.number().optional(),
  updated: z.number().optional(),
});

export const ImportJob = z.object({
  id: z.string(),
  regionCode: z.string(),
  createdBy: z.string(),
  fileName: z.string(),
  fileSize: z.number(),
  status: z.enum(['uploaded', 'validating', 'validated', 'importing', 'imported', 'failed']),
  headerRow: z.number().nullable(),
  /** field → column index (0-based) */
  mapping: z.record(z.string(), z.number()).nullable(),
  progress: z.object({ phase: z.string(), rows: z.number() }).nullable(),
  counts: ImportCountsSchema.nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  validatedAt: z.string().nullable(),
  importedAt: z.string().nullable(),
  /** The same file (same content) was imported before into the caller's region: when and by whom. */
  alreadyImported: z
    .object({ id: z.string(), fileName: z.string(), by: z.string(), at: z.string() })
    .nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;

export const ImportUploaded = z.object({
  job: ImportJob,
  header: z.array(z.string()),
  unmapped: z.array(z.object({ index: z.number(), header: z.string() })),
  usedSavedMapping: z.boolean(),
  sample: z.array(z.object({ row: z.number(), cells: z.array(z.string().nullable()) })),
});

export const ImportMappingUpdate = z.object({
  /** header text (or column index as text) → field name, or "ignore" */
  mapping: z.record(z.string(), z.string()),
  saveAs: z.string().trim().min(2).max(80).optional(),
});

export const ImportResultsQuery = z.object({
  status: RowStatus.optional(),
  /** Only rows with this finding (a code from GET /imports/:id/findings). */
  code: z
    .string()
    .regex(/^[A-Z0-9_]{1,64}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  afterRow: z.coerce.number().int().min(0).max(2_147_483_647).default(0),
});

export const DuplicateQuery = z.object({
  status: z.enum(['open', 'merged', 'kept_both']).default('open'),
  /** Only the possible duplicates one import brought. */
  jobId: Uuid.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type DuplicateQuery = z.infer<typeof DuplicateQuery>;

/** The import's and the duplicate review queue's audit actions (module imports). */
export const IMPORT_AUDIT_LABELS = {
  'import.upload': { id: 'Berkas impor diunggah', en: 'Import file uploaded' },
  'import.layout': { id: 'Baris awal berkas impor dibuka', en: 'Import file first rows opened' },
  'import.nikRegistered': {
    id: 'Uji impor: NIK terdaftar di wilayah lain',
    en: 'Import dry run: NIKs registered in another region',
  },
  'import.commit': { id: 'Data diimpor', en: 'Data imported' },
  'import.report': { id: 'Laporan impor diunduh', en: 'Import report downloaded' },
  'worker.merge': {
    id: 'Pekerja dinonaktifkan (digabung: orang yang sama)',
    en: 'Worker deactivated (merged: the same person)',
  },
  'duplicate.merge': { id: 'Kemungkinan Data Ganda: digabung', en: 'Possible duplicate: merged' },
  'duplicate.keep_both': {
    id: 'Kemungkinan Data Ganda: keduanya disimpan',
    en: 'Possible duplicate: both kept',
  },
} as const satisfies Record<string, AuditLabel>;

/** A possible duplicate (Kemungkinan Data Ganda): two records side by side, masked like any list. */
export const DuplicateReview = z.object({
  id: Uuid,
  status: z.enum(['open', 'merged', 'kept_both']),
  similarity: z.number(),
  /** The import that found it, and the row of its file; null for pairs found otherwise. */
  jobId: Uuid.nullable(),
  row: z.number().int().nullable(),
  createdAt: z.string(),
  worker: Worker,
  other: Worker,
});
export type DuplicateReview = z.infer<typeof DuplicateReview>;

/** A page of the review queue, with how many reviews the query matches in all. */
export const DuplicatePage = z.object({
  items: z.array(DuplicateReview),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
});
export type DuplicatePage = z.infer<typeof DuplicatePage>;

/** A decision on a possible duplicate. */
export const DuplicateDecision = z.object({ id: Uuid, status: z.enum(['merged', 'kept_both']) });
export type DuplicateDecision = z.infer<typeof DuplicateDecision>;
