import type { ApiPaths } from './schema.gen.js';

/** The successful answer of a route, from the generated types (`npm run gen:api`). */
export type Answer<P extends keyof ApiPaths, M extends keyof ApiPaths[P]> = ApiPaths[P][M] extends {
  response: infer R;
}
  ? R
  : never;
/** The JSON body a route takes. */
export type Body<P extends keyof ApiPaths, M extends keyof ApiPaths[P]> = ApiPaths[P][M] extends {
  body: infer B;
}
  ? B
  : never;
/** The query parameters a route takes. */
export type Query<P extends keyof ApiPaths, M extends keyof ApiPaths[P]> = ApiPaths[P][M] extends {
  query: infer Q;
}
  ? Q
  : never;

export type Me = Answer<'/auth/me', 'get'>;
export type Meta = Answer<'/meta', 'get'>;
export type Worker = Answer<'/workers/{id}', 'get'>;
export type WorkerPage = Answer<'/workers/search', 'post'>;
export type WorkerCreate = Body<'/workers', 'post'>;
export type WorkerPatch = Body<'/workers/{id}', 'patch'>;
export type NikRegistration = Answer<'/workers/nik-status', 'post'>;
export type NikCheck = Answer<'/nik/check', 'post'>;
export type Region = Answer<'/regions', 'get'>['items'][number];
export type RegionDetail = Answer<'/regions/{code}', 'get'>;
export type User = Answer<'/users/{id}', 'patch'>;
export type Role = User['role'];
export type AuditPage = Answer<'/audit', 'get'>;
export type AuditItem = Answer<'/audit/{id}/full', 'get'>;
export type AuditPeople = Answer<'/audit/people', 'post'>;
export type AuditQuery = Query<'/audit', 'get'>;
export type ImportJob = Answer<'/imports/{id}', 'get'>;
export type ImportUploaded = Answer<'/imports', 'post'>;
export type ImportCounts = NonNullable<ImportJob['counts']>;
export type RowResult = Answer<'/imports/{id}/results', 'get'>['items'][number];
export type FindingGroup = Answer<'/imports/{id}/findings', 'get'>['items'][number];
export type UserChanges = Body<'/users/{id}', 'patch'>;
/** A page of the open possible duplicates (two masked records side by side each) with their number. */
export type DuplicatePage = Answer<'/duplicates', 'get'>;
export type DuplicateReview = DuplicatePage['items'][number];
export type Sponsor = Answer<'/sponsors/{id}', 'get'>;
export type SponsorInput = Body<'/sponsors', 'post'>;
export type SponsorChanges = Body<'/sponsors/{id}', 'patch'>;
export type Programme = Answer<'/programmes/{id}', 'get'>;
export type ProgrammeListItem = Answer<'/programmes', 'get'>['items'][number];
export type ProgrammeSummary = Answer<'/programmes/{id}/summary', 'get'>;
export type ProgrammeInput = Body<'/programmes', 'post'>;
export type ProgrammeChanges = Body<'/programmes/{id}', 'patch'>;
export type EnrolmentPage = Answer<'/programmes/{id}/enrolments', 'get'>;
export type Enrolment = EnrolmentPage['items'][number];
export type EnrolmentWithHistory = Answer<'/enrolments/{id}', 'get'>;
export type EnrolmentEnd = Body<'/enrolments/{id}/end', 'post'>;
export type ResponseReport = Answer<'/programmes/{id}/enrolments/response', 'post'>;
export type SponsoredPage = Answer<'/enrolments/sponsored', 'get'>;
export type AllocationOverview = Answer<'/programmes/{id}/allocation', 'get'>;
export type Simulation = Answer<'/programmes/{id}/simulation', 'post'>;
export type AllocationJob = Answer<'/allocation-jobs/{id}', 'get'>;
export type Roster = Answer<'/rosters/{id}', 'get'>;
export type RosterWorkerPage = Answer<'/rosters/{id}/workers', 'get'>;
export type WorkerEligibility = Answer<'/programmes/{id}/workers/{workerId}/eligibility', 'get'>;
/** Rates and calculators (features/rates). */
export type RateVersionList = Answer<'/rates', 'get'>;
export type RateVersion = RateVersionList['items'][number];
export type RateVersionInput = Body<'/rates', 'post'>;
export type BpuCalc = Answer<'/calc/bpu', 'get'>;
export type BpuCalcQuery = Query<'/calc/bpu', 'get'>;
export type JakonCalc = Answer<'/calc/jakon', 'get'>;
export type JakonCalcQuery = Query<'/calc/jakon', 'get'>;
export type BenefitCalc = Answer<'/calc/benefit', 'get'>;
export type BenefitCalcQuery = Query<'/calc/benefit', 'get'>;

