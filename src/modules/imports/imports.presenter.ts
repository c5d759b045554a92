import type { ImportJob } from '../../contracts/imports.js';
import type { ImportJobRow } from './imports.repo.js';
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
  };
}
