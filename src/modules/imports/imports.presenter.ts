import type { z } from 'zod';
import type { ImportJob, RowResultSchema } from '../../contracts/imports.js';
import { maskNik } from '../../domain/mask.js';
import type { ImportJobRow, RowResult } from './imports.repo.js';

type RowResultView = z.infer<typeof RowResultSchema>;

import type { Progress } from './imports.service.js';

export function presentJob(j: ImportJobRow, progress: Progress | null): ImportJob {
  return {
    id: j.id,
    regionCode: j.region_code,
    createdBy: j.created_by,
    fileName: j.file_name,
    fileSize: j.file_size,
    status: j.status,
    headerRow: j.header_row,
    mapping: j.mapping,
    progress,
    counts: j.counts,
    error: j.error,
    createdAt: j.created_at.toISOString(),
    validatedAt: j.validated_at?.toISOString() ?? null,
    importedAt: j.imported_at?.toISOString() ?? null,
    alreadyImported: j.already_imported
      ? { ...j.already_imported, at: new Date(j.already_imported.at).toISOString() }
      : null,
  };
}

/** A row's result as lists show it: the NIK masked like every list's (UU PDP). */
export function presentRowResult(r: RowResult): RowResultView {
  return {
    row: r.row,
    status: r.status,
    errors: r.errors,
    warnings: r.warnings,
    name: r.name ?? null,
    nik: r.nik ? maskNik(r.nik) : null,
  };
}