/**
 * Every request to the server goes through `request`: one place for the session cookie, the CSRF header
 * and the error shape `{"error": {"code", "message", "details"}}`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface FieldIssue {
  path: string[];
  message: string;
  messageEn?: string;
}

const BASE = '/api/v1';
const SAFE_METHODS = new Set(['GET', 'HEAD']);

let csrfToken: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

/** The token the server handed out at sign-in; sent with every change (POST, PATCH). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called whenever the server says the session is gone (401), so the app can show the sign-in page. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

async function request<T>(
  method: string,
  path: string,
  opts: { body?: unknown; form?: FormData; signal?: AbortSignal; quiet401?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A FormData body sets its own multipart content type (with the boundary).
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (!SAFE_METHODS.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      ...(opts.form ? { body: opts.form } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', 'Tidak dapat menghubungi server.');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page, for instance: reported below by status.
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    const apiError = new ApiError(
      res.status,
      err?.code ?? `HTTP_${res.status}`,
      err?.message ?? `Server menjawab ${res.status}.`,
      err?.details,
    );
    if (res.status === 401 && !opts.quiet401) for (const l of unauthenticatedListeners) l();
    throw apiError;
  }
  return data as T;
}

/** Field-by-field problems in an error's details: `{ issues: [{ path, message }] }` or `{ field }`. */
export function fieldIssues(e: ApiError): FieldIssue[] {
  const d = e.details as { issues?: unknown; field?: unknown } | undefined;
  if (d && Array.isArray(d.issues)) {
    return d.issues
      .filter((i): i is FieldIssue => typeof i === 'object' && i !== null && Array.isArray(i.path))
      .map((i) => ({ path: i.path.map(String), message: String(i.message), messageEn: i.messageEn }));
  }
  if (d && typeof d.field === 'string') return [{ path: d.field.split('.'), message: e.message }];
  return [];
}

export interface WorkerQuery {
  q?: string;
  region?: string;
  occupation?: string;
  sex?: string;
  ageMin?: string;
  ageMax?: string;
  status?: string;
  limit?: number;
  cursor?: string;
}

function queryString(params: Record<string, string | number | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

/** A calculator's inputs as query parameters (lists comma-separated). */
const calcQuery = (q: object) =>
  Object.fromEntries(
    Object.entries(q).map(([k, v]) => [
      k,
      Array.isArray(v) ? v.join(',') : (v as string | number | undefined),
    ]),
  );

/** The search as JSON: empty filters left out, numbers as numbers. */
function searchBody(q: WorkerQuery): Record<string, string | number> {
  const body: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === '') continue;
    body[k] = (k === 'ageMin' || k === 'ageMax') && typeof v === 'string' ? Number(v) : v;
  }
  return body;
}

/** The query string of an audit filter, shared by the list request and the CSV link. */
export function auditQueryString(q: AuditQuery): string {
  return queryString({ ...q });
}

/** Where the browser downloads the audit trail as CSV (the session cookie goes along with a plain link). */
export const auditExportUrl = (q: AuditQuery) => `${BASE}/audit/export${auditQueryString(q)}`;
/** The roster for BPJS (full NIKs): downloaded by the browser, the server records who took it. */
export const rosterExportUrl = (programmeId: string, format: 'xlsx' | 'csv') =>
  `${BASE}/programmes/${encodeURIComponent(programmeId)}/enrolments/export?format=${format}`;
export const importReportUrl = (id: string) => `${BASE}/imports/${encodeURIComponent(id)}/report.xlsx`;

