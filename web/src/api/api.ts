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
export type Region = Answer<'/regions', 'get'>['items'][number];
export type RegionDetail = Answer<'/regions/{code}', 'get'>;
export type Role = Answer<'/users/{id}', 'patch'>['role'];

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

/** Where the API is served; links the browser follows itself (downloads) start with it too. */
export const BASE = '/api/v1';
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

export async function request<T>(
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

/** `?a=1&b=2` of the parameters that are set. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

/** A multipart body: the fields that are set, in order (the server reads them before the file), then the file. */
export function formWith(fields: Record<string, string | undefined>, file: File): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, value);
  form.append('file', file, file.name);
  return form;
}

/**
 * The cached answers a change makes stale: those whose key starts with `queryKey` (only that key when
 * `exact`). Keys start with the resource (`['workers', id]`); app/queryClient.ts marks them stale.
 */
export interface StaleFilter {
  queryKey: readonly unknown[];
  exact?: boolean;
}

const mutationListeners = new Set<(stale: readonly StaleFilter[]) => void>();

/** Called after every successful change with what it made stale, so those answers can be refreshed. */
export function onMutated(listener: (stale: readonly StaleFilter[]) => void): () => void {
  mutationListeners.add(listener);
  return () => mutationListeners.delete(listener);
}

/**
 * A call that changes data, with the cached answers it makes stale (declared next to the call, in the
 * feature's api.ts): tells the listeners once the server has accepted it.
 */
export function mutation<Args extends unknown[], T>(
  stale: readonly StaleFilter[],
  call: (...args: Args) => Promise<T>,
) {
  return async (...args: Args): Promise<T> => {
    const result = await call(...args);
    for (const listener of mutationListeners) listener(stale);
    return result;
  };
}

const regionCache = new Map<string, Promise<Region[]>>();

/** The calls of the shell and of every page: the session, the deployment and the region hierarchy. */
export const api = {
  meta: () => request<Meta>('GET', '/meta'),
  me: () => request<Me>('GET', '/auth/me', { quiet401: true }),
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
};
