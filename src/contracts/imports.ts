import { z } from 'zod';

const Finding = z.object({ field: z.string(), code: z.string(), message: z.string() });

export const RowResultSchema = z.object({
  row: z.number(),
  status: z.enum(['accepted', 'rejected', 'duplicate']),
  errors: z.array(Finding),
  warnings: z.array(Finding),
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
  status: z.enum(['accepted', 'rejected', 'duplicate']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  afterRow: z.coerce.number().int().min(0).max(2_147_483_647).default(0),
});