/** Every call that changes data on the server, by name (app/queryClient.ts maps each to what it makes stale). */
export type Mutation =
  | 'createWorker'
  | 'updateWorker'
  | 'deactivateWorker'
  | 'uploadImport'
  | 'setImportMapping'
  | 'validateImport'
  | 'commitImport'
  | 'decideDuplicate'
  | 'createUser'
  | 'updateUser'
  | 'resetPassword'
  | 'changePassword'
  | 'createSponsor'
  | 'updateSponsor'
  | 'setSponsorActive'
  | 'createProgramme'
  | 'updateProgramme'
  | 'setProgrammeStatus'
  | 'endEnrolment'
  | 'importEnrolmentResponse'
  | 'proposeRoster'
  | 'approveRoster'
  | 'rejectRoster'
  | 'addRateVersion';

const mutationListeners = new Set<(mutation: Mutation) => void>();

/** Called after every successful change, so that cached answers it touched can be refreshed. */
export function onMutated(listener: (mutation: Mutation) => void): () => void {
  mutationListeners.add(listener);
  return () => mutationListeners.delete(listener);
}

/** A call that changes data: tells the listeners once the server has accepted it. */
function mutation<Args extends unknown[], T>(name: Mutation, call: (...args: Args) => Promise<T>) {
  return async (...args: Args): Promise<T> => {
    const result = await call(...args);
    for (const listener of mutationListeners) listener(name);
    return result;
  };
}

const regionCache = new Map<string, Promise<Region[]>>();

