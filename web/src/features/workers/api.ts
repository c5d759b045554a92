import { type Answer, type Body, mutation, request } from '../../api/api.js';

export type Worker = Answer<'/workers/{id}', 'get'>;
export type WorkerPage = Answer<'/workers/search', 'post'>;
export type WorkerCreate = Body<'/workers', 'post'>;
export type WorkerPatch = Body<'/workers/{id}', 'patch'>;
export type NikRegistration = Answer<'/workers/nik-status', 'post'>;
export type NikCheck = Answer<'/nik/check', 'post'>;

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

/** The search as JSON: empty filters left out, numbers as numbers. */
function searchBody(q: WorkerQuery): Record<string, string | number> {
  const body: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === '') continue;
    body[k] = (k === 'ageMin' || k === 'ageMax') && typeof v === 'string' ? Number(v) : v;
  }
  return body;
}

export const workersKeys = {
  worker: (id: string) => ['workers', id] as const,
  workerSearch: (query: object) => ['workers', 'search', query] as const,
  /**
   * What a NIK encodes and whether it can still be registered (not for the record's own NIK): under
   * `workers`, so every change to the registry makes it stale. Memory only, cleared at sign-out.
   */
  nikCheck: (nik: string, isOwn: boolean) => ['workers', 'nik', nik, isOwn] as const,
};

/** A change to the registry makes every answer about workers stale; every change is audited. */
const WORKER_CHANGED = [{ queryKey: ['workers'] }, { queryKey: ['audit'] }];

export const workersApi = {
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
  createWorker: mutation(WORKER_CHANGED, (body: WorkerCreate) =>
    request<Worker>('POST', '/workers', { body }),
  ),
  updateWorker: mutation(WORKER_CHANGED, (id: string, body: WorkerPatch) =>
    request<Worker>('PATCH', `/workers/${encodeURIComponent(id)}`, { body }),
  ),
  deactivateWorker: mutation(WORKER_CHANGED, (id: string, reason: string, version: number) =>
    request<Worker>('POST', `/workers/${encodeURIComponent(id)}/deactivate`, { body: { reason, version } }),
  ),
};
