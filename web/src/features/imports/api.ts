import { type Answer, BASE, formWith, mutation, queryString, request } from '../../api/api.js';

export type ImportJob = Answer<'/imports/{id}', 'get'>;
export type ImportUploaded = Answer<'/imports', 'post'>;
export type ImportCounts = NonNullable<ImportJob['counts']>;
export type RowResult = Answer<'/imports/{id}/results', 'get'>['items'][number];
export type FindingGroup = Answer<'/imports/{id}/findings', 'get'>['items'][number];
/** A page of the open possible duplicates (two masked records side by side each) with their number. */
export type DuplicatePage = Answer<'/duplicates', 'get'>;
export type DuplicateReview = DuplicatePage['items'][number];

export const importReportUrl = (id: string) => `${BASE}/imports/${encodeURIComponent(id)}/report.xlsx`;

export const importsKeys = {
  imports: ['imports'] as const,
  importJob: (id: string) => ['imports', id] as const,
  importLayout: (id: string) => ['imports', id, 'layout'] as const,
  duplicates: (jobId: string | undefined) => ['duplicates', jobId ?? null] as const,
  /** An import's rows needing attention, of one dry run or commit (`run`), one tab, one finding. */
  importRows: (id: string, run: string, status: string, code: string | null) =>
    ['importRows', id, run, status, code] as const,
  importFindings: (id: string, run: string, status: string) =>
    ['importRows', id, run, 'findings', status] as const,
};

/** The import history only: the job's own page takes the answer of the change and polls from there. */
const IMPORT_HISTORY = { queryKey: ['imports'], exact: true };
const AUDIT = { queryKey: ['audit'] };

export const importsApi = {
  imports: () => request<{ items: ImportJob[] }>('GET', '/imports').then((r) => r.items),
  importJob: (id: string) => request<ImportJob>('GET', `/imports/${encodeURIComponent(id)}`),
  importLayout: (id: string) => request<ImportUploaded>('GET', `/imports/${encodeURIComponent(id)}/layout`),
  uploadImport: mutation(
    [IMPORT_HISTORY, AUDIT],
    (file: File, region?: string): Promise<ImportUploaded> =>
      // The server reads the fields in order: the region must come before the file.
      request<ImportUploaded>('POST', '/imports', { form: formWith({ region: region || undefined }, file) }),
  ),
  setImportMapping: mutation(
    [IMPORT_HISTORY, AUDIT],
    (id: string, mapping: Record<string, string>, saveAs?: string) =>
      request<ImportJob>('PUT', `/imports/${encodeURIComponent(id)}/mapping`, {
        body: { mapping, ...(saveAs ? { saveAs } : {}) },
      }),
  ),
  validateImport: mutation([IMPORT_HISTORY, { queryKey: ['importRows'] }, AUDIT], (id: string) =>
    request<ImportJob>('POST', `/imports/${encodeURIComponent(id)}/validate`),
  ),
  commitImport: mutation(
    [
      IMPORT_HISTORY,
      { queryKey: ['importRows'] },
      { queryKey: ['workers'] },
      { queryKey: ['duplicates'] },
      AUDIT,
    ],
    (id: string, updateExisting: boolean) =>
      request<ImportJob>('POST', `/imports/${encodeURIComponent(id)}/commit`, { body: { updateExisting } }),
  ),
  importResults: (
    id: string,
    status: RowResult['status'],
    afterRow = 0,
    limit = 200,
    code?: string,
    signal?: AbortSignal,
  ) =>
    request<{ items: RowResult[] }>(
      'GET',
      `/imports/${encodeURIComponent(id)}/results${queryString({ status, afterRow, limit, code })}`,
      signal ? { signal } : {},
    ).then((r) => r.items),
  importFindings: (id: string, status: RowResult['status'], signal?: AbortSignal) =>
    request<{ items: FindingGroup[] }>(
      'GET',
      `/imports/${encodeURIComponent(id)}/findings${queryString({ status })}`,
      signal ? { signal } : {},
    ).then((r) => r.items),

  /** A page of the open possible duplicates (of one import when given), with their total. */
  duplicates: (q: { jobId?: string; cursor?: string; limit?: number } = {}, signal?: AbortSignal) =>
    request<DuplicatePage>(
      'GET',
      `/duplicates${queryString({ status: 'open', ...q })}`,
      signal ? { signal } : {},
    ),
  decideDuplicate: mutation(
    [{ queryKey: ['duplicates'] }, { queryKey: ['workers'] }, AUDIT],
    (id: string, decision: 'merge' | 'keep_both', keepId?: string) =>
      request<{ id: string; status: string }>('POST', `/duplicates/${encodeURIComponent(id)}/decide`, {
        body: { decision, ...(keepId ? { keepId } : {}) },
      }),
  ),
};