export const api = {
  meta: () => request<Meta>('GET', '/meta'),
  me: () => request<Me>('GET', '/auth/me', { quiet401: true }),
  login: (email: string, password: string) =>
    request<Me>('POST', '/auth/login', { body: { email, password }, quiet401: true }),
  logout: () => request<void>('POST', '/auth/logout'),

  /** Children of a region, cached for the visit: the hierarchy does not change while someone types. */
  regions(parent: string): Promise<Region[]> {
    let p = regionCache.get(parent);
    if (!p) {
      p = request<{ items: Region[] }>('GET', `/regions${queryString({ parent })}`).then((r) => r.items);
      p.catch(() => regionCache.delete(parent));
      regionCache.set(parent, p);
    }
    return p;
  },
  region: (code: string) => request<RegionDetail>('GET', `/regions/${encodeURIComponent(code)}`),
  // POST so that a NIK never travels in a URL.
  checkNik: (nik: string, signal?: AbortSignal) =>
    request<NikCheck>('POST', '/nik/check', { body: { nik }, ...(signal ? { signal } : {}) }),

  // POST so that a NIK typed into the search box never travels in a URL (proxies log URLs).
  searchWorkers: (query: WorkerQuery, signal?: AbortSignal) =>
    request<WorkerPage>('POST', '/workers/search', {
      body: searchBody(query),
      ...(signal ? { signal } : {}),
    }),
  /** Whether a NIK can still be registered: the answer registering it would get. */
  nikStatus: (nik: string, signal?: AbortSignal) =>
    request<NikRegistration>('POST', '/workers/nik-status', { body: { nik }, ...(signal ? { signal } : {}) }),
  worker: (id: string) => request<Worker>('GET', `/workers/${encodeURIComponent(id)}`),
  createWorker: mutation('createWorker', (body: WorkerCreate) =>
    request<Worker>('POST', '/workers', { body }),
  ),
  updateWorker: mutation('updateWorker', (id: string, body: WorkerPatch) =>
    request<Worker>('PATCH', `/workers/${encodeURIComponent(id)}`, { body }),
  ),
  deactivateWorker: mutation('deactivateWorker', (id: string, reason: string, version: number) =>
    request<Worker>('POST', `/workers/${encodeURIComponent(id)}/deactivate`, { body: { reason, version } }),
  ),

  changePassword: mutation('changePassword', (currentPassword: string, newPassword: string) =>
    request<void>('POST', '/auth/password', { body: { currentPassword, newPassword } }),
  ),

  users: () => request<{ items: User[] }>('GET', '/users').then((r) => r.items),
  createUser: mutation('createUser', (body: Body<'/users', 'post'>) =>
    request<{ user: User; temporaryPassword: string | null }>('POST', '/users', { body }),
  ),
  updateUser: mutation('updateUser', (id: string, body: UserChanges) =>
    request<User>('PATCH', `/users/${encodeURIComponent(id)}`, { body }),
  ),
  resetPassword: mutation('resetPassword', (id: string) =>
    request<{ temporaryPassword: string }>('POST', `/users/${encodeURIComponent(id)}/reset-password`),
  ),

  sponsors: (includeInactive = false) =>
    request<{ items: Sponsor[] }>(
      'GET',
      `/sponsors${queryString({ includeInactive: String(includeInactive) })}`,
    ).then((r) => r.items),
  createSponsor: mutation('createSponsor', (body: SponsorInput) =>
    request<Sponsor>('POST', '/sponsors', { body }),
  ),
  updateSponsor: mutation('updateSponsor', (id: string, body: SponsorChanges) =>
    request<Sponsor>('PATCH', `/sponsors/${encodeURIComponent(id)}`, { body }),
  ),
  setSponsorActive: mutation('setSponsorActive', (id: string, isActive: boolean) =>
    request<Sponsor>('POST', `/sponsors/${encodeURIComponent(id)}/${isActive ? 'activate' : 'deactivate'}`),
  ),

  programmes: () => request<{ items: ProgrammeListItem[] }>('GET', '/programmes').then((r) => r.items),
  programme: (id: string) => request<Programme>('GET', `/programmes/${encodeURIComponent(id)}`),
  programmeSummary: (id: string) =>
    request<ProgrammeSummary>('GET', `/programmes/${encodeURIComponent(id)}/summary`),
  createProgramme: mutation('createProgramme', (body: ProgrammeInput) =>
    request<Programme>('POST', '/programmes', { body }),
  ),
  updateProgramme: mutation('updateProgramme', (id: string, body: ProgrammeChanges) =>
    request<Programme>('PATCH', `/programmes/${encodeURIComponent(id)}`, { body }),
  ),
  setProgrammeStatus: mutation('setProgrammeStatus', (id: string, step: 'open' | 'close') =>
    request<Programme>('POST', `/programmes/${encodeURIComponent(id)}/${step}`),
  ),

  audit: (q: AuditQuery, signal?: AbortSignal) =>
    request<AuditPage>('GET', `/audit${auditQueryString(q)}`, signal ? { signal } : {}),
  /** One event with its full values; the server records that they were shown. */
  auditFull: (id: number) => request<AuditItem>('GET', `/audit/${id}/full`),
  /** The workers a NIK or name points to: in the body, so a NIK never appears in an address. */
  auditPeople: (query: string) => request<AuditPeople>('POST', '/audit/people', { body: { query } }),

  programmeEnrolments: (
    id: string,
    q: { status?: string; regency?: string; cursor?: string; limit?: number },
  ) => request<EnrolmentPage>('GET', `/programmes/${encodeURIComponent(id)}/enrolments${queryString(q)}`),
  workerEnrolments: (workerId: string) =>
    request<{ items: EnrolmentWithHistory[] }>(
      'GET',
      `/workers/${encodeURIComponent(workerId)}/enrolments`,
    ).then((r) => r.items),
  sponsoredEnrolments: (q: { cursor?: string; limit?: number }) =>
    request<SponsoredPage>('GET', `/enrolments/sponsored${queryString(q)}`),
  endEnrolment: mutation('endEnrolment', (id: string, body: EnrolmentEnd) =>
    request<EnrolmentWithHistory>('POST', `/enrolments/${encodeURIComponent(id)}/end`, { body }),
  ),
  importEnrolmentResponse: mutation(
    'importEnrolmentResponse',
    (programmeId: string, file: File, dryRun: boolean): Promise<ResponseReport> => {
      const form = new FormData();
      // The server reads the fields in order: dryRun must come before the file.
      form.append('dryRun', String(dryRun));
      form.append('file', file, file.name);
      return request<ResponseReport>(
        'POST',
        `/programmes/${encodeURIComponent(programmeId)}/enrolments/response`,
        {
          form,
        },
      );
    },
  ),
  allocation: (programmeId: string) =>
    request<AllocationOverview>('GET', `/programmes/${encodeURIComponent(programmeId)}/allocation`),
  simulate: (programmeId: string, budgets: number[]) =>
    request<Simulation>('POST', `/programmes/${encodeURIComponent(programmeId)}/simulation`, {
      body: { budgets },
    }),
  eligibility: (programmeId: string, workerId: string) =>
    request<WorkerEligibility>(
      'GET',
      `/programmes/${encodeURIComponent(programmeId)}/workers/${encodeURIComponent(workerId)}/eligibility`,
    ),
  proposeRoster: mutation('proposeRoster', (programmeId: string, budget?: number) =>
    request<AllocationJob>('POST', `/programmes/${encodeURIComponent(programmeId)}/rosters`, {
      body: budget === undefined ? {} : { budget },
    }),
  ),
  allocationJob: (id: string) => request<AllocationJob>('GET', `/allocation-jobs/${encodeURIComponent(id)}`),
  rosters: (programmeId: string) =>
    request<{ items: Omit<Roster, 'formula'>[] }>(
      'GET',
      `/programmes/${encodeURIComponent(programmeId)}/rosters`,
    ).then((r) => r.items),
  roster: (id: string) => request<Roster>('GET', `/rosters/${encodeURIComponent(id)}`),
  rosterWorkers: (id: string, after = 0, limit = 50) =>
    request<RosterWorkerPage>(
      'GET',
      `/rosters/${encodeURIComponent(id)}/workers${queryString({ after, limit })}`,
    ),
  approveRoster: mutation('approveRoster', (id: string, note?: string) =>
    request<Roster>('POST', `/rosters/${encodeURIComponent(id)}/approve`, { body: note ? { note } : {} }),
  ),
  rejectRoster: mutation('rejectRoster', (id: string, note: string) =>
    request<Roster>('POST', `/rosters/${encodeURIComponent(id)}/reject`, { body: { note } }),
  ),

  imports: () => request<{ items: ImportJob[] }>('GET', '/imports').then((r) => r.items),
  importJob: (id: string) => request<ImportJob>('GET', `/imports/${encodeURIComponent(id)}`),
  importLayout: (id: string) => request<ImportUploaded>('GET', `/imports/${encodeURIComponent(id)}/layout`),
  uploadImport: mutation('uploadImport', (file: File, region?: string): Promise<ImportUploaded> => {
    const form = new FormData();
    // The server reads the fields in order: the region must come before the file.
    if (region) form.append('region', region);
    form.append('file', file, file.name);
    return request<ImportUploaded>('POST', '/imports', { form });
  }),
  setImportMapping: mutation(
    'setImportMapping',
    (id: string, mapping: Record<string, string>, saveAs?: string) =>
      request<ImportJob>('PUT', `/imports/${encodeURIComponent(id)}/mapping`, {
        body: { mapping, ...(saveAs ? { saveAs } : {}) },
      }),
  ),
  validateImport: mutation('validateImport', (id: string) =>
    request<ImportJob>('POST', `/imports/${encodeURIComponent(id)}/validate`),
  ),
  commitImport: mutation('commitImport', (id: string, updateExisting: boolean) =>
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

  /** Rate versions and the calculators (features/rates). */
  rates: () => request<RateVersionList>('GET', '/rates'),
  addRateVersion: mutation('addRateVersion', (body: RateVersionInput) =>
    request<RateVersion>('POST', '/rates', { body }),
  ),
  calcBpu: (q: BpuCalcQuery) => request<BpuCalc>('GET', `/calc/bpu${queryString(calcQuery(q))}`),
  calcJakon: (q: JakonCalcQuery) => request<JakonCalc>('GET', `/calc/jakon${queryString(calcQuery(q))}`),
  calcBenefit: (q: BenefitCalcQuery) =>
    request<BenefitCalc>('GET', `/calc/benefit${queryString(calcQuery(q))}`),

  /** A page of the open possible duplicates (of one import when given), with their total. */
  duplicates: (q: { jobId?: string; cursor?: string; limit?: number } = {}, signal?: AbortSignal) =>
    request<DuplicatePage>(
      'GET',
      `/duplicates${queryString({ status: 'open', ...q })}`,
      signal ? { signal } : {},
    ),
  decideDuplicate: mutation(
    'decideDuplicate',
    (id: string, decision: 'merge' | 'keep_both', keepId?: string) =>
      request<{ id: string; status: string }>('POST', `/duplicates/${encodeURIComponent(id)}/decide`, {
        body: { decision, ...(keepId ? { keepId } : {}) },
      }),
  ),
};
