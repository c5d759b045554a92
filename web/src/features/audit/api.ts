import { type Answer, BASE, type Query, queryString, request } from '../../api/api.js';

export type AuditPage = Answer<'/audit', 'get'>;
export type AuditItem = Answer<'/audit/{id}/full', 'get'>;
export type AuditPeople = Answer<'/audit/people', 'post'>;
export type AuditQuery = Query<'/audit', 'get'>;

/** The query string of an audit filter, shared by the list request and the CSV link. */
export function auditQueryString(q: AuditQuery): string {
  return queryString({ ...q });
}

/** Where the browser downloads the audit trail as CSV (the session cookie goes along with a plain link). */
export const auditExportUrl = (q: AuditQuery) => `${BASE}/audit/export${auditQueryString(q)}`;

/** Every change is audited: each feature's changes make `['audit', …]` stale. */
export const auditKeys = {
  audit: (query: object) => ['audit', query] as const,
};

export const auditApi = {
  audit: (q: AuditQuery, signal?: AbortSignal) =>
    request<AuditPage>('GET', `/audit${auditQueryString(q)}`, signal ? { signal } : {}),
  /** One event with its full values; the server records that they were shown. */
  auditFull: (id: number) => request<AuditItem>('GET', `/audit/${id}/full`),
  /** The workers a NIK or name points to: in the body, so a NIK never appears in an address. */
  auditPeople: (query: string) => request<AuditPeople>('POST', '/audit/people', { body: { query } }),
};
